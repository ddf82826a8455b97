import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';

const CONTACT = (id: string) => ({
  query: `query { contact(inboxIdentifier: "inbox-abc", contactIdentifier: "${id}") { sourceId } }`,
});

/** POSTs a raw body, as a client batching its operations would. */
async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

describe('GraphQL-over-HTTP batched requests', () => {
  let chatwoot: FakeChatwoot;
  let batching: TestGateway;
  let plain: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => ({ body: slimContact({ source_id: request.path.split('/').at(-1) }) }));
    batching = await startTestGateway(chatwoot.url, { GATEWAY_HTTP_BATCHING: 'true', GATEWAY_HTTP_BATCH_MAX: '3' });
    plain = await startTestGateway(chatwoot.url);
  });
  afterAll(async () => {
    await Promise.all([batching.close(), plain.close()]);
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  it('answers a JSON array of operations with an array of results in the same order', async () => {
    const { status, json } = await post(batching.url, [CONTACT('a'), CONTACT('b'), CONTACT('c')]);

    expect(status).toBe(200);
    expect(json).toEqual([
      { data: { contact: { sourceId: 'a' } } },
      { data: { contact: { sourceId: 'b' } } },
      { data: { contact: { sourceId: 'c' } } },
    ]);
  });

  it('keeps one operation’s error inside its own result', async () => {
    chatwoot.reply((request) =>
      request.path.endsWith('/missing') ? { status: 404, body: { error: 'not found' } } : { body: slimContact() },
    );
    try {
      const { status, json } = await post(batching.url, [CONTACT('missing'), CONTACT('contact-1')]);
      const results = json as Array<{ data?: unknown; errors?: Array<{ extensions: { code: string } }> }>;

      expect(status).toBe(200);
      expect(results[0]!.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect(results[1]).toEqual({ data: { contact: { sourceId: 'contact-1' } } });
    } finally {
      chatwoot.reply((request) => ({ body: slimContact({ source_id: request.path.split('/').at(-1) }) }));
    }
  });

  it('refuses a batch longer than GATEWAY_HTTP_BATCH_MAX with HTTP 400 and BAD_REQUEST before running any of it', async () => {
    const { status, json } = await post(batching.url, [CONTACT('a'), CONTACT('b'), CONTACT('c'), CONTACT('d')]);

    expect(status).toBe(400);
    expect(json).toEqual({
      errors: [{ message: expect.stringContaining('at most 3') as unknown, extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('refuses batched requests with HTTP 400 when GATEWAY_HTTP_BATCHING is not enabled', async () => {
    const { status, json } = await post(plain.url, [CONTACT('a')]);

    expect(status).toBe(400);
    expect(json).toEqual({ errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(chatwoot.requests).toHaveLength(0);
  });
});
