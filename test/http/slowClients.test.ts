import { connect, type Socket } from 'node:net';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';

/** Slow and many clients are bounded by the server's own limits, configured by GATEWAY_* variables. */

function open(url: string): Promise<Socket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the time from now until the server closes `socket` (or null after `boundMs`). */
function closedWithin(socket: Socket, boundMs: number): Promise<{ ms: number | null; received: string }> {
  const started = Date.now();
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ms: null, received }), boundMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - started, received });
    });
  });
}

describe('slow and many clients', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    gateway = await startTestGateway(chatwoot.url, {
      GATEWAY_HEADERS_TIMEOUT_MS: '500',
      GATEWAY_REQUEST_TIMEOUT_MS: '2000',
      GATEWAY_MAX_CONNECTIONS: '3',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('closes a slowloris connection that sends its headers byte by byte, at the headers timeout', async () => {
    const socket = await open(gateway.url);
    const closed = closedWithin(socket, 8_000);
    const request = 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(200);
    // One byte every 50 ms: the headers would take 12 s to arrive; bounded by the loop and by the socket closing.
    for (let i = 0; i < request.length && !socket.destroyed; i += 1) {
      socket.write(request[i]!);
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (socket.readableEnded) break;
    }
    const { ms, received } = await closed;
    socket.destroy();

    expect(ms).not.toBeNull();
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 15_000);

  it('accepts no more than GATEWAY_MAX_CONNECTIONS connections at once', async () => {
    const held = await Promise.all([open(gateway.url), open(gateway.url), open(gateway.url)]);
    const extra = await open(gateway.url);
    const { ms } = await closedWithin(extra, 3_000);
    const heldStillOpen = held.every((socket) => !socket.destroyed && !socket.readableEnded);
    for (const socket of held) socket.destroy();

    expect(ms).not.toBeNull();
    expect(heldStillOpen).toBe(true);
  });
});
