import { connect } from 'node:net';
import { useGatewayWithFakeChatwoot } from '../support/harness';

/** What Node itself refuses, before any handler of ours runs, still answers in the gateway's JSON error shape. */

/** Writes `request` on a new connection to the gateway and returns everything the server sends until it closes. */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.end(request);
  });
}

function parse(raw: string): { status: number; headers: string; body: unknown } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head.toLowerCase(), body: JSON.parse(raw.slice(split + 4)) };
}

describe("Node's own refusals", () => {
  const harness = useGatewayWithFakeChatwoot();
  const port = () => Number(new URL(harness.gateway.url).port);

  it('answers headers larger than Node accepts with 431 and a coded JSON error', async () => {
    const raw = await exchange(port(), `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const answer = parse(raw);
    expect(answer.status).toBe(431);
    expect(answer.headers).toContain('content-type: application/json');
    expect(answer.body).toEqual({ errors: [{ message: 'The request headers are larger than this server accepts.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('answers a malformed request with 400 and a coded JSON error', async () => {
    const raw = await exchange(port(), 'THIS IS NOT HTTP\r\n\r\n');
    const answer = parse(raw);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ message: 'The HTTP request is malformed.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('keeps serving after refusals', async () => {
    await exchange(port(), 'GET / HTTP/1.1\r\nBad Header Line\r\n\r\n');
    const result = await harness.gateway.query('{ __typename }');
    expect(result.data).toEqual({ __typename: 'Query' });
  });
});
