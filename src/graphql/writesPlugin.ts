import type { GraphQLRequestListener } from '@apollo/server';
import { DONE, type SharedListenerPlugin, sharedListenerPlugin } from './sharedListener';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import { countResolvedWrites, writeRefusal } from './writes';

/**
 * Counts the writes of an operation the HTTP handler could not count before Apollo ran (a persisted query sent by
 * hash alone, whose text only Apollo's cache holds), once Apollo has resolved it and before it executes.
 */
export function writeBudgetPlugin(maxBulkItems: number): SharedListenerPlugin<GatewayContext> {
  // One listener for every request; the budget is read from the request's context. Counted requests (nearly all: the
  // HTTP handler counted them from their text) return at the first test.
  const listener: GraphQLRequestListener<GatewayContext> = {
    didResolveOperation({ document, operation, request, contextValue }) {
      const budget = contextValue.call.budget;
      if (contextValue.writesCounted || !operation || !budget) return DONE;
      const count = countResolvedWrites(document, operation, request.variables ?? {});
      const refused = writeRefusal(count, maxBulkItems, budget.remaining, budget.maxCalls);
      if (refused) {
        throw new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 400 } } });
      }
      budget.reserveWrites(count.writes);
      return DONE;
    },
  };
  return sharedListenerPlugin(listener);
}
