import { createHash } from 'node:crypto';
import { request } from 'undici';
import { useGatewayWithFakeChatwoot } from '../support/harness';

describe('GraphQL over HTTP', () => {
  const harness = useGatewayWithFakeChatwoot();

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    request(harness.gateway.url, { method: 'POST', body, headers });

  it('answers a body that is not JSON with 400 and code BAD_REQUEST', async () => {
    const response = await post('{"query": ');
    expect(response.statusCode).toBe(400);
    const body = (await response.body.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body over 1 MiB with 413 before reading it all', async () => {
    const response = await post(JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(1024 * 1024 + 1) }));
    expect(response.statusCode).toBe(413);
    const body = (await response.body.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('blocks a simple cross-site POST (text/plain) as CSRF, without calling Chatwoot', async () => {
    const before = harness.chatwoot.requests.length;
    const response = await post(
      JSON.stringify({ query: 'mutation { updateContact(inboxIdentifier: "i", contactIdentifier: "c", input: {name: "x"}) { id } }' }),
      { 'content-type': 'text/plain' },
    );
    expect(response.statusCode).toBe(400);
    const text = await response.body.text();
    expect(text).toMatch(/CSRF|content-type/i);
    expect(harness.chatwoot.requests.length).toBe(before);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const response = await post(JSON.stringify({ query: 'mutation {' }));
    const body = (await response.body.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await post(JSON.stringify({ query: '{ nope }' }));
    const body = (await response.body.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps PERSISTED_QUERY_NOT_FOUND so that APQ clients resend the full query', async () => {
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const miss = await post(JSON.stringify({ extensions }));
    const missBody = (await miss.body.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(missBody.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const full = await post(JSON.stringify({ query, extensions }));
    expect(await full.body.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers 404 with a pointer to /graphql for other paths', async () => {
    const response = await request(harness.gateway.url.replace('/graphql', '/nope'));
    expect(response.statusCode).toBe(404);
    expect(await response.body.text()).toContain('/graphql');
  });
});
