import type { ItemOutcome } from '../../chatwoot/bulk';
import type { ContactRecord } from '../../chatwoot/types';
import type { ItemError, Resolvers, ResolversTypes } from '../../generated/graphql';
import { ErrorCode } from '../../errors';
import { toGraphQLError } from '../errors';

/**
 * Bulk operations. The resolver makes one adapter call; per-item failures become ItemError through the same
 * boundary (toGraphQLError) that words a single operation's error, so an item fails exactly as it would alone.
 */
export const bulkResolvers: Resolvers = {
  Mutation: {
    updateContacts: async (_root, { items, options }, { chatwoot, call }) =>
      (await chatwoot.bulk.updateContacts(call, items, options)).map(toResult),
  },
};

function toResult(outcome: ItemOutcome<ContactRecord>): ResolversTypes['UpdateContactResult'] {
  if (outcome.error === undefined) return { index: outcome.index, contact: outcome.value ?? null, error: null };
  return { index: outcome.index, contact: null, error: toItemError(outcome.error) };
}

/** The code and message a client would see for this failure on a single operation. */
function toItemError(error: unknown): ItemError {
  const mapped = toGraphQLError(error);
  const code = typeof mapped.extensions.code === 'string' ? mapped.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  // Masked for the client like any unexpected failure, but not swallowed: the operator needs to see it.
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) console.error('Internal error in a bulk item:', error);
  return { code, message: mapped.message };
}
