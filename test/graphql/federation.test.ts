import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
/** GATEWAY_MAX_CONCURRENT_READS by default: the most reads one GraphQL request runs at once. */
const CONTACT_REFERENCE_CONCURRENCY = 8;
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';

/**
 * The gateway as one subgraph of a supergraph: composed with a second subgraph written here (orders that reference
 * Chatwoot contacts by their key) through @apollo/composition, and queried through @apollo/gateway. All three
 * servers are real HTTP servers on loopback.
 */

const ORDERS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "An order of the shop, placed by a Chatwoot contact."
  type Order {
    id: ID!
    customer: Contact
  }

  type Contact @key(fields: "inboxIdentifier sourceId") {
    inboxIdentifier: String
    sourceId: String
    "The contact's orders, known only to this subgraph."
    orders: [Order!]!
  }

  type Query {
    recentOrders: [Order!]!
  }
`;

interface OrderRow {
  id: string;
  inboxIdentifier: string;
  sourceId: string;
}

/** 50 orders placed by 14 distinct contacts: the same source ids recur, and in two inboxes. */
const ORDERS: OrderRow[] = Array.from({ length: 50 }, (_, i) => ({
  id: `order-${i}`,
  inboxIdentifier: i % 2 === 0 ? 'inbox-a' : 'inbox-b',
  sourceId: `contact-${i % 7}`,
}));
const DISTINCT = new Set(ORDERS.map((o) => `${o.inboxIdentifier}/${o.sourceId}`));

function startOrdersSubgraph() {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(ORDERS_SDL),
      resolvers: {
        Query: {
          recentOrders: () => ORDERS,
        },
        Order: {
          customer: (order: OrderRow) => ({ inboxIdentifier: order.inboxIdentifier, sourceId: order.sourceId }),
        },
        Contact: {
          __resolveReference: (ref: { inboxIdentifier: string; sourceId: string }) => ref,
          orders: (ref: { inboxIdentifier: string; sourceId: string }) =>
            ORDERS.filter((o) => o.inboxIdentifier === ref.inboxIdentifier && o.sourceId === ref.sourceId),
        },
      },
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  return startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }).then(({ url }) => ({ server, url }));
}

describe('the gateway as a Federation 2 subgraph', () => {
  let chatwoot: FakeChatwoot;
  let subgraph: TestGateway;
  let orders: { server: ApolloServer; url: string };
  let router: ApolloServer;
  let inFlight = 0;
  let maxInFlight = 0;
  const missing = new Set<string>();
  const telemetrySetting = process.env.APOLLO_TELEMETRY_DISABLED;

  beforeAll(async () => {
    // @apollo/gateway otherwise reports usage metrics to Apollo over the internet; tests talk to loopback only.
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
    chatwoot = await startFakeChatwoot(async (request) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Slow enough that concurrent reads overlap, so the bound is what limits them.
      await new Promise((resolve) => setTimeout(resolve, 25));
      inFlight -= 1;
      const [, inbox = '', contact = ''] = /^\/public\/api\/v1\/inboxes\/([^/]+)\/contacts\/([^/]+)$/.exec(request.path) ?? [];
      if (missing.has(`${inbox}/${contact}`)) return { status: 404, body: { error: 'Not Found' } };
      return { body: slimContact({ source_id: contact, name: `Customer ${inbox}/${contact}`, id: 100 }) };
    });
    subgraph = await startTestGateway(chatwoot.url);
    orders = await startOrdersSubgraph();

    const sdl = await subgraph.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const composed = composeServices([
      { name: 'chatwoot', url: subgraph.url, typeDefs: parse(sdl.data?._service.sdl ?? '') },
      { name: 'orders', url: orders.url, typeDefs: parse(ORDERS_SDL) },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    router = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
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
    maxInFlight = 0;
    missing.clear();
  });

  async function execute(query: string) {
    const response = await router.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  }

  const RECENT_ORDERS = '{ recentOrders { id customer { inboxIdentifier sourceId name } } }';

  it('serves its subgraph SDL at _service with the Contact key and the federation link', async () => {
    const result = await subgraph.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const sdl = result.data?._service.sdl ?? '';
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(sdl).toMatch(/type Contact\s+@key\(fields: "inboxIdentifier sourceId"\)/);
    expect(sdl).toContain('updateContact(');
  });

  it('resolves 50 contact references with one upstream GET per distinct contact, at most 8 at a time', async () => {
    const result = await execute(RECENT_ORDERS);

    expect(result.errors).toBeUndefined();
    const data = result.data as { recentOrders: Array<{ id: string; customer: Record<string, string> }> };
    expect(data.recentOrders).toHaveLength(50);
    for (const [i, order] of data.recentOrders.entries()) {
      const row = ORDERS[i] as OrderRow;
      expect(order).toEqual({
        id: row.id,
        customer: {
          inboxIdentifier: row.inboxIdentifier,
          sourceId: row.sourceId,
          name: `Customer ${row.inboxIdentifier}/${row.sourceId}`,
        },
      });
    }
    expect(DISTINCT.size).toBe(14);
    expect(chatwoot.requests).toHaveLength(DISTINCT.size);
    expect(new Set(chatwoot.requests.map((r) => `${r.method} ${r.path}`))).toEqual(
      new Set([...DISTINCT].map((key) => `GET /public/api/v1/inboxes/${key.replace('/', '/contacts/')}`)),
    );
    expect(maxInFlight).toBeLessThanOrEqual(CONTACT_REFERENCE_CONCURRENCY);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('reads the contacts again for the next query: nothing is cached across requests', async () => {
    await execute(RECENT_ORDERS);
    await execute(RECENT_ORDERS);
    expect(chatwoot.requests).toHaveLength(2 * DISTINCT.size);
  });

  it('joins the other way: a contact read from Chatwoot gets its orders from the other subgraph', async () => {
    const result = await execute(
      '{ contact(inboxIdentifier: "inbox-b", contactIdentifier: "contact-3") { name sourceId orders { id } } }',
    );

    expect(result.errors).toBeUndefined();
    const expected = ORDERS.filter((o) => o.inboxIdentifier === 'inbox-b' && o.sourceId === 'contact-3');
    expect(expected.length).toBeGreaterThan(0);
    expect(result.data).toEqual({
      contact: { name: 'Customer inbox-b/contact-3', sourceId: 'contact-3', orders: expected.map((o) => ({ id: o.id })) },
    });
    expect(chatwoot.requests.map((r) => r.path)).toEqual(['/public/api/v1/inboxes/inbox-b/contacts/contact-3']);
  });

  it('fails only the references of a contact Chatwoot does not know, with NOT_FOUND at each', async () => {
    missing.add('inbox-a/contact-0');
    const result = await execute(RECENT_ORDERS);

    const data = result.data as { recentOrders: Array<{ id: string; customer: Record<string, string | null> }> };
    const failed = ORDERS.flatMap((o, i) => (o.inboxIdentifier === 'inbox-a' && o.sourceId === 'contact-0' ? [i] : []));
    expect(failed.length).toBeGreaterThan(1);
    // The router keeps the key it already had; the fields this subgraph should have added are null.
    expect(data.recentOrders.flatMap((o, i) => (o.customer.name === null ? [i] : []))).toEqual(failed);
    expect(result.errors?.map((e) => [e.extensions?.code, e.path])).toEqual(
      failed.map((i) => ['NOT_FOUND', ['recentOrders', i, 'customer']]),
    );
    expect(chatwoot.requests).toHaveLength(DISTINCT.size);
  });
});
