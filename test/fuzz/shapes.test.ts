import { fetch, FormData } from 'undici';
import { ERROR_CODES } from '../../src/errors';
import { postRaw } from '../support/http';
import { type FakeChatwoot, type RecordedRequest, slimContact, startFakeChatwoot } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { jsonValue, Random } from './prng';

/**
 * Fuzz of the shapes the hardening issue found: `_entities` representations with keys of any JSON type, lone
 * surrogates and unknown `__typename`s mixed in one list; identifiers made of dots and surrogates; multipart requests
 * whose `map` names random places, several places, or JSON scalars. Whatever comes in: no 5xx, no masked internal
 * error, only catalogue codes, no unhandled rejection, no dot segment or file copy reaching Chatwoot. Seeded like the
 * document fuzz (FUZZ_SEED overrides).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CONCURRENCY = 6;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Contact { sourceId name } } }';
const UPDATE = 'mutation($i: String!, $c: String!, $input: UpdateContactInput!) { updateContact(inboxIdentifier: $i, contactIdentifier: $c, input: $input) { id } }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(inboxIdentifier: "inbox-a", contactIdentifier: "c-1", displayId: 7, input: $input) { id } }';

/** Strings that have broken the path encoder: surrogate halves, dot segments, and their near misses. */
function nastyString(random: Random): string {
  return random.pick(['\ud800', '\udfff', 'a\ud83d', '\ude00b', '\udc00\ud800', '.', '..', '...', './', '%2e', '%2E%2E', '.\u0000.', ' ..', '🙂', random.string(random.int(0, 12))]);
}

function keyValue(random: Random): unknown {
  return random.chance(0.5) ? nastyString(random) : random.pick([1, 0, -1, true, false, null, [], {}, ['x'], { a: 'b' }, jsonValue(random, 2), 'contact-1']);
}

function representation(random: Random): unknown {
  if (random.chance(0.1)) return jsonValue(random, 2);
  const typename = random.pick<unknown>(['Contact', 'Contact', 'Contact', 'Nope', 'Query', '_Service', '', 7, null, '\ud800', '__proto__']);
  return { __typename: typename, inboxIdentifier: random.chance(0.7) ? 'inbox-a' : keyValue(random), sourceId: keyValue(random) };
}

interface Sent {
  readonly kind: string;
  readonly body: string | FormData;
}

function entitiesCase(random: Random): Sent {
  const list = Array.from({ length: random.int(1, 12) }, () => representation(random));
  return { kind: 'entities', body: JSON.stringify({ query: ENTITIES, variables: { r: list } }) };
}

function identifierCase(random: Random): Sent {
  const variables = { i: random.chance(0.5) ? 'inbox-a' : nastyString(random), c: nastyString(random), input: { name: 'N' } };
  return { kind: 'identifiers', body: JSON.stringify({ query: UPDATE, variables }) };
}

function uploadCase(random: Random): Sent {
  const places = [
    'variables.input.attachments.0',
    'variables.input.attachments.1',
    'variables.input.attachments',
    'variables.input.content',
    'variables.input.customAttributes.x',
    'variables.input',
    'variables.other',
    'query',
    'variables.input.attachments.__proto__',
    'variables.input.attachments.0.content',
    random.string(random.int(1, 20)),
  ];
  const map: Record<string, string[]> = {};
  const files = random.int(1, 3);
  for (let f = 0; f < files; f++) map[String(f)] = Array.from({ length: random.chance(0.3) ? random.int(2, 300) : 1 }, () => random.pick(places));
  const operations = { query: random.chance(0.8) ? SEND : UPDATE, variables: { input: { content: null, attachments: [null, null], customAttributes: { x: null } }, other: null } };
  const form = new FormData();
  form.append('operations', JSON.stringify(operations));
  form.append('map', JSON.stringify(map));
  for (let f = 0; f < files; f++) form.append(String(f), new Blob([Buffer.alloc(random.int(0, 2000), f)]), `f${f}.bin`);
  return { kind: 'uploads', body: form };
}

describe(`fuzz of hostile shapes (seed ${SEED})`, () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    chatwoot = await startFakeChatwoot((request: RecordedRequest) =>
      request.path.endsWith('/messages') ? { body: { id: 1, content: 'x', message_type: 0, created_at: 1, conversation_id: 7, attachments: [] } } : { body: slimContact() },
    );
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_RETRY_MAX_ATTEMPTS: '0', GATEWAY_MAX_UPLOAD_BYTES: '4096' });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await gateway.close();
    await chatwoot.close();
  });

  it('answers 600 generated requests with catalogue codes only, and no dot segment or file copy reaches Chatwoot', async () => {
    const random = new Random(SEED);
    const makers = [entitiesCase, identifierCase, uploadCase];
    const cases = Array.from({ length: 600 }, () => random.pick(makers)(random));
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const index = next++;
        const sent = cases[index]!;
        const fail = (why: string) => failures.push(`case ${index} (${sent.kind}): ${why}`);
        const response =
          typeof sent.body === 'string'
            ? await postRaw(gateway.url, sent.body)
            : await fetch(gateway.url, { method: 'POST', body: sent.body, headers: { 'apollo-require-preflight': 'true' } }).then(
                async (r) => ({ status: r.status, json: (await r.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }),
              );
        if (response.status >= 500) fail(`HTTP ${response.status}`);
        if (!response.json) {
          fail('not JSON');
          continue;
        }
        for (const error of response.json.errors ?? []) {
          const code = error.extensions?.code as string | undefined;
          if (!code || !(ERROR_CODES as readonly string[]).includes(code)) fail(`code ${String(code)} outside the catalogue`);
          if (code === 'INTERNAL_SERVER_ERROR') fail(`masked internal error: ${error.message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(failures.slice(0, 10)).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(gateway.internalErrors).toEqual([]);
    for (const request of chatwoot.requests) {
      expect(request.path.split('/').filter((segment) => segment === '.' || segment === '..' || /^(%2e|\.){1,2}$/i.test(segment))).toEqual([]);
      // A file is sent once, at most two attachments per message: a file mapped to many places never multiplies.
      expect(request.raw.length).toBeLessThan(3 * 4096);
    }
    expect(cases.filter((c) => c.kind === 'uploads').length).toBeGreaterThan(100);
    const after = await gateway.query(ENTITIES, { r: [{ __typename: 'Contact', inboxIdentifier: 'inbox-a', sourceId: 'contact-1' }] });
    expect(after.data).toEqual({ _entities: [{ sourceId: 'contact-1', name: 'Alice' }] });
  }, 90_000);
});
