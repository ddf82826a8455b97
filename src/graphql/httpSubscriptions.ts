import type { GraphQLRequestListener } from '@apollo/server';
import { DONE, type SharedListenerPlugin, sharedListenerPlugin } from './sharedListener';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';

/** What a client that sends a subscription over HTTP is told. */
export const SUBSCRIPTION_OVER_HTTP = 'Subscriptions are not served over HTTP POST; send them over a WebSocket.';

/**
 * Refuses subscription operations that arrive over HTTP, with 400 BAD_REQUEST, before they run. graphql-js would
 * execute one as if it were a query (there is no event stream to hold over one HTTP answer) and, without a
 * Subscription type, fail with an uncoded error the boundary could only mask. Operations run without HTTP (a
 * WebSocket server calling Apollo's executeOperation) are left alone.
 */
export function refuseHttpSubscriptions<TContext extends object>(): SharedListenerPlugin<TContext> {
  // One listener for every request (it keeps no per-request state), so a request allocates nothing here.
  const listener: GraphQLRequestListener<TContext> = {
    didResolveOperation({ operation, request }) {
      if (operation?.operation !== 'subscription' || request.http === undefined) return DONE;
      throw new GraphQLError(SUBSCRIPTION_OVER_HTTP, {
        extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400, headers: new HeaderMap() } },
      });
    },
  };
  return sharedListenerPlugin(listener);
}
