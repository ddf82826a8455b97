import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';

/**
 * The Application API's entities in a supergraph: an orders subgraph (written here) extends AccountContact and
 * AccountConversation with its own fields and points at them from orders; the supergraph is composed with
 * @apollo/composition and queried through @apollo/gateway, which forwards the caller's token to this subgraph. Every
 * server is real, on loopback, and the fake Chatwoot counts what the references cost.
 */

const ORDERS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "An order of the shop, placed by a Chatwoot contact and discussed in a conversation."
  type Order {
    id: ID!
    customer: AccountContact
    conversation: AccountConversation
  }

  type AccountContact @key(fields: "accountId id") {
    accountId: ID!
    id: ID!
    "The contact's orders, known only to this subgraph."
    orders: [Order!]!
  }

  type AccountConversation @key(fields: "accountId displayId") {
    accountId: ID!
    displayId: Int!
    "The order the conversation is about."
    order: Order
  }

  type Query {
    recentOrders: [Order!]!
  }
`;

interface OrderRow {
  id: string;
  contactId: string;
  displayId: number;
}

/** 30 orders by 5 distinct contacts, about 6 distinct conversations. */
const ORDERS: OrderRow[] = Array.from({ length: 30 }, (_, i) => ({ id: `order-${i}`, contactId: String((i % 5) + 1), displayId: (i % 6) + 10 }));

function startOrdersSubgraph() {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(ORDERS_SDL),
      resolvers: {
        Query: { recentOrders: () => ORDERS },
        Order: {
          customer: (order: OrderRow) => ({ accountId: '1', id: order.contactId }),
          conversation: (order: OrderRow) => ({ accountId: '1', displayId: order.displayId }),
        },
        AccountContact: {
          __resolveReference: (ref: { accountId: string; id: string }) => ref,
          orders: (ref: { id: string }) => ORDERS.filter((o) => o.contactId === ref.id),
        },
        AccountConversation: {
          __resolveReference: (ref: { accountId: string; displayId: number }) => ref,
          order: (ref: { displayId: number }) => ORDERS.find((o) => o.displayId === ref.displayId) ?? null,
        },
      },
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  return startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }).then(({ url }) => ({ server, url }));
}

/** What the router knows of its caller: the Chatwoot token it forwards to the Chatwoot subgraph. */
interface RouterContext {
  token?: string;
}

describe('Application entities in a supergraph with an orders subgraph', () => {
  let chatwoot: FakeChatwoot;
  let subgraph: TestGateway;
  let orders: { server: ApolloServer; url: string };
  let router: ApolloServer<RouterContext>;
  const telemetrySetting = process.env.APOLLO_TELEMETRY_DISABLED;

  beforeAll(async () => {
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
    chatwoot = await startFakeChatwoot((request) => {
      const contact = /^\/api\/v1\/accounts\/1\/contacts\/(\d+)$/.exec(request.path);
      if (contact) return { body: { payload: { id: Number(contact[1]), name: `Customer ${contact[1]}`, email: `c${contact[1]}@example.com` } } };
      const conversation = /^\/api\/v1\/accounts\/1\/conversations\/(\d+)$/.exec(request.path);
      if (conversation) return { body: { id: Number(conversation[1]), status: 'open', inbox_id: 1, meta: {} } };
      if (request.path === '/api/v1/accounts/1/portals') {
        return { body: { payload: [{ id: 7, slug: 'help', name: 'Help', account_id: 1 }, { id: 8, slug: 'docs', name: 'Docs', account_id: 1 }], meta: {} } };
      }
      return { status: 404, body: { error: 'Resource could not be found' } };
    });
    subgraph = await startApplicationGateway(chatwoot.url);
    orders = await startOrdersSubgraph();
    const sdl = await subgraph.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const composed = composeServices([
      { name: 'chatwoot', url: subgraph.url, typeDefs: parse(sdl.data?._service.sdl ?? '') },
      { name: 'orders', url: orders.url, typeDefs: parse(ORDERS_SDL) },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    const gateway = new ApolloGateway({
      supergraphSdl: composed.supergraphSdl,
      // A router must pass the caller's own Chatwoot token on; the gateway never uses one of its own for these.
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<RouterContext>({
          url,
          willSendRequest({ request, context }) {
            if (context.token) request.http?.headers.set('api-access-token', context.token);
          },
        }),
    });
    router = new ApolloServer<RouterContext>({ gateway });
    await router.start();
  });

  afterAll(async () => {
    await router?.stop();
    await orders?.server.stop();
    await subgraph?.close();
    await chatwoot?.close();
    if (telemetrySetting === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = telemetrySetting;
  });

  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  async function execute(query: string, token?: string) {
    const response = await router.executeOperation({ query }, { contextValue: { token } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  }

  it('joins orders to contacts and conversations with one Chatwoot read per distinct record', async () => {
    const result = await execute('{ recentOrders { id customer { name email orders { id } } conversation { displayId status order { id } } } }', 'caller-token');
    expect(result.errors).toBeUndefined();
    const data = result.data as { recentOrders: { id: string; customer: { name: string; orders: unknown[] }; conversation: { status: string } }[] };
    expect(data.recentOrders).toHaveLength(30);
    expect(data.recentOrders[0]).toMatchObject({ customer: { name: 'Customer 1', email: 'c1@example.com' }, conversation: { displayId: 10, status: 'OPEN' } });
    expect(data.recentOrders[0]!.customer.orders).toHaveLength(6);
    const paths = chatwoot.requests.map((r) => r.path);
    expect(paths.filter((p) => p.includes('/contacts/')).sort()).toEqual(['1', '2', '3', '4', '5'].map((id) => `/api/v1/accounts/1/contacts/${id}`));
    expect(paths.filter((p) => p.includes('/conversations/'))).toHaveLength(6);
    expect(paths).toHaveLength(11);
    expect(chatwoot.requests.every((r) => r.headers['api-access-token'] === 'caller-token')).toBe(true);
  });

  it('refuses the references without the caller token, UNAUTHENTICATED, and reads nothing', async () => {
    const result = await execute('{ recentOrders { id customer { name } } }');
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.errors!.every((e) => e.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('resolves Portal references by account and slug with one list call per account', async () => {
    const result = await subgraph.query(
      `{ _entities(representations: [
          { __typename: "Portal", accountId: "1", slug: "help" },
          { __typename: "Portal", accountId: "1", slug: "docs" },
          { __typename: "Portal", accountId: "1", slug: "help" },
          { __typename: "Portal", accountId: "1", slug: "gone" }
        ]) { ... on Portal { id name slug } } }`,
      {},
      { 'api-access-token': 'caller-token' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [{ id: '7', name: 'Help', slug: 'help' }, { id: '8', name: 'Docs', slug: 'docs' }, { id: '7', name: 'Help', slug: 'help' }, null],
    });
    expect(chatwoot.requests.map((r) => r.path)).toEqual(['/api/v1/accounts/1/portals']);
  });
});
