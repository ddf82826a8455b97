import { ApolloServer, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { combineSharedListenerPlugins, DONE, sharedListenerPlugin } from '../../src/graphql/sharedListener';

/** A real Apollo server (executeOperation runs its whole request pipeline) with the combined plugins. */
const typeDefs = 'type Query { greeting: String }';
const resolvers = { Query: { greeting: () => 'from the resolver' } };

async function serverWith(plugins: Parameters<typeof combineSharedListenerPlugins<object>>[0]): Promise<ApolloServer> {
  const server = new ApolloServer({ typeDefs, resolvers, plugins: [combineSharedListenerPlugins(plugins)] });
  await server.start();
  return server;
}

const answer = (text: string): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult: { data: { greeting: text } } },
});

async function greeting(server: ApolloServer): Promise<unknown> {
  const response = await server.executeOperation({ query: '{ greeting }' });
  return response.body.kind === 'single' ? response.body.singleResult : response.body;
}

describe('plugins combined into one listener', () => {
  let server: ApolloServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('calls every plugin of a stage in order, each before any of them is awaited', async () => {
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    server = await serverWith([
      sharedListenerPlugin({
        didResolveOperation: () => {
          seen.push('first resolved');
          // Settled only by the second plugin's hook: awaiting this before calling that would never finish.
          return held;
        },
        willSendResponse: () => (seen.push('first sends'), DONE),
      }),
      sharedListenerPlugin({
        didResolveOperation: () => {
          seen.push('second resolved');
          release();
          return DONE;
        },
        willSendResponse: () => (seen.push('second sends'), DONE),
      }),
    ]);
    expect(await greeting(server)).toEqual({ data: { greeting: 'from the resolver' } });
    expect(seen).toEqual(['first resolved', 'second resolved', 'first sends', 'second sends']);
  });

  it('fails the request when a plugin of a stage rejects, as Apollo does', async () => {
    server = await serverWith([
      sharedListenerPlugin({ didResolveOperation: () => DONE }),
      sharedListenerPlugin({ didResolveOperation: () => Promise.reject(new Error('refused by the second plugin')) }),
    ]);
    const result = (await greeting(server)) as { data?: unknown; errors?: Array<{ message: string }> };
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toBe('refused by the second plugin');
  });

  it('answers with the first plugin that gives an answer, and asks none after it', async () => {
    const asked: string[] = [];
    server = await serverWith([
      sharedListenerPlugin({ responseForOperation: async () => (asked.push('declines'), null) }),
      sharedListenerPlugin({ responseForOperation: async () => (asked.push('answers'), answer('from a plugin')) }),
      sharedListenerPlugin({ responseForOperation: async () => (asked.push('never asked'), answer('too late')) }),
    ]);
    expect(await greeting(server)).toEqual({ data: { greeting: 'from a plugin' } });
    expect(asked).toEqual(['declines', 'answers']);
  });

  it('lets Apollo execute when no plugin gives an answer', async () => {
    server = await serverWith([sharedListenerPlugin({ responseForOperation: async () => null })]);
    expect(await greeting(server)).toEqual({ data: { greeting: 'from the resolver' } });
  });

  it('runs each plugin’s start callback once per request', async () => {
    let starts = 0;
    server = await serverWith([sharedListenerPlugin({}, { onRequestStart: () => void (starts += 1) }), sharedListenerPlugin({})]);
    await greeting(server);
    await greeting(server);
    expect(starts).toBe(2);
  });

  it('refuses to combine a hook it cannot combine, when the server is built', () => {
    expect(() => combineSharedListenerPlugins([sharedListenerPlugin({ executionDidStart: async () => undefined })])).toThrow(
      'cannot combine the executionDidStart hook',
    );
  });
});
