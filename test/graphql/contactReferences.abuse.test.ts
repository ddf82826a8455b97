/** GATEWAY_MAX_CONCURRENT_READS by default: the most reads one GraphQL request runs at once. */
const CONTACT_REFERENCE_CONCURRENCY = 8;
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';

/**
 * What a careless router or a hostile client can send straight to the subgraph's `_entities` field: representations
 * without their key, blank or odd identifiers, and many references at once.
 */

const ENTITIES = `
  query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Contact { inboxIdentifier sourceId name } }
  }`;

type Entity = { inboxIdentifier: string | null; sourceId: string | null; name: string | null } | null;

describe('Contact references sent to _entities', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(async (request) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
      const contact = decodeURIComponent(request.path.split('/').pop() ?? '');
      return { body: slimContact({ source_id: contact, name: `Name of ${contact}` }) };
    });
    gateway = await startTestGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
    maxInFlight = 0;
  });

  const entities = (representations: unknown[]) =>
    gateway.query<{ _entities: Entity[] }>(ENTITIES, { representations });

  it('answers null, without calling Chatwoot, for a representation that lacks part of its key', async () => {
    const result = await entities([
      { __typename: 'Contact', inboxIdentifier: 'inbox-a' },
      { __typename: 'Contact', sourceId: 'contact-1' },
      { __typename: 'Contact', inboxIdentifier: null, sourceId: 'contact-1' },
    ]);
    expect(result.data?._entities).toEqual([null, null, null]);
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('refuses a blank identifier as bad input, without calling Chatwoot', async () => {
    const result = await entities([{ __typename: 'Contact', inboxIdentifier: 'inbox-a', sourceId: '   ' }]);
    expect(result.data?._entities).toEqual([null]);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('encodes identifiers into the path, and does not confuse keys that only differ by where they split', async () => {
    const result = await entities([
      { __typename: 'Contact', inboxIdentifier: 'a/b', sourceId: 'c' },
      { __typename: 'Contact', inboxIdentifier: 'a', sourceId: 'b/c' },
      { __typename: 'Contact', inboxIdentifier: 'a', sourceId: '../../accounts/1' },
    ]);
    expect(result.errors).toBeUndefined();
    expect(chatwoot.requests.map((r) => r.path).sort()).toEqual([
      '/public/api/v1/inboxes/a%2Fb/contacts/c',
      '/public/api/v1/inboxes/a/contacts/..%2F..%2Faccounts%2F1',
      '/public/api/v1/inboxes/a/contacts/b%2Fc',
    ]);
    expect(result.data?._entities.map((e) => e?.sourceId)).toEqual(['c', 'b/c', '../../accounts/1']);
  });

  it('keeps at most 8 reads in flight however many distinct contacts one request names', async () => {
    const representations = Array.from({ length: 120 }, (_, i) => ({
      __typename: 'Contact',
      inboxIdentifier: 'inbox-a',
      sourceId: `contact-${i % 60}`,
    }));
    const result = await entities(representations);

    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toHaveLength(120);
    expect(result.data?._entities[61]).toEqual({ inboxIdentifier: 'inbox-a', sourceId: 'contact-1', name: 'Name of contact-1' });
    expect(chatwoot.requests).toHaveLength(60);
    expect(maxInFlight).toBeLessThanOrEqual(CONTACT_REFERENCE_CONCURRENCY);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('reads with the caller token of the request that sent the references', async () => {
    await gateway.query(ENTITIES, { representations: [{ __typename: 'Contact', inboxIdentifier: 'i', sourceId: 's' }] }, {
      'api-access-token': 'caller-token-1',
    });
    expect(chatwoot.last().headers['api-access-token']).toBe('caller-token-1');
  });
});
