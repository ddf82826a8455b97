import { ERROR_CODES } from '../../src/errors';
import { postRaw } from '../support/http';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';
import { Random } from './prng';

/**
 * Fuzz of the upstream budget: generated write requests (aliases of updateContacts sharing one `$items`, single
 * updates, batched copies) and read fan-outs (`_entities` lists, batched), with junk operation names. Whatever the
 * shape: a write request reaches Chatwoot whole or not at all, no HTTP request makes more calls than the budget, and
 * every error code is from the catalogue. The seed is fixed so any failure replays; FUZZ_SEED overrides it.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MAX_BULK_ITEMS = 40;
const MAX_CALLS = 60;
const CASES = 150;
const CONCURRENCY = 4;

interface BudgetCase {
  readonly kind: 'writes' | 'reads';
  readonly body: unknown;
  /** Writes the request names, all operations together; the gateway must send all of them or none. */
  readonly writes?: number;
  /** Distinct reads the request names. */
  readonly reads?: number;
}

function writesCase(random: Random): BudgetCase {
  const aliases = random.int(0, 6);
  const items = random.int(0, 25);
  const singles = random.int(0, 5);
  const copies = random.int(1, 3);
  const bulk = Array.from({ length: aliases }, (_v, i) => `b${i}: updateContacts(items: $items) { index }`);
  const one = Array.from({ length: singles }, (_v, i) => `s${i}: updateContact(inboxIdentifier: "i", contactIdentifier: "s${i}", input: { name: "N" }) { id }`);
  const query = `mutation Many($items: [UpdateContactItemInput!]!) { ${[...bulk, ...one, '__typename'].join(' ')} }`;
  const list = Array.from({ length: items }, (_v, i) => ({ inboxIdentifier: 'i', contactIdentifier: `c${i}`, input: { name: 'N' } }));
  const operation = { query, variables: { items: list }, operationName: random.chance(0.3) ? random.string(random.int(1, 20)) : 'Many' };
  // A junk operation name resolves to nothing: the request fails whole, before anything is sent.
  const resolvable = operation.operationName === 'Many';
  const writes = resolvable ? copies * (aliases * items + singles) : 0;
  return { kind: 'writes', body: copies === 1 ? operation : Array.from({ length: copies }, () => operation), writes };
}

function readsCase(random: Random): BudgetCase {
  const copies = random.int(1, 3);
  const each = random.int(1, 120);
  const operations = Array.from({ length: copies }, (_v, k) => ({
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Contact { sourceId } } }',
    variables: { r: Array.from({ length: each }, (_w, i) => ({ __typename: 'Contact', inboxIdentifier: 'i', sourceId: `op${k}-${i}` })) },
  }));
  return { kind: 'reads', body: copies === 1 ? operations[0] : operations, reads: copies * each };
}

describe(`fuzz of the upstream budget (seed ${SEED})`, () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  const callsOf = new Map<string, number>();

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => {
      const id = request.headers['x-request-id'];
      if (typeof id === 'string') callsOf.set(id, (callsOf.get(id) ?? 0) + 1);
      return { body: slimContact() };
    });
    gateway = await startTestGateway(chatwoot.url, {
      GATEWAY_MAX_BULK_ITEMS: String(MAX_BULK_ITEMS),
      GATEWAY_MAX_UPSTREAM_CALLS: String(MAX_CALLS),
      GATEWAY_HTTP_BATCHING: 'true',
      GATEWAY_RETRY_MAX_ATTEMPTS: '0',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it(`keeps ${CASES} generated requests within the budget, and applies each write request whole or not at all`, async () => {
    const random = new Random(SEED);
    const cases = Array.from({ length: CASES }, () => (random.chance(0.6) ? writesCase(random) : readsCase(random)));
    const failures: string[] = [];
    let applied = 0;
    let refused = 0;
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const index = next++;
        const fuzz = cases[index]!;
        const requestId = `budget-${index}`;
        const response = await postRaw(gateway.url, JSON.stringify(fuzz.body), { 'x-request-id': requestId });
        const calls = callsOf.get(requestId) ?? 0;
        const fail = (why: string) => failures.push(`case ${index} (${fuzz.kind}): ${why}`);
        if (response.status >= 500) fail(`HTTP ${response.status}`);
        const answers = Array.isArray(response.json) ? (response.json as Array<typeof response.json>) : [response.json];
        for (const answer of answers) {
          for (const error of answer?.errors ?? []) {
            const code = error.extensions?.code as string | undefined;
            if (!code || !(ERROR_CODES as readonly string[]).includes(code) || code === 'INTERNAL_SERVER_ERROR') fail(`code ${String(code)}`);
          }
        }
        if (calls > MAX_CALLS) fail(`${calls} calls for a budget of ${MAX_CALLS}`);
        if (fuzz.kind === 'writes') {
          if (calls !== 0 && calls !== fuzz.writes) fail(`${calls} of ${fuzz.writes} writes sent`);
          if (calls === 0 && fuzz.writes! > 0) refused += 1;
          if (calls > 0) applied += 1;
        } else if (calls !== Math.min(MAX_CALLS, fuzz.reads!)) {
          fail(`${calls} reads sent for ${fuzz.reads} named`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(failures.slice(0, 10)).toEqual([]);
    // Both outcomes were exercised.
    expect(applied).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  }, 90_000);
});
