import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { captureLogs, type CapturedLogs } from '../support/logs';
import { listenOnLoopback, type RunningServer, slimContact } from '../support/servers';
import { startSelfSignedChatwoot } from '../support/tls';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Fault injection: a sick Chatwoot (or network) must produce the documented code within the call's deadline, leave
 * the gateway answering, leave no upstream socket behind, and never leak the token into an answer or a log line.
 */

const TOKEN = 'fault-suite-token-SECRET-77aa';
const PROXY_PASSWORD = 'proxy-pa55word-SECRET';
const DEADLINE_MS = 600;
const READ = `query { contact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1", options: { timeoutMs: ${DEADLINE_MS} }) { id } }`;
const WRITE = `mutation { updateContact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1", input: { name: "A" }, options: { timeoutMs: ${DEADLINE_MS} }) { id } }`;

type Fault = (req: IncomingMessage, res: ServerResponse) => void;

const contactJson = JSON.stringify(slimContact());
const healthy: Fault = (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(contactJson);
};
const status = (code: number, body: string, headers: Record<string, string> = {}): Fault => (_req, res) => {
  res.writeHead(code, { 'content-type': 'application/json', ...headers });
  res.end(body);
};

interface Scenario {
  readonly name: string;
  readonly fault: Fault;
  readonly document: string;
  readonly code: string;
  readonly extensions?: Record<string, unknown>;
}

const scenarios: Scenario[] = [
  { name: 'a reset connection (write)', fault: (req) => req.socket.destroy(), document: WRITE, code: 'UPSTREAM_UNAVAILABLE', extensions: { reason: 'connection_reset' } },
  { name: 'a reset connection on every read attempt', fault: (req) => req.socket.destroy(), document: READ, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'slow headers', fault: () => undefined, document: WRITE, code: 'UPSTREAM_TIMEOUT', extensions: { timeoutMs: DEADLINE_MS } },
  {
    name: 'a slow body',
    fault: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(contactJson.length) });
      res.write(contactJson.slice(0, 5));
    },
    document: READ,
    code: 'UPSTREAM_TIMEOUT',
  },
  {
    name: 'a body cut off halfway',
    fault: (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(contactJson.length) });
      res.write(contactJson.slice(0, 5), () => req.socket.destroy());
    },
    document: READ,
    code: 'UPSTREAM_UNAVAILABLE',
  },
  { name: 'HTTP 500', fault: status(500, '{"error":"boom"}'), document: WRITE, code: 'UPSTREAM_UNAVAILABLE', extensions: { upstream: { status: 500, method: 'PATCH', path: '/public/api/v1/inboxes/inbox-abc/contacts/contact-1' } } },
  { name: 'HTTP 502', fault: status(502, '<html>bad gateway</html>'), document: READ, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'HTTP 503', fault: status(503, ''), document: READ, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'HTTP 504', fault: status(504, ''), document: WRITE, code: 'UPSTREAM_UNAVAILABLE' },
  { name: '429 with Retry-After', fault: status(429, 'Retry later', { 'retry-after': '120' }), document: READ, code: 'RATE_LIMITED', extensions: { retryAfterSeconds: 120 } },
  { name: '429 without Retry-After', fault: status(429, 'Retry later'), document: WRITE, code: 'RATE_LIMITED' },
  { name: 'invalid JSON', fault: status(200, '{"id": 1, "name": '), document: WRITE, code: 'UPSTREAM_UNAVAILABLE', extensions: { reason: 'invalid_response' } },
  {
    name: 'a 10 MB body',
    fault: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    },
    document: READ,
    code: 'UPSTREAM_UNAVAILABLE',
    extensions: { reason: 'response_too_large' },
  },
];

/** Connections the fake Chatwoot holds open right now. */
function openConnections(sockets: Set<Socket>): number {
  return [...sockets].filter((s) => !s.destroyed).length;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

describe('upstream faults', () => {
  let upstream: RunningServer;
  let sockets: Set<Socket>;
  /** Responses neither finished nor cut off: a request the gateway left hanging on an open socket. */
  const unfinished = new Set<ServerResponse>();
  let fault: Fault = healthy;
  let gateway: TestGateway;
  let logs: CapturedLogs;
  const bodies: string[] = [];

  beforeAll(async () => {
    sockets = new Set();
    const server = createServer((req, res) => {
      unfinished.add(res);
      res.once('close', () => unfinished.delete(res));
      req.resume();
      req.on('end', () => fault(req, res));
    });
    server.on('connection', (socket: Socket) => sockets.add(socket));
    upstream = await listenOnLoopback(server);
    const captured = captureLogs('debug');
    logs = captured.logs;
    gateway = await startTestGateway(
      upstream.url,
      { CHATWOOT_API_ACCESS_TOKEN: TOKEN, GATEWAY_RETRY_BASE_DELAY_MS: '10', GATEWAY_MAX_RESPONSE_BYTES: String(5 * 1024 * 1024) },
      { logger: captured.logger },
    );
  });
  afterAll(async () => {
    await gateway.close();
    // Closing the gateway closes its pooled connections: nothing is left open towards Chatwoot.
    expect(await waitFor(() => openConnections(sockets) === 0, 2000)).toBe(true);
    await upstream.close();
    for (const text of [...bodies, logs.text()]) expect(text).not.toContain(TOKEN);
  });

  it.each(scenarios)('answers $code for $name, within the deadline, and keeps answering', async (scenario) => {
    fault = scenario.fault;
    const started = Date.now();
    const result = await gateway.query(scenario.document);
    const elapsed = Date.now() - started;
    bodies.push(result.text);

    expect(result.errors?.[0]?.extensions?.code).toBe(scenario.code);
    if (scenario.extensions) expect(result.errors?.[0]?.extensions).toMatchObject(scenario.extensions);
    // The deadline bounds each attempt and every retry wait; allow scheduling slack on a busy machine.
    expect(elapsed).toBeLessThan(DEADLINE_MS + 1500);

    fault = healthy;
    const after = await gateway.query(READ);
    bodies.push(after.text);
    expect(after.errors).toBeUndefined();
    // Abandoned calls had their sockets destroyed: no request is left hanging, and only a few idle keep-alive
    // connections (one per retry attempt at most) stay pooled.
    expect(await waitFor(() => unfinished.size === 0, 2000)).toBe(true);
    expect(openConnections(sockets)).toBeLessThanOrEqual(3);
  });

  it('answers UPSTREAM_UNAVAILABLE (connection_refused) when nothing listens', async () => {
    const closed = createNetServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const local = await startTestGateway(`http://127.0.0.1:${port}`, { CHATWOOT_API_ACCESS_TOKEN: TOKEN });
    try {
      const result = await local.query(READ);
      bodies.push(result.text);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'connection_refused' });
      expect((await local.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
    } finally {
      await local.close();
    }
  });

  it('answers UPSTREAM_TLS_ERROR for an untrusted certificate, without retrying', async () => {
    const tls = await startSelfSignedChatwoot(slimContact());
    const local = await startTestGateway(tls.url, { CHATWOOT_API_ACCESS_TOKEN: TOKEN });
    try {
      const result = await local.query(READ);
      bodies.push(result.text);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TLS_ERROR' });
      expect(tls.requests).toBe(0);
      expect((await local.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
    } finally {
      await local.close();
      await tls.close();
    }
  });

  it('answers UPSTREAM_UNAVAILABLE when the HTTP_PROXY answers 407, and never shows the proxy password', async () => {
    let proxied = 0;
    const proxy = await listenOnLoopback(
      createServer((_req, res) => {
        proxied += 1;
        res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' });
        res.end();
      }).on('connect', (_req, socket: Socket) => {
        proxied += 1;
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="proxy"\r\ncontent-length: 0\r\n\r\n');
      }),
    );
    const captured = captureLogs('debug');
    // The operator's proxy comes from the environment, read (like every variable) by loadConfig.
    const env = { CHATWOOT_API_ACCESS_TOKEN: TOKEN, HTTP_PROXY: `http://gateway:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}` };
    const local = await startTestGateway(upstream.url, env, { logger: captured.logger });
    try {
      const started = Date.now();
      const result = await local.query(WRITE);
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 1500);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'proxy' });
      expect(proxied).toBe(1);
      for (const text of [result.text, captured.logs.text()]) {
        expect(text).not.toContain(PROXY_PASSWORD);
        expect(text).not.toContain(TOKEN);
      }
    } finally {
      await local.close();
      await proxy.close();
    }
  });
});
