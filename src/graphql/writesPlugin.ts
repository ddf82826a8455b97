import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import { countResolvedWrites, writeRefusal } from './writes';

/**
 * Counts the writes of an operation the HTTP handler could not count before Apollo ran (a persisted query sent by
 * hash alone, whose text only Apollo's cache holds), once Apollo has resolved it and before it executes.
 */
export function writeBudgetPlugin(maxBulkItems: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const budget = contextValue.call.budget;
      if (contextValue.writesCounted || !budget) return;
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const count = countResolvedWrites(document, operation, request.variables ?? {});
          const refused = writeRefusal(count, maxBulkItems, budget.remaining, budget.maxCalls);
          if (refused) {
            throw new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 400 } } });
          }
          budget.reserveWrites(count.writes);
        },
      };
    },
  };
}
