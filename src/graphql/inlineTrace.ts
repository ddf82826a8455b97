import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTrace, type ApolloServerPluginInlineTraceOptions } from '@apollo/server/plugin/inlineTrace';
import { DONE } from './sharedListener';

/** The header by which a federation router asks a subgraph for a trace of the request (Apollo's `ftv1` format). */
const TRACE_HEADER = 'apollo-federation-include-trace';

/**
 * Apollo's inline-trace plugin, called only for the requests a router asks to trace. The plugin builds a trace tree
 * for every request before it reads the header (an object graph per request that untraced requests throw away), so
 * the header is read first here; for a traced request the plugin runs exactly as Apollo ships it.
 */
export function inlineTraceWhenAsked<TContext extends object>(options: ApolloServerPluginInlineTraceOptions): ApolloServerPlugin<TContext> {
  const plugin = ApolloServerPluginInlineTrace(options) as ApolloServerPlugin<TContext>;
  const { requestDidStart } = plugin;
  if (!requestDidStart) return plugin;
  // The spread keeps Apollo's internal plugin id, by which it knows not to install a second inline-trace plugin.
  return {
    ...plugin,
    requestDidStart: (requestContext) =>
      requestContext.request.http?.headers.get(TRACE_HEADER) === 'ftv1' ? requestDidStart.call(plugin, requestContext) : DONE,
  };
}
