import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { listenOnLoopback, type RunningServer } from './servers';

/**
 * A real forward proxy on 127.0.0.1 (port 0) that records what passes through it. It tunnels CONNECT requests
 * (what undici's ProxyAgent sends, for http:// and https:// targets alike) and forwards absolute-form requests.
 * With `credentials` set it answers 407 to any request whose Proxy-Authorization does not carry them.
 * It only ever connects to loopback targets.
 */

export interface ProxiedRequest {
  /** CONNECT, or the method of an absolute-form request. */
  readonly method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  readonly target: string;
  /** The Proxy-Authorization header as received, if any. */
  readonly proxyAuthorization?: string;
  /** Whether the proxy let it through. */
  readonly allowed: boolean;
}

export interface TestProxy extends RunningServer {
  readonly requests: ProxiedRequest[];
  /** `http://127.0.0.1:port`, without credentials. */
  readonly url: string;
}

export interface TestProxyOptions {
  /** `user:password` the client must present as Basic Proxy-Authorization. */
  readonly credentials?: string;
}

export async function startTestProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const requests: ProxiedRequest[] = [];
  const tunnels = new Set<Duplex>();
  const expected = options.credentials ? `Basic ${Buffer.from(options.credentials).toString('base64')}` : undefined;

  const admit = (req: IncomingMessage, target: string): boolean => {
    const proxyAuthorization = req.headers['proxy-authorization'];
    const allowed = expected === undefined || proxyAuthorization === expected;
    requests.push({ method: req.method ?? '', target, proxyAuthorization, allowed });
    return allowed;
  };

  const server = createServer((req, res) => {
    const target = req.url ?? '';
    if (!admit(req, target)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const url = new URL(target);
    if (!isLoopback(url.hostname)) {
      res.writeHead(403).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.add(client);
    client.once('close', () => tunnels.delete(client));
    client.on('error', () => client.destroy());
    if (!admit(req, target)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host, port] = splitHostPort(target);
    if (!isLoopback(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream: Socket = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.once('close', () => {
      tunnels.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.once('close', () => upstream.destroy());
  });

  const running = await listenOnLoopback(server);
  return {
    ...running,
    requests,
    async close() {
      for (const socket of tunnels) socket.destroy();
      await running.close();
    },
  };
}

function splitHostPort(target: string): [string, number] {
  const at = target.lastIndexOf(':');
  return [target.slice(0, at).replace(/^\[|\]$/g, ''), Number(target.slice(at + 1))];
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}
