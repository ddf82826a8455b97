import { ERROR_CODES } from '../../src/errors';
import { postRaw } from '../support/http';
import { type FakeChatwoot, type RecordedRequest, slimContact, startFakeChatwoot } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { HOSTILE_KEYS, jsonObjectText, jsonValue, Random } from './prng';

/**
 * Fuzz: thousands of generated requests (random token soup, mutations of valid documents, random variable sets, and
 * hostile shapes) against the real gateway over HTTP. Whatever comes in: no crash, no unhandled rejection, no
 * masked internal error, every error code from the catalogue, custom attribute keys delivered exactly as sent, and
 * no prototype polluted. The seed is fixed so any failure replays; FUZZ_SEED overrides it.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CONCURRENCY = 8;

const UPDATE =
  'mutation Update($i: String!, $c: String!, $input: UpdateContactInput!) { updateContact(inboxIdentifier: $i, contactIdentifier: $c, input: $input) { id name customAttributes } }';
const READ = 'query Read($i: String!, $c: String!) { contact(inboxIdentifier: $i, contactIdentifier: $c) { id sourceId email phoneNumber } }';
const INLINE =
  'mutation { updateContact(inboxIdentifier: "inbox-abc", contactIdentifier: "c-1", input: { name: "Ann", email: "a@example.com", customAttributes: { plan: "pro", n: 1 } }) { id } }';
const VALID = [UPDATE, READ, INLINE];
const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '$', '!', '=', '@', '...', ',', '"x"', '"""b"""', '1', '-1.5e3', 'true', 'null',
  'query', 'mutation', 'subscription', 'fragment', 'on', 'contact', 'updateContact', 'id', 'name', '__typename', '__schema',
  'inboxIdentifier', 'contactIdentifier', 'input', 'String', 'Int', 'UpdateContactInput', '#c\n', 'ñ', '🙂', '\u0000'];

interface FuzzCase {
  readonly kind: string;
  readonly body: string;
  /** The customAttributes JSON text sent, when the case sends one through variables. */
  readonly customAttributes?: string;
}

function identifier(random: Random): string {
  if (random.chance(0.6)) return random.pick(['inbox-abc', 'c-1', 'contact-1', 'x']);
  return random.pick(['..', '.', '../admin', 'a/b', '%2e%2e', '?x=1', '#frag', ' ', '', 'a\ud800', '\udc00', random.string(random.int(1, 40)), 'a'.repeat(600)]);
}

function randomSoup(random: Random): FuzzCase {
  const tokens = Array.from({ length: random.int(1, 60) }, () => random.pick(TOKENS));
  return { kind: 'random', body: JSON.stringify({ query: tokens.join(' ') }) };
}

function mutated(random: Random): FuzzCase {
  let doc = random.pick(VALID);
  for (let edits = random.int(1, 4); edits > 0; edits -= 1) {
    const at = random.int(0, doc.length);
    const op = random.int(0, 3);
    if (op === 0) doc = doc.slice(0, at) + doc.slice(at + random.int(1, 5));
    else if (op === 1) doc = doc.slice(0, at) + random.pick(TOKENS) + doc.slice(at);
    else if (op === 2) doc = doc.slice(0, at) + random.string(random.int(1, 3)) + doc.slice(at);
    else doc = doc + doc.slice(at, at + random.int(1, 30));
  }
  const variables = { i: identifier(random), c: identifier(random), input: { name: 'x' } };
  return { kind: 'mutated', body: JSON.stringify({ query: doc, variables }) };
}

function randomVariables(random: Random): FuzzCase {
  const fields: string[] = [];
  let customAttributes: string | undefined;
  const value = () =>
    random.chance(0.7) ? JSON.stringify(random.chance(0.05) ? random.string(random.int(1000, 50_000)) : random.string(random.int(0, 30))) : JSON.stringify(jsonValue(random, 2));
  if (random.chance(0.5)) fields.push(`"name":${value()}`);
  if (random.chance(0.3)) fields.push(`"email":${random.chance(0.5) ? '"a@example.com"' : value()}`);
  if (random.chance(0.3)) fields.push(`"phoneNumber":${random.chance(0.5) ? '"+14155550123"' : value()}`);
  if (random.chance(0.2)) fields.push(`"avatarUrl":${random.chance(0.5) ? '"https://cdn.example.com/a.png"' : value()}`);
  if (random.chance(0.2)) fields.push(`"identifier":${value()}`);
  if (random.chance(0.2)) fields.push(`"identifierHash":${value()}`);
  if (random.chance(0.1)) fields.push(`${JSON.stringify(random.pick(HOSTILE_KEYS))}:${value()}`);
  if (random.chance(0.6)) {
    customAttributes = jsonObjectText(random, 3);
    fields.push(`"customAttributes":${customAttributes}`);
  }
  const variables = `{"i":${JSON.stringify(identifier(random))},"c":${JSON.stringify(identifier(random))},"input":{${fields.join(',')}}}`;
  return { kind: 'variables', body: `{"query":${JSON.stringify(UPDATE)},"variables":${variables}}`, customAttributes };
}

function hostile(random: Random): FuzzCase {
  const pick = random.int(0, 9);
  const n = random.int(50, 3000);
  switch (pick) {
    case 0:
      return { kind: 'deep selection', body: JSON.stringify({ query: `${'{ contact(inboxIdentifier: "i", contactIdentifier: "c") '.repeat(n)}${'}'.repeat(n)}` }) };
    case 1:
      return { kind: 'deep braces', body: JSON.stringify({ query: `${'{a'.repeat(n)}${'}'.repeat(n)}` }) };
    case 2: {
      const deep = `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
      return { kind: 'deep custom attributes', body: `{"query":${JSON.stringify(UPDATE)},"variables":{"i":"inbox-abc","c":"c-1","input":{"customAttributes":${deep}}}}` };
    }
    case 3:
      return { kind: 'huge string', body: JSON.stringify({ query: UPDATE, variables: { i: 'inbox-abc', c: 'c-1', input: { name: random.string(random.int(20_000, 120_000)) } } }) };
    case 4: {
      const aliases = Array.from({ length: random.int(10, 200) }, (_, k) => `a${k}: contact(inboxIdentifier: "i", contactIdentifier: "c${k}") { id }`);
      return { kind: 'aliases', body: JSON.stringify({ query: `{ ${aliases.join(' ')} }` }) };
    }
    case 5:
      return { kind: 'prototype keys', body: `{"query":${JSON.stringify(UPDATE)},"variables":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"i":"inbox-abc","c":"c-1","input":{"__proto__":{"polluted":"yes"},"name":"x"}}}` };
    case 6:
      return { kind: 'odd body', body: random.pick(['[]', '[{"query":"{ __typename }"}]', '1', '"query"', 'null', '{"query":null}', '{"query":{"__proto__":1}}', '{"query":"{ __typename }","operationName":"__proto__"}', '{"query":"{ __typename }","variables":"x"}', '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}', `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"${'ab'.repeat(32)}"}}}`]) };
    case 7:
      return { kind: 'long name', body: JSON.stringify({ query: `query ${'Q'.repeat(n * 10)} { __typename }` }) };
    case 8:
      return { kind: 'many fragments', body: JSON.stringify({ query: `{ ...F0 } ${Array.from({ length: 50 }, (_, k) => `fragment F${k} on Query { __typename ...F${k + 1} }`).join(' ')} fragment F50 on Query { __typename }` }) };
    default:
      return { kind: 'unicode', body: JSON.stringify({ query: `{ ${random.string(random.int(1, 200))} }`, variables: { [random.string(5)]: random.string(50) } }) };
  }
}

function generate(random: Random, count: number): FuzzCase[] {
  const makers = [randomSoup, mutated, randomVariables, randomVariables, hostile];
  return Array.from({ length: count }, () => random.pick(makers)(random));
}

describe(`fuzz (seed ${SEED})`, () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  const unhandled: unknown[] = [];
  const received = new Map<string, RecordedRequest>();
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    chatwoot = await startFakeChatwoot((request) => {
      const id = request.headers['x-request-id'];
      if (typeof id === 'string') received.set(id, request);
      return { body: slimContact() };
    });
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_RETRY_MAX_ATTEMPTS: '0' });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await gateway.close();
    await chatwoot.close();
  });

  it('survives 2,000 generated requests with catalogue codes only, exact custom attributes and no pollution', async () => {
    const cases = generate(new Random(SEED), 2000);
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    const spent = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const index = next++;
        const fuzz = cases[index]!;
        kinds.set(fuzz.kind, (kinds.get(fuzz.kind) ?? 0) + 1);
        const requestId = `fuzz-${index}`;
        const t0 = performance.now();
        const response = await postRaw(gateway.url, fuzz.body, { 'x-request-id': requestId });
        spent.set(fuzz.kind, (spent.get(fuzz.kind) ?? 0) + performance.now() - t0);
        const fail = (why: string) => failures.push(`case ${index} (${fuzz.kind}): ${why}; body ${fuzz.body.slice(0, 200)}`);
        if (response.status >= 500) fail(`HTTP ${response.status}`);
        if (!response.json) {
          fail(`not JSON: ${response.text.slice(0, 200)}`);
          continue;
        }
        for (const error of response.json.errors ?? []) {
          const code = error.extensions?.code as string | undefined;
          if (!code || !(ERROR_CODES as readonly string[]).includes(code)) fail(`code ${String(code)} outside the catalogue`);
          if (code === 'INTERNAL_SERVER_ERROR') fail(`masked internal error: ${error.message}`);
        }
        const sent = received.get(requestId);
        if (sent && !/^\/public\/api\/v1\/inboxes\/[^/]+\/contacts\/[^/]+$/.test(sent.path)) fail(`upstream path ${sent.path}`);
        if (sent && /(^|\/)\.\.?(\/|$)/.test(sent.path)) fail(`dot segment reached Chatwoot: ${sent.path}`);
        if (sent && fuzz.customAttributes !== undefined && sent.method === 'PATCH') {
          const received = (JSON.parse(sent.text) as { custom_attributes?: unknown }).custom_attributes;
          const expected = JSON.stringify(JSON.parse(fuzz.customAttributes));
          if (JSON.stringify(received) !== expected) fail(`customAttributes arrived as ${JSON.stringify(received)}, sent ${expected}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (process.env.FUZZ_TIMING) console.log([...spent].map(([k, v]) => `${k}: ${kinds.get(k)} cases, ${Math.round(v)} ms`).join('\n'));

    expect(failures.slice(0, 10)).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    // The generators covered every family, and a good share of cases reached Chatwoot with custom attributes.
    expect([...kinds.keys()]).toEqual(expect.arrayContaining(['random', 'mutated', 'variables', 'deep selection', 'prototype keys']));
    expect(chatwoot.requests.filter((r) => r.text.includes('custom_attributes')).length).toBeGreaterThan(100);
    // The gateway still answers normally afterwards.
    const after = await gateway.query(READ, { i: 'inbox-abc', c: 'c-1' });
    expect(after.data).toEqual({ contact: { id: '42', sourceId: 'contact-1', email: 'alice@example.com', phoneNumber: '+14155550123' } });
  }, 90_000);
});
