import { getRaw, postRaw } from '../support/http';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Abuse cases: what a hostile or careless client sends to make the gateway work hard or fan out to Chatwoot.
 * Each is refused before anything reaches Chatwoot, with a code from the catalogue.
 */
describe('abuse limits', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    gateway = await startTestGateway(chatwoot.url, {
      GATEWAY_MAX_DEPTH: '4',
      GATEWAY_MAX_ALIASES: '3',
      GATEWAY_MAX_COST: '30',
      GATEWAY_MAX_TOKENS: '400',
      GATEWAY_MAX_BODY_BYTES: '4096',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  afterEach(() => {
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('refuses a document nested deeper than GATEWAY_MAX_DEPTH with QUERY_LIMIT_EXCEEDED (depth)', async () => {
    const deep = '{ __schema { types { fields { type { ofType { name } } } } } }';
    const result = await gateway.query(`query Deep ${deep.replace('__schema', '__type(name: "Contact")')}`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', maximum: 4 });
    expect(result.errors?.[0]?.message).toMatch(/depth limit of 4/);
  });

  it('refuses more aliases than GATEWAY_MAX_ALIASES with QUERY_LIMIT_EXCEEDED (aliases)', async () => {
    const aliases = Array.from({ length: 5 }, (_, i) => `c${i}: contact(inboxIdentifier: "i", contactIdentifier: "c") { id }`);
    const result = await gateway.query(`{ ${aliases.join(' ')} }`);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases', maximum: 3 });
  });

  it('refuses a document costing more than GATEWAY_MAX_COST with QUERY_LIMIT_EXCEEDED (cost)', async () => {
    const fields = 'id name email phoneNumber identifier sourceId avatarUrl customAttributes pubsubToken inboxIdentifier';
    const selections = Array.from({ length: 3 }, () => `contact(inboxIdentifier: "i", contactIdentifier: "c") { ${fields} }`);
    const result = await gateway.query(`{ ${selections.join(' ')} }`);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', maximum: 30 });
  });

  it('stops parsing past GATEWAY_MAX_TOKENS with QUERY_LIMIT_EXCEEDED (tokens)', async () => {
    const result = await gateway.query(`{ ${'a '.repeat(500)} }`);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'tokens', maximum: 400 });
  });

  it('refuses a body larger than GATEWAY_MAX_BODY_BYTES with HTTP 413 and PAYLOAD_TOO_LARGE', async () => {
    const result = await postRaw(gateway.url, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(5000) } }));
    expect(result.status).toBe(413);
    expect(result.json?.errors?.[0]?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('keeps CSRF prevention on: a GET without a preflight-forcing header is refused', async () => {
    const result = await getRaw(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(result.status).toBe(400);
    expect(result.json?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an unknown persisted-query hash and BAD_REQUEST for a mismatched one', async () => {
    const unknown = await postRaw(gateway.url, JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }));
    expect(unknown.json?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const mismatched = await postRaw(
      gateway.url,
      JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }),
    );
    expect(mismatched.json?.errors?.[0]).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  it('answers introspection outside production', async () => {
    const result = await gateway.query('{ __schema { queryType { name } } }');
    expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('production defaults', () => {
  it('refuses introspection when NODE_ENV=production unless GATEWAY_INTROSPECTION=true', async () => {
    const chatwoot = await startFakeChatwoot();
    const production = await startTestGateway(chatwoot.url, { NODE_ENV: 'production' });
    const enabled = await startTestGateway(chatwoot.url, { NODE_ENV: 'production', GATEWAY_INTROSPECTION: 'true' });
    try {
      const refused = await production.query('{ __schema { queryType { name } } }');
      expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(refused.errors?.[0]?.message).toMatch(/introspection/i);
      const allowed = await enabled.query('{ __schema { queryType { name } } }');
      expect(allowed.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await production.close();
      await enabled.close();
      await chatwoot.close();
    }
  });
});

describe('CORS (GATEWAY_CORS_ORIGINS)', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('sends no CORS headers at all by default', async () => {
    const chatwoot = await startFakeChatwoot();
    const gateway = await startTestGateway(chatwoot.url);
    try {
      const result = await gateway.query('{ __typename }', undefined, { origin: 'https://app.example.com' });
      expect(result.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await gateway.close();
      await chatwoot.close();
    }
  });

  it('allows exactly the listed origins, answering their preflight, and ignores others', async () => {
    const chatwoot = await startFakeChatwoot();
    const gateway = await startTestGateway(chatwoot.url, { GATEWAY_CORS_ORIGINS: 'https://app.example.com, https://admin.example.com' });
    try {
      const allowed = await preflight(gateway.url, 'https://app.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      const other = await gateway.query('{ __typename }', undefined, { origin: 'https://evil.example.net' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const listed = await gateway.query('{ __typename }', undefined, { origin: 'https://admin.example.com' });
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
      expect(listed.headers.get('access-control-expose-headers')).toContain('x-request-id');
    } finally {
      await gateway.close();
      await chatwoot.close();
    }
  });
});
