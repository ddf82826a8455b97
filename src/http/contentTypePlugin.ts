import type { GraphQLRequestListener } from '@apollo/server';
import { DONE, type SharedListenerPlugin, sharedListenerPlugin } from '../graphql/sharedListener';

/** What Apollo answers a single result with when the client accepts plain JSON. */
const APPLICATION_JSON = 'application/json; charset=utf-8';
/** Apollo awaits every hook; one settled promise shared by all calls allocates nothing per request. */

/**
 * Sets the content type of a single JSON result when the client's Accept leaves no choice to make: absent, the
 * any-type wildcard or `application/json`. Apollo would build a Negotiator (parsing Accept and ranking its media
 * types) on every request to reach the same answer; it skips that when the header is already set. Any other Accept
 * (the GraphQL-over-HTTP `application/graphql-response+json`, quality values, lists) is still negotiated by Apollo.
 */
export function plainJsonContentTypePlugin<TContext extends object>(): SharedListenerPlugin<TContext> {
  // One listener for every request: it keeps no per-request state.
  const listener: GraphQLRequestListener<TContext> = {
    willSendResponse({ request, response }) {
      if (response.body.kind !== 'single' || response.http.headers.has('content-type')) return DONE;
      const accept = request.http?.headers.get('accept');
      if (accept === undefined || accept === '*/*' || accept === 'application/json') response.http.headers.set('content-type', APPLICATION_JSON);
      return DONE;
    },
  };
  return sharedListenerPlugin(listener);
}
