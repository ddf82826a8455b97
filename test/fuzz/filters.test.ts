import { CONTACT_FILTER_ATTRIBUTES, CONVERSATION_FILTER_ATTRIBUTES } from '../../src/chatwoot/operations/application/filters';
import { ERROR_CODES } from '../../src/errors';
import { startApplicationGateway } from '../support/application';
import type { TestGateway } from '../support/gateway';
import { postRaw } from '../support/http';
import { type FakeChatwoot, type RecordedRequest, startFakeChatwoot } from '../support/servers';
import { HOSTILE_KEYS, Random } from './prng';

/**
 * Fuzz of the typed filters: generated contact and conversation filter inputs (any attribute with any operator, any
 * number of values and conditions, connectors anywhere, custom keys, hostile strings) through variables. Whatever
 * comes in: no crash, catalogue codes only, at most one upstream call per request, and every call Chatwoot receives
 * is one it would accept (an allowed operator per attribute, a connector on all but the last condition).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CONTACT_ATTRIBUTES = ['NAME', 'EMAIL', 'PHONE_NUMBER', 'IDENTIFIER', 'COUNTRY_CODE', 'CITY', 'COMPANY_NAME', 'LABELS', 'CREATED_AT', 'LAST_ACTIVITY_AT', 'BLOCKED'];
const CONVERSATION_ATTRIBUTES = ['STATUS', 'ASSIGNEE_ID', 'INBOX_ID', 'TEAM_ID', 'CONTACT_ID', 'PRIORITY', 'DISPLAY_ID', 'CAMPAIGN_ID', 'LABELS', 'BROWSER_LANGUAGE', 'CONVERSATION_LANGUAGE', 'REFERER', 'CREATED_AT', 'LAST_ACTIVITY_AT', 'MAIL_SUBJECT'];
const OPERATORS = ['EQUAL_TO', 'NOT_EQUAL_TO', 'CONTAINS', 'DOES_NOT_CONTAIN', 'IS_PRESENT', 'IS_NOT_PRESENT', 'IS_GREATER_THAN', 'IS_LESS_THAN', 'DAYS_BEFORE', 'STARTS_WITH'];
const CONTACT_QUERY = 'query F($f: ContactFilterInput!, $p: Int) { account(id: 1) { filterContacts(filter: $f, page: $p) { totalCount } } }';
const CONVERSATION_QUERY = 'query F($f: ConversationFilterInput!, $p: Int) { account(id: 1) { filterConversations(filter: $f, page: $p) { totalCount } } }';

function value(random: Random): unknown {
  return random.pick<unknown>(['open', 'PENDING', 'urgent', '2026-01-01', '2026-13-45', '30', '-1', 'true', '', random.string(random.int(0, 30)), 'x'.repeat(1200), 7, null]);
}

function condition(random: Random, attributes: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { operator: random.chance(0.95) ? random.pick(OPERATORS) : random.string(4) };
  if (random.chance(0.8)) out.attribute = random.pick(attributes);
  if (random.chance(0.25)) out.customAttributeKey = random.pick([...HOSTILE_KEYS, 'plan', 'order_id', random.string(8), 'k'.repeat(80)]);
  if (random.chance(0.85)) out.values = Array.from({ length: random.chance(0.05) ? 101 : random.int(0, 3) }, () => value(random));
  if (random.chance(0.7)) out.next = random.pick<unknown>(['AND', 'OR', 'XOR', null]);
  return out;
}

/** A filter Chatwoot would take (values fitting the operator), so that a share of cases reach the fake. */
function wellFormed(random: Random, contacts: boolean): Record<string, unknown> {
  const table = contacts ? CONTACT_FILTER_ATTRIBUTES : CONVERSATION_FILTER_ATTRIBUTES;
  const count = random.int(1, 4);
  const conditions = Array.from({ length: count }, (_, i) => {
    const custom = random.chance(0.2);
    const attribute = random.pick(Object.keys(table));
    const operator = custom ? random.pick(['EQUAL_TO', 'CONTAINS', 'IS_PRESENT']) : random.pick([...table[attribute]!.operators]);
    const values =
      operator === 'IS_PRESENT' || operator === 'IS_NOT_PRESENT' ? undefined
      : operator === 'DAYS_BEFORE' ? [String(random.int(0, 400))]
      : table[attribute]!.type === 'date' && !custom ? ['2026-03-04']
      : table[attribute]!.values && !custom ? [random.pick([...table[attribute]!.values!])]
      : table[attribute]!.type === 'boolean' && !custom ? ['true']
      : [random.string(random.int(1, 20))];
    return {
      ...(custom ? { customAttributeKey: random.pick(['plan', 'order_id', 'tier_2']) } : { attribute }),
      operator,
      values,
      next: i < count - 1 ? random.pick(['AND', 'OR']) : undefined,
    };
  });
  return { conditions };
}

function filterCase(random: Random): { body: string } {
  const contacts = random.chance(0.5);
  if (random.chance(0.3)) {
    return { body: JSON.stringify({ query: contacts ? CONTACT_QUERY : CONVERSATION_QUERY, variables: { f: wellFormed(random, contacts), p: random.int(1, 3) } }) };
  }
  const count = random.chance(0.05) ? random.int(21, 30) : random.int(0, 5);
  const filter = { conditions: Array.from({ length: count }, () => condition(random, contacts ? CONTACT_ATTRIBUTES : CONVERSATION_ATTRIBUTES)) };
  const page = random.pick<unknown>([undefined, 1, 2, 0, -3, 10_001, 1.5, '2']);
  return { body: JSON.stringify({ query: contacts ? CONTACT_QUERY : CONVERSATION_QUERY, variables: { f: filter, p: page } }) };
}

/** What Chatwoot's filter service accepts, restated: a connector on every condition but the last. */
function acceptable(sent: RecordedRequest): string | null {
  const payload = (sent.json as { payload?: { query_operator: unknown; filter_operator: unknown }[] } | undefined)?.payload;
  if (!Array.isArray(payload) || payload.length === 0 || payload.length > 20) return `payload ${JSON.stringify(sent.json)}`;
  for (const [i, item] of payload.entries()) {
    const last = i === payload.length - 1;
    if (last ? item.query_operator !== null : item.query_operator !== 'AND' && item.query_operator !== 'OR') return `connector of condition ${i}`;
    if (typeof item.filter_operator !== 'string' || !OPERATORS.includes(item.filter_operator.toUpperCase())) return `operator of condition ${i}`;
  }
  return null;
}

describe(`filter fuzz (seed ${SEED})`, () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  const received = new Map<string, RecordedRequest[]>();
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => {
      const id = String(request.headers['x-request-id']);
      received.set(id, [...(received.get(id) ?? []), request]);
      return { body: { meta: { count: 0, all_count: 0 }, payload: [] } };
    });
    gateway = await startApplicationGateway(chatwoot.url, { GATEWAY_RETRY_MAX_ATTEMPTS: '0' });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('survives 600 generated filters with catalogue codes only and sends only filters Chatwoot accepts', async () => {
    const random = new Random(SEED);
    const failures: string[] = [];
    let accepted = 0;
    let refused = 0;
    for (let index = 0; index < 600; index++) {
      const fuzz = filterCase(random);
      const id = `filter-${index}`;
      const response = await postRaw(gateway.url, fuzz.body, { 'x-request-id': id, 'api-access-token': 'caller-token' });
      const fail = (why: string) => failures.push(`case ${index}: ${why}; body ${fuzz.body.slice(0, 300)}`);
      if (response.status >= 500 || !response.json) fail(`HTTP ${response.status} ${response.text.slice(0, 100)}`);
      for (const error of response.json?.errors ?? []) {
        const code = error.extensions?.code as string | undefined;
        if (!code || !(ERROR_CODES as readonly string[]).includes(code) || code === 'INTERNAL_SERVER_ERROR') fail(`code ${String(code)}: ${error.message}`);
      }
      const sent = received.get(id) ?? [];
      if (sent.length > 1) fail(`${sent.length} upstream calls`);
      if (sent.length === 1) {
        accepted += 1;
        const problem = acceptable(sent[0]!);
        if (problem) fail(`Chatwoot would refuse: ${problem}`);
      } else refused += 1;
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // Both outcomes were exercised: the generator is not all garbage, nor all valid.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(100);
  }, 90_000);
});
