import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Disposable real servers on 127.0.0.1, port 0. Every socket is tracked so that teardown can destroy what a test
 * left open and jest never waits on a keep-alive connection.
 */

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(server: Server, scheme: 'http' | 'https' = 'http'): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** What the fake Chatwoot received. */
export interface RecordedRequest {
  method: string;
  /** The raw request target as it arrived: path and query, undecoded. */
  url: string;
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  /** The raw body text. */
  text: string;
  /** The body's bytes as received (for binary bodies such as multipart uploads). */
  raw: Buffer;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  /** The client's port: the same for calls that reuse one keep-alive connection. */
  remotePort: number | undefined;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** A value sent as JSON, or a string sent as-is. */
  body?: unknown;
  /** Wait this long before answering (headers included). */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeChatwoot extends RunningServer {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Replaces how the fake answers (default: 200 with a contact echoing the path's identifiers). */
  reply(handler: FakeHandler): void;
  /** The most recent request; fails the test if there is none. */
  last(): RecordedRequest;
}

/** A contact in the slim shape Chatwoot 4.16 returns. */
export function slimContact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source_id: 'contact-1',
    pubsub_token: 'pubsubTokenAAAAAAAAAAAAA',
    id: 42,
    name: 'Alice',
    email: 'alice@example.com',
    phone_number: '+14155550123',
    ...overrides,
  };
}

/** A fake Chatwoot over plain HTTP that records every request and answers as the test tells it. */
export async function startFakeChatwoot(handler?: FakeHandler): Promise<FakeChatwoot> {
  const requests: RecordedRequest[] = [];
  let current: FakeHandler = handler ?? (() => ({ body: slimContact() }));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = raw.toString('utf8');
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url,
        path: q === -1 ? url : url.slice(0, q),
        query: q === -1 ? '' : url.slice(q),
        headers: req.headers,
        text,
        raw,
        json,
        remotePort: req.socket.remotePort,
      };
      requests.push(recorded);
      Promise.resolve(current(recorded))
        .then(async (reply) => {
          // unref: a reply still waiting when the test ends must not keep jest alive.
          if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs).unref());
          if (reply.reset) {
            req.socket.destroy();
            return;
          }
          if (res.destroyed) return;
          res.statusCode = reply.status ?? 200;
          const isString = typeof reply.body === 'string';
          if (!isString && reply.body !== undefined) res.setHeader('content-type', 'application/json; charset=utf-8');
          for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
          res.end(reply.body === undefined ? '' : isString ? (reply.body as string) : JSON.stringify(reply.body));
        })
        .catch(() => req.socket.destroy());
    });
  });
  const running = await listenOnLoopback(server);
  return {
    ...running,
    requests,
    reply(next) {
      current = next;
    },
    last() {
      const request = requests[requests.length - 1];
      if (!request) throw new Error('the fake Chatwoot received no request');
      return request;
    },
  };
}
