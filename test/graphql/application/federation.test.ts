import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';

/**
 * The Application API's entities (Account, Agent, Team, AccountInbox) resolved by reference through the gateway's
 * own `_entities`, against a fake Chatwoot that counts calls: references to one record share one read, agents one
 * list per account, and a reference without the caller's token is refused before anything is sent.
 */

const TOKEN = { 'api-access-token': 'caller-token-entities-1' };
const ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Agent { id accountId name } ... on Team { id name } ... on AccountInbox { id name } ... on Account { id name } } }';

const agent = (id: number, accountId: number) => ({ id, account_id: accountId, name: `Agent ${accountId}/${id}`, role: 'agent' });

const STAFF_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Agent @key(fields: "accountId id") { accountId: ID id: ID! shifts: [String!]! }
  type Team @key(fields: "accountId id") { accountId: ID id: ID! rota: String }
  type AccountInbox @key(fields: "accountId id") { accountId: ID id: ID! slaMinutes: Int }
  type Account @key(fields: "id") { id: ID! plan: String }
  type Query { staff: [Agent!]! }
`;

describe('Application API entities through _entities', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => {
      const agents = /^\/api\/v1\/accounts\/(\d+)\/agents$/.exec(request.path);
      if (agents) return { body: [agent(7, Number(agents[1])), agent(8, Number(agents[1]))] };
      const team = /^\/api\/v1\/accounts\/(\d+)\/teams\/(\d+)$/.exec(request.path);
      if (team) return { body: { id: Number(team[2]), account_id: Number(team[1]), name: `Team ${team[2]}` } };
      const inbox = /^\/api\/v1\/accounts\/(\d+)\/inboxes\/(\d+)$/.exec(request.path);
      if (inbox) return { body: { id: Number(inbox[2]), account_id: Number(inbox[1]), name: `Inbox ${inbox[2]}`, channel_type: 'Channel::Api', hmac_token: 'entity-hmac-SECRET' } };
      const account = /^\/api\/v1\/accounts\/(\d+)$/.exec(request.path);
      if (account) return { body: { id: Number(account[1]), name: `Account ${account[1]}` } };
      return { status: 404, body: { error: 'Resource could not be found' } };
    });
    gateway = await startApplicationGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  it('composes with a subgraph that extends Account, Agent, Team and AccountInbox by their keys', async () => {
    const sdl = await gateway.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const composed = composeServices([
      { name: 'chatwoot', url: gateway.url, typeDefs: parse(sdl.data?._service.sdl ?? '') },
      { name: 'staff', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(STAFF_SDL) },
    ]);
    expect(composed.errors).toBeUndefined();
  });

  it('resolves agent references with one list call per account, and null for an agent the account does not have', async () => {
    const representations = [
      { __typename: 'Agent', accountId: '3', id: '7' },
      { __typename: 'Agent', accountId: '3', id: '8' },
      { __typename: 'Agent', accountId: '3', id: '7' },
      { __typename: 'Agent', accountId: '3', id: '99' },
      { __typename: 'Agent', accountId: 4, id: 7 },
    ];
    const result = await gateway.query(ENTITIES, { representations }, TOKEN);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { __typename: 'Agent', id: '7', accountId: '3', name: 'Agent 3/7' },
        { __typename: 'Agent', id: '8', accountId: '3', name: 'Agent 3/8' },
        { __typename: 'Agent', id: '7', accountId: '3', name: 'Agent 3/7' },
        null,
        { __typename: 'Agent', id: '7', accountId: '4', name: 'Agent 4/7' },
      ],
    });
    expect(chatwoot.requests.map((r) => r.path).sort()).toEqual(['/api/v1/accounts/3/agents', '/api/v1/accounts/4/agents']);
  });

  it('reads each referenced team, inbox and account once however often it is named', async () => {
    const representations = [
      ...Array.from({ length: 5 }, () => ({ __typename: 'Team', accountId: '3', id: '4' })),
      { __typename: 'Team', accountId: '3', id: '5' },
      ...Array.from({ length: 5 }, () => ({ __typename: 'AccountInbox', accountId: '3', id: '2' })),
      ...Array.from({ length: 5 }, () => ({ __typename: 'Account', id: '3' })),
    ];
    const result = await gateway.query<{ _entities: { name: string }[] }>(ENTITIES, { representations }, TOKEN);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((e) => e.name)).toEqual([
      ...Array<string>(5).fill('Team 4'),
      'Team 5',
      ...Array<string>(5).fill('Inbox 2'),
      ...Array<string>(5).fill('Account 3'),
    ]);
    expect(chatwoot.requests.map((r) => r.path).sort()).toEqual([
      '/api/v1/accounts/3',
      '/api/v1/accounts/3/inboxes/2',
      '/api/v1/accounts/3/teams/4',
      '/api/v1/accounts/3/teams/5',
    ]);
    expect(result.text).not.toContain('entity-hmac-SECRET');
  });

  it('refuses every reference without the caller token with UNAUTHENTICATED and sends nothing', async () => {
    const representations = [
      { __typename: 'Agent', accountId: '3', id: '7' },
      { __typename: 'Team', accountId: '3', id: '4' },
      { __typename: 'AccountInbox', accountId: '3', id: '2' },
      { __typename: 'Account', id: '3' },
    ];
    const result = await gateway.query(ENTITIES.replace(' name } ... on Account { id name }', ' } ... on Account { id name }'), { representations });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('refuses path-like ids in a reference with BAD_USER_INPUT and sends nothing', async () => {
    const representations = [
      { __typename: 'Agent', accountId: '../3', id: '7' },
      { __typename: 'Team', accountId: '3', id: '4/../5' },
      { __typename: 'AccountInbox', accountId: '3', id: '-2' },
    ];
    const result = await gateway.query(ENTITIES, { representations }, TOKEN);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(chatwoot.requests).toHaveLength(0);
  });
});
