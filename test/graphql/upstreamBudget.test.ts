import { createHash } from 'node:crypto';
import { postRaw } from '../support/http';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { CONTACT, conversationJson, INBOX } from '../support/clientApi';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';

/**
 * One budget of upstream calls per HTTP request (GATEWAY_MAX_UPSTREAM_CALLS), batched operations together: writes
 * are counted before the first is sent, so a write request is refused whole or applied whole; reads past the budget
 * fail their own field.
 */

const items = (count: number, prefix = 'c') =>
  Array.from({ length: count }, (_v, i) => ({ inboxIdentifier: 'inbox-abc', contactIdentifier: `${prefix}${i}`, input: { name: 'N' } }));

/** A mutation with `aliases` copies of updateContacts over one shared `$items`, plus `singles` updateContact fields. */
function bulkDocument(aliases: number, singles = 0): string {
  const bulk = Array.from({ length: aliases }, (_v, i) => `b${i}: updateContacts(items: $items) { index error { code } }`);
  const one = Array.from(
    { length: singles },
    (_v, i) => `s${i}: updateContact(inboxIdentifier: "inbox-abc", contactIdentifier: "s${i}", input: { name: "N" }) { id }`,
  );
  return `mutation Many($items: [UpdateContactItemInput!]!) { ${[...bulk, ...one].join(' ')} }`;
}

const ENTITIES = `
  query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Contact { sourceId } }
  }`;
const representations = (count: number, prefix = 'r') =>
  Array.from({ length: count }, (_v, i) => ({ __typename: 'Contact', inboxIdentifier: 'inbox-abc', sourceId: `${prefix}${i}` }));

const echoContact = () => (request: { path: string }) => ({
  body: slimContact({ source_id: decodeURIComponent(request.path.split('/').pop() ?? '') }),
});

interface Answer {
  status: number;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } & Array<unknown>;
}

async function post(gateway: TestGateway, body: unknown): Promise<Answer> {
  const response = await postRaw(gateway.url, JSON.stringify(body), { 'content-type': 'application/json' });
  return { status: response.status, json: JSON.parse(response.text) as Answer['json'] };
}

describe('the budget of writes, with the default limits', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(echoContact());
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_HTTP_BATCHING: 'true' });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  it('refuses 15 aliases of updateContacts sharing one $items of 100 whole, writing nothing', async () => {
    const answer = await post(gateway, { query: bulkDocument(15), variables: { items: items(100) } });

    expect(answer.status).toBe(400);
    expect(answer.json.data ?? null).toBeNull();
    expect(answer.json.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'bulk_items', maximum: 1000 });
    expect(answer.json.errors?.[0]?.message).toContain('1500 items');
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('counts the items of batched operations together, and refuses the whole batch', async () => {
    const operation = { query: bulkDocument(1), variables: { items: items(600) } };
    const answer = await post(gateway, [operation, operation]);

    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'bulk_items' });
    expect(chatwoot.requests).toHaveLength(0);
  });
});

describe('the budget of writes, with small limits', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(echoContact());
    gateway = await startTestGateway(chatwoot.url, {
      GATEWAY_MAX_BULK_ITEMS: '20',
      GATEWAY_MAX_UPSTREAM_CALLS: '25',
      GATEWAY_HTTP_BATCHING: 'true',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  it('refuses writes that together exceed GATEWAY_MAX_UPSTREAM_CALLS before sending any', async () => {
    // 2 x 8 bulk items and 10 single updates: 26 writes for a budget of 25.
    const answer = await post(gateway, { query: bulkDocument(2, 10), variables: { items: items(8) } });

    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'upstream_calls', maximum: 25 });
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('applies writes that fit whole: every item and every single update reaches Chatwoot once', async () => {
    const answer = await post(gateway, { query: bulkDocument(2, 5), variables: { items: items(8) } });

    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    expect(chatwoot.requests.filter((r) => r.method === 'PATCH')).toHaveLength(21);
  });

  it('counts a persisted query sent by its hash alone once Apollo has resolved it, and refuses it whole', async () => {
    const query = bulkDocument(3);
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    // Registered with an empty list, which writes nothing.
    expect((await post(gateway, { query, variables: { items: [] }, extensions })).status).toBe(200);

    const answer = await post(gateway, { variables: { items: items(8) }, extensions });

    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'bulk_items', maximum: 20 });
    expect(chatwoot.requests).toHaveLength(0);
  });
});

describe('the budget of reads', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(echoContact());
    gateway = await startTestGateway(chatwoot.url, {
      GATEWAY_MAX_BULK_ITEMS: '100',
      GATEWAY_MAX_UPSTREAM_CALLS: '100',
      GATEWAY_HTTP_BATCHING: 'true',
      // The representation bound (1000 by default) would refuse 3,000 whole; this test is about the call budget.
      GATEWAY_MAX_ENTITY_REPRESENTATIONS: '5000',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  it('stops a fan-out of 3,000 _entities at the budget: the reads past it fail with QUERY_LIMIT_EXCEEDED', async () => {
    const answer = await post(gateway, { query: ENTITIES, variables: { representations: representations(3000) } });
    const data = answer.json.data as { _entities: Array<{ sourceId: string } | null> };
    const errors = answer.json.errors ?? [];

    expect(chatwoot.requests).toHaveLength(100);
    expect(data._entities.filter((entity) => entity !== null)).toHaveLength(100);
    expect(errors).toHaveLength(2900);
    expect(errors.every((e) => e.extensions?.code === 'QUERY_LIMIT_EXCEEDED' && e.extensions.limit === 'upstream_calls')).toBe(true);
    expect(errors[0]?.extensions?.maximum).toBe(100);
  });

  it('shares the budget between the operations of a batched request', async () => {
    const answers = await post(gateway, [
      { query: ENTITIES, variables: { representations: representations(80, 'a') } },
      { query: ENTITIES, variables: { representations: representations(80, 'b') } },
    ]);

    expect(answers.json).toHaveLength(2);
    expect(chatwoot.requests).toHaveLength(100);
  });

  it('gives each HTTP request a budget of its own', async () => {
    for (let round = 0; round < 2; round += 1) {
      const answer = await post(gateway, { query: ENTITIES, variables: { representations: representations(60, `x${round}`) } });
      expect(answer.json.errors).toBeUndefined();
    }
    expect(chatwoot.requests).toHaveLength(120);
  });
});

describe('the budget of reads over upstream lists', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    // A contact with 300 conversations, each without messages.
    chatwoot = await startFakeChatwoot((request) => {
      if (request.path.endsWith('/conversations')) return { body: Array.from({ length: 300 }, (_v, i) => conversationJson(i + 1)) };
      if (request.path.endsWith('/messages')) return { body: [] };
      return { body: slimContact({ source_id: CONTACT }) };
    });
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_MAX_BULK_ITEMS: '50', GATEWAY_MAX_UPSTREAM_CALLS: '50' });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('bounds aliases of messages(before:) over every conversation of a contact by the same budget', async () => {
    const pages = Array.from({ length: 5 }, (_v, i) => `p${i}: messages(before: "${i + 1}") { id }`).join(' ');
    const answer = await post(gateway, {
      query: `{ contact(inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}") { conversations { ${pages} } } }`,
    });
    const errors = answer.json.errors ?? [];

    // The contact, its list of conversations and 48 pages of messages; the other 1,452 pages were never asked for.
    expect(chatwoot.requests).toHaveLength(50);
    // messages is non-null, so the first refused page nulls the list it is in; the errors are the refusals.
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.extensions?.code === 'QUERY_LIMIT_EXCEEDED' && e.extensions.limit === 'upstream_calls')).toBe(true);
  });
});
