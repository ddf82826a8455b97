import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';

/**
 * AccountContact and AccountConversation are entities other subgraphs can reference by their keys (with the account,
 * since ids are unique per account only): the gateway's SDL composes with a ticketing subgraph that points at both.
 * Resolving a reference is lazy and admitted like the account root (see scenarios/ and credentials.test.ts).
 */

const TICKETS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type AccountContact @key(fields: "accountId id", resolvable: false) { accountId: ID! id: ID! }
  type AccountConversation @key(fields: "accountId displayId", resolvable: false) { accountId: ID! displayId: Int! }
  type Ticket @key(fields: "id") { id: ID! requester: AccountContact conversation: AccountConversation }
  type Query { ticket(id: ID!): Ticket }
`;

describe('contacts and conversations as federation entities', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ status: 500 }));
    gateway = await startApplicationGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('declares both keys with the account in them, and composes with a subgraph that references them', async () => {
    const sdl = (await gateway.query<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;
    expect(sdl).toMatch(/type AccountContact\s+@key\(fields: "accountId id"\)/);
    expect(sdl).toMatch(/type AccountConversation\s+@key\(fields: "accountId displayId"\)/);
    const composed = composeServices([
      { name: 'chatwoot', url: gateway.url, typeDefs: parse(sdl) },
      { name: 'tickets', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(TICKETS_SDL) },
    ]);
    expect(composed.errors?.map((e) => e.message)).toBeUndefined();
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('refuses a reference without the caller token before any call', async () => {
    const result = await gateway.query('{ _entities(representations: [{ __typename: "AccountConversation", accountId: "1", displayId: 7 }]) { ... on AccountConversation { status } } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing_token' });
    expect(chatwoot.requests).toHaveLength(0);
  });
});
