import { request } from 'node:http';
import { slimContact, startFakeChatwoot, type FakeChatwoot } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';

const QUERY = 'query { contact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1") { id name } }';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** POSTs `chunks` one write at a time (chunked transfer unless a content-length is given), as a client could. */
function post(url: string, chunks: Array<string | Buffer>, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('the GraphQL endpoint reading request bodies', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ body: slimContact() }));
    gateway = await startTestGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('reads a JSON body that arrives in several chunks', async () => {
    const body = JSON.stringify({ query: QUERY });
    const answer = await post(gateway.url, [body.slice(0, 10), body.slice(10, 30), body.slice(30)]);

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { contact: { id: '42', name: 'Alice' } } });
  });

  it('answers 413 to a body without Content-Length once it passes 1 MiB', async () => {
    const piece = Buffer.alloc(256 * 1024, ' ');
    const answer = await post(gateway.url, ['{"query":"', piece, piece, piece, piece, piece, '"}']);

    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(chatwoot.requests).toHaveLength(1);
  });

  it('answers 413 at once when the declared Content-Length passes 1 MiB', async () => {
    const answer = await post(gateway.url, ['{}'], { 'content-length': String(2 * 1024 * 1024) }).catch(
      (error: NodeJS.ErrnoException) => ({ status: -1, headers: {}, text: error.code ?? '' }),
    );

    // The gateway answers before the body arrives; the client may see the answer or a reset, never a 200.
    expect([413, -1]).toContain(answer.status);
  });

  it('answers 400 with BAD_REQUEST to a body that is not JSON', async () => {
    const answer = await post(gateway.url, ['{"query": ']);

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('marks every GraphQL answer cache-control: no-store, since it holds personal data', async () => {
    const ok = await post(gateway.url, [JSON.stringify({ query: QUERY })]);
    const invalid = await post(gateway.url, [JSON.stringify({ query: '{ nope }' })]);

    expect(ok.headers['cache-control']).toBe('no-store');
    expect(invalid.headers['cache-control']).toBe('no-store');
  });
});
