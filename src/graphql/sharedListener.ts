import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';

/**
 * Apollo awaits every hook it calls. One settled promise shared by all requests allocates nothing per request, where
 * an `async` hook makes a promise (and an async listener object, a closure) for every one (bench/RESULTS.md).
 */
export const DONE: Promise<void> = Promise.resolve();

const SHARED = Symbol('sharedListenerPlugin');

/** What a plugin made by sharedListenerPlugin is made of, for combineSharedListenerPlugins. */
interface SharedParts<TContext extends object> {
  readonly listener: GraphQLRequestListener<TContext>;
  readonly onRequestStart?: (requestContext: GraphQLRequestContext<TContext>) => void;
  readonly unexpectedErrorProcessingRequest?: ApolloServerPlugin<TContext>['unexpectedErrorProcessingRequest'];
}

/** An Apollo plugin whose one listener object serves every request. */
export type SharedListenerPlugin<TContext extends object> = ApolloServerPlugin<TContext> & {
  readonly [SHARED]: SharedParts<TContext>;
};

export interface SharedListenerOptions<TContext extends object> {
  /** Called synchronously as each request starts, for per-request bookkeeping that lives in the request's context. */
  readonly onRequestStart?: (requestContext: GraphQLRequestContext<TContext>) => void;
  /** Apollo's plugin-level hook, passed through. */
  readonly unexpectedErrorProcessingRequest?: ApolloServerPlugin<TContext>['unexpectedErrorProcessingRequest'];
}

/** A plugin whose one listener object serves every request: for hooks that keep no per-request state of their own. */
export function sharedListenerPlugin<TContext extends object>(
  listener: GraphQLRequestListener<TContext>,
  options: SharedListenerOptions<TContext> = {},
): SharedListenerPlugin<TContext> {
  const started = Promise.resolve(listener);
  const { onRequestStart, unexpectedErrorProcessingRequest } = options;
  return {
    requestDidStart: onRequestStart
      ? (requestContext) => {
          onRequestStart(requestContext);
          return started;
        }
      : () => started,
    ...(unexpectedErrorProcessingRequest ? { unexpectedErrorProcessingRequest } : {}),
    [SHARED]: { listener, onRequestStart, unexpectedErrorProcessingRequest },
  };
}

/** The request hooks a combination supports; Apollo calls each of them on every listener, then awaits them all. */
type AllAtOnceHook = 'didResolveSource' | 'didResolveOperation' | 'didEncounterErrors' | 'willSendResponse';
const ALL_AT_ONCE: readonly AllAtOnceHook[] = ['didResolveSource', 'didResolveOperation', 'didEncounterErrors', 'willSendResponse'];
const SUPPORTED = new Set<string>([...ALL_AT_ONCE, 'responseForOperation']);

/**
 * Several shared-listener plugins as one plugin with one listener. Apollo's cost grows with the number of listeners a
 * request has, whatever hooks they define: at every stage it maps all of them into a Promise.all, and it asks each in
 * turn for an answer before executing (measured: about 5 µs a request per listener, bench/RESULTS.md). The combined
 * listener calls the plugins' hooks in the order given, as Apollo would: for the all-at-once hooks each is called
 * before any is awaited and a rejection rejects the whole; for responseForOperation, the first answer wins.
 * A hook this does not know how to combine (the did-start hooks, which return end hooks) is refused when combining.
 */
export function combineSharedListenerPlugins<TContext extends object>(
  plugins: ReadonlyArray<SharedListenerPlugin<TContext>>,
): ApolloServerPlugin<TContext> {
  const parts = plugins.map((plugin) => plugin[SHARED]);
  const listeners = parts.map((part) => part.listener);
  for (const listener of listeners) {
    for (const key of Object.keys(listener)) {
      if (!SUPPORTED.has(key)) throw new Error(`combineSharedListenerPlugins cannot combine the ${key} hook.`);
    }
  }
  const combined: GraphQLRequestListener<TContext> = {};
  for (const hook of ALL_AT_ONCE) {
    const hooks = listeners.flatMap((listener) => {
      const fn = listener[hook];
      return fn ? [fn.bind(listener) as (requestContext: never) => Promise<void>] : [];
    });
    const all = allAtOnce(hooks);
    if (all) (combined as Record<AllAtOnceHook, unknown>)[hook] = all;
  }
  const answerers = listeners.flatMap((listener) => (listener.responseForOperation ? [listener] : []));
  if (answerers.length > 0) {
    combined.responseForOperation = async (requestContext) => {
      for (const answerer of answerers) {
        const response = await answerer.responseForOperation!(requestContext);
        if (response != null) return response;
      }
      return null;
    };
  }
  const started = Promise.resolve(combined);
  const starts = parts.flatMap((part) => (part.onRequestStart ? [part.onRequestStart] : []));
  const unexpected = parts.flatMap((part) => (part.unexpectedErrorProcessingRequest ? [part.unexpectedErrorProcessingRequest] : []));
  return {
    requestDidStart(requestContext) {
      for (const start of starts) start(requestContext);
      return started;
    },
    ...(unexpected.length > 0
      ? {
          async unexpectedErrorProcessingRequest(argument) {
            await Promise.all(unexpected.map((hook) => hook(argument)));
          },
        }
      : {}),
  };
}

/** One hook that calls each of `hooks` with its argument, then waits for all of them. */
function allAtOnce<A>(hooks: ReadonlyArray<(argument: A) => Promise<void>>): ((argument: A) => Promise<void>) | undefined {
  if (hooks.length <= 1) return hooks[0];
  return (argument) => {
    let pending: Array<Promise<void>> | undefined;
    for (const hook of hooks) {
      const result = hook(argument);
      if (result !== DONE) (pending ??= []).push(result);
    }
    return pending ? Promise.all(pending).then(ignore) : DONE;
  };
}

function ignore(): void {}
