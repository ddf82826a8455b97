import { startGatewayProcess, type GatewayProcess } from '../support/process';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';

/**
 * `_entities` as a hostile client uses it: representations are `_Any`, so their keys and `__typename` are whatever
 * JSON the client sends. None of it may stop the process, and each bad representation fails on its own, coded.
 */

const ENTITIES = `
  query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Contact { inboxIdentifier sourceId name } }
  }`;

interface Answer {
  status: number;
  body: { data?: { _entities: unknown[] | null } | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

async function entities(url: string, representations: unknown[]): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: ENTITIES, variables: { representations } }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const contact = (sourceId: unknown) => ({ __typename: 'Contact', inboxIdentifier: 'inbox-a', sourceId });

describe('the crash pair: a bad key next to an unknown __typename', () => {
  let chatwoot: FakeChatwoot;
  let gateway: GatewayProcess;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ body: slimContact() }));
    gateway = await startGatewayProcess({ CHATWOOT_BASE_URL: chatwoot.url });
  }, 30_000);
  afterAll(async () => {
    await gateway?.close();
    await chatwoot?.close();
  });

  it('keeps the process alive and answers every request with coded errors, sent 40 times', async () => {
    const pairs = [
      [contact(1), { __typename: 'NoSuchType', sourceId: 'x' }],
      [contact('\ud800'), { __typename: 'NoSuchType' }],
      [{ __typename: 'Contact', inboxIdentifier: { a: 1 }, sourceId: 's' }, { __typename: 'Query' }],
      [contact(['x']), 42, { __typename: 7 }],
    ];
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(pairs.map((pair) => entities(gateway.url, pair)));
      for (const [i, answer] of answers.entries()) {
        expect(answer.status).toBe(200);
        expect(answer.body.data?._entities).toEqual(pairs[i]!.map(() => null));
        expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(pairs[i]!.map(() => 'BAD_USER_INPUT'));
      }
      expect(gateway.alive()).toBe(true);
    }
    const good = await entities(gateway.url, [contact('contact-1')]);
    expect(good.body).toEqual({ data: { _entities: [{ inboxIdentifier: 'inbox-a', sourceId: 'contact-1', name: 'Alice' }] } });
    expect(gateway.output().stderr).not.toMatch(/Unhandled|TypeError|URIError/);
    expect(chatwoot.requests.map((r) => r.path)).toEqual(['/public/api/v1/inboxes/inbox-a/contacts/contact-1']);
  }, 60_000);
});

describe('_entities representations, checked one by one', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ body: slimContact() }));
    gateway = await startTestGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
    gateway.internalErrors.length = 0;
  });

  it('fails each bad representation at its own index with BAD_USER_INPUT and resolves the good ones', async () => {
    const answer = await entities(gateway.url, [
      contact('contact-1'),
      contact(1),
      contact('\udc00'),
      { __typename: 'Nope', inboxIdentifier: 'inbox-a', sourceId: 'contact-1' },
      'just a string',
      { __typename: 'Query' },
      contact('..'),
    ]);
    expect(answer.body.data?._entities).toEqual([{ inboxIdentifier: 'inbox-a', sourceId: 'contact-1', name: 'Alice' }, null, null, null, null, null, null]);
    // Checks that fail before any await are reported first: order the errors by the index they belong to.
    const errors = [...(answer.body.errors ?? [])].sort((a, b) => Number(a.path?.[1]) - Number(b.path?.[1]));
    expect(errors.map((e) => [e.path, e.extensions?.code])).toEqual([1, 2, 3, 4, 5, 6].map((i) => [['_entities', i], 'BAD_USER_INPUT']));
    expect(errors.map((e) => e.message)).toEqual([
      "The representation's sourceId must be a string.",
      'contactIdentifier is not well-formed Unicode (it holds a lone surrogate).',
      expect.stringMatching(/^representations\[3\] names a __typename that is not an entity of this subgraph \(entities: .*Contact.*\)\.$/),
      'representations[4] must be an object with __typename and the key fields.',
      expect.stringMatching(/^representations\[5\] names a __typename that is not an entity of this subgraph \(entities: .*Contact.*\)\.$/),
      'contactIdentifier must not be "." or "..": they name a directory, not a record.',
    ]);
    expect(gateway.internalErrors).toEqual([]);
    expect(chatwoot.requests).toHaveLength(1);
  });

  it('refuses 3,000 representations in one field with QUERY_LIMIT_EXCEEDED, before any upstream read', async () => {
    const representations = Array.from({ length: 3000 }, (_, i) => contact(`contact-${i}`));
    const answer = await entities(gateway.url, representations);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors).toEqual([
      {
        message: '_entities was sent 3000 representations; at most 1000 are resolved in one field (GATEWAY_MAX_ENTITY_REPRESENTATIONS).',
        locations: [{ line: 3, column: 5 }],
        path: ['_entities'],
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'representations', maximum: 1000 },
      },
    ]);
    expect(chatwoot.requests).toHaveLength(0);
  });
});

describe('GATEWAY_MAX_ENTITY_REPRESENTATIONS', () => {
  it('bounds the representations of one field at the configured number', async () => {
    const chatwoot = await startFakeChatwoot(() => ({ body: slimContact() }));
    const gateway = await startTestGateway(chatwoot.url, { GATEWAY_MAX_ENTITY_REPRESENTATIONS: '3' });
    try {
      const three = await entities(gateway.url, [contact('a'), contact('b'), contact('c')]);
      expect(three.body.errors).toBeUndefined();
      const four = await entities(gateway.url, [contact('a'), contact('b'), contact('c'), contact('d')]);
      expect(four.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'representations', maximum: 3 });
      expect(chatwoot.requests).toHaveLength(3);
    } finally {
      await gateway.close();
      await chatwoot.close();
    }
  });
});
