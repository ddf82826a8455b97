import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';

/**
 * Apollo awaits every hook it calls. One settled promise shared by all requests allocates nothing per request, where
 * an `async` hook makes a promise (and an async listener object, a closure) for every one (bench/RESULTS.md).
 */
export const DONE: Promise<void> = Promise.resolve();

/** A plugin whose one listener object serves every request: for hooks that keep no per-request state. */
export function sharedListenerPlugin<TContext extends object>(listener: GraphQLRequestListener<TContext>): ApolloServerPlugin<TContext> {
  const started = Promise.resolve(listener);
  return { requestDidStart: () => started };
}
