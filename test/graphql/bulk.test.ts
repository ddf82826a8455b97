import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, type FakeHandler, slimContact, startFakeChatwoot } from '../support/servers';

const UPDATE_MANY = `
  mutation UpdateMany($items: [UpdateContactItemInput!]!, $options: RequestOptionsInput) {
    updateContacts(items: $items, options: $options) {
      index
      contact { sourceId name }
      error { code message }
    }
  }`;

const UPDATE_ONE = `
  mutation Update($contact: String!) {
    updateContact(inboxIdentifier: "inbox-abc", contactIdentifier: $contact, input: { name: "Alice" }) { id }
  }`;

interface Result {
  index: number;
  contact: { sourceId: string; name: string } | null;
  error: { code: string; message: string } | null;
}

const items = (ids: string[]) => ids.map((id) => ({ inboxIdentifier: 'inbox-abc', contactIdentifier: id, input: { name: `Name ${id}` } }));
const ids = (count: number) => Array.from({ length: count }, (_v, i) => `c${i}`);

/** What the fake saw: how many calls were in flight at most, and when each contact's call arrived. */
interface Observed {
  maxInFlight: number;
  arrivals: Map<string, number>;
}

/** Answers after `holdMs` (echoing the contact), 404 for contact "missing"; measures concurrency as it goes. */
function observingHandler(observed: Observed, holdMs: number | ((id: string) => number)): FakeHandler {
  let inFlight = 0;
  return async (request) => {
    const id = request.path.split('/').at(-1)!;
    observed.arrivals.set(id, performance.now());
    inFlight += 1;
    observed.maxInFlight = Math.max(observed.maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, typeof holdMs === 'number' ? holdMs : holdMs(id)));
    inFlight -= 1;
    if (id === 'missing') return { status: 404, body: { error: 'Resource could not be found' } };
    return { body: slimContact({ source_id: id, name: (request.json as { name?: string }).name }) };
  };
}

describe('updateContacts', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    gateway = await startTestGateway(chatwoot.url, {
      GATEWAY_MAX_BULK_ITEMS: '12',
      GATEWAY_DEFAULT_BATCH_SIZE: '2',
      GATEWAY_ALLOWED_PROXIES: 'http://proxy.internal:3128',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
    chatwoot.reply(() => ({ body: slimContact() }));
  });

  it('runs at most itemsPerBatch calls at once and starts batches at least batchIntervalMs apart', async () => {
    const k = 3;
    const intervalMs = 200;
    // Open k keep-alive connections first, so that connection set-up does not blur the measured spacing.
    await gateway.query(UPDATE_MANY, { items: items(ids(k)), options: { batching: { itemsPerBatch: k } } });
    const observed: Observed = { maxInFlight: 0, arrivals: new Map() };
    // Each call is held 100 ms, so the calls of one batch overlap even on a busy machine.
    chatwoot.reply(observingHandler(observed, 100));

    const list = ids(8);
    const result = await gateway.query<{ updateContacts: Result[] }>(UPDATE_MANY, {
      items: items(list),
      options: { batching: { itemsPerBatch: k, batchIntervalMs: intervalMs } },
    });

    expect(result.errors).toBeUndefined();
    expect(observed.maxInFlight).toBe(k);
    const batchStarts = [0, 3, 6].map((first) =>
      Math.min(...list.slice(first, first + k).map((id) => observed.arrivals.get(id)!)),
    );
    for (let b = 1; b < batchStarts.length; b += 1) {
      // The gateway waits the full interval between the moments it sends two batches; what arrives at the fake also
      // carries how long each request took to cross one shared, busy event loop. 25 ms absorbs that jitter, and is
      // far from the ~100 ms spacing the batches would have without pacing.
      expect(batchStarts[b]! - batchStarts[b - 1]!).toBeGreaterThanOrEqual(intervalMs - 25);
    }
  });

  it('uses GATEWAY_DEFAULT_BATCH_SIZE when the request does not set batching', async () => {
    const observed: Observed = { maxInFlight: 0, arrivals: new Map() };
    chatwoot.reply(observingHandler(observed, 100));
    const result = await gateway.query(UPDATE_MANY, { items: items(ids(6)) });

    expect(result.errors).toBeUndefined();
    expect(observed.maxInFlight).toBe(2);
  });

  it('returns one result per item in input order, with per-item errors that do not fail the others', async () => {
    const observed: Observed = { maxInFlight: 0, arrivals: new Map() };
    // The first item answers last, so completion order differs from input order.
    chatwoot.reply(observingHandler(observed, (id) => (id === 'c0' ? 80 : 5)));
    const list = ['c0', 'missing', 'c2', '   ', 'c4'];
    const result = await gateway.query<{ updateContacts: Result[] }>(UPDATE_MANY, {
      items: items(list),
      options: { batching: { itemsPerBatch: 5 } },
    });

    expect(result.errors).toBeUndefined();
    const results = result.data!.updateContacts;
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(results[0]).toEqual({ index: 0, contact: { sourceId: 'c0', name: 'Name c0' }, error: null });
    expect(results[1]).toMatchObject({ index: 1, contact: null, error: { code: 'NOT_FOUND' } });
    expect(results[2]).toEqual({ index: 2, contact: { sourceId: 'c2', name: 'Name c2' }, error: null });
    expect(results[3]).toMatchObject({ index: 3, contact: null, error: { code: 'BAD_USER_INPUT' } });
    expect(results[3]!.error!.message).toContain('contactIdentifier');
    expect(results[4]).toEqual({ index: 4, contact: { sourceId: 'c4', name: 'Name c4' }, error: null });
    // The blank identifier never reached Chatwoot.
    expect(chatwoot.requests.map((r) => r.path.split('/').at(-1))).toEqual(expect.arrayContaining(['c0', 'missing', 'c2', 'c4']));
    expect(chatwoot.requests).toHaveLength(4);
  });

  it('words an item error exactly as the single updateContact words the same failure', async () => {
    chatwoot.reply(() => ({ status: 404, body: { error: 'Resource could not be found' } }));
    const single = await gateway.query(UPDATE_ONE, { contact: 'missing' });
    const bulk = await gateway.query<{ updateContacts: Result[] }>(UPDATE_MANY, { items: items(['missing']) });

    expect(bulk.data!.updateContacts[0]!.error).toEqual({
      code: single.errors![0]!.extensions!.code,
      message: single.errors![0]!.message,
    });
  });

  it('returns an empty list for an empty list of items, without calling Chatwoot', async () => {
    const result = await gateway.query(UPDATE_MANY, { items: [] });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ updateContacts: [] });
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('refuses more items than GATEWAY_MAX_BULK_ITEMS with BAD_USER_INPUT before any call', async () => {
    const result = await gateway.query(UPDATE_MANY, { items: items(ids(13)) });

    // Refused with the whole request, before execution: no data at all.
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
    expect(result.errors?.[0]?.message).toContain('at most 12');
    expect(chatwoot.requests).toHaveLength(0);
  });

  it.each([
    [{ batching: { itemsPerBatch: 0 } }, 'options.batching.itemsPerBatch'],
    [{ batching: { itemsPerBatch: 101 } }, 'options.batching.itemsPerBatch'],
    [{ batching: { batchIntervalMs: -1 } }, 'options.batching.batchIntervalMs'],
    [{ batching: { batchIntervalMs: 60_001 } }, 'options.batching.batchIntervalMs'],
    [{ timeoutMs: 0 }, 'options.timeoutMs'],
  ])('refuses the whole request for options %j with BAD_USER_INPUT naming %s, before any call', async (options, field) => {
    const result = await gateway.query(UPDATE_MANY, { items: items(ids(3)), options });

    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(chatwoot.requests).toHaveLength(0);
  });

  it.each([
    [{ proxy: 'http://elsewhere.example:8080' }, 'options.proxy'],
    [{ ignoreSslIssues: true }, 'options.ignoreSslIssues'],
  ])('refuses the whole request for options %j with FORBIDDEN, before any call', async (options, field) => {
    const result = await gateway.query(UPDATE_MANY, { items: items(ids(3)), options });

    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field });
    expect(chatwoot.requests).toHaveLength(0);
  });
});
