import type { ItemOutcome, UpdateContactItem } from '../../chatwoot/bulk';
import type { ContactRecord } from '../../chatwoot/types';
import type { ItemError, Resolvers, ResolversTypes } from '../../generated/graphql';
import { ErrorCode } from '../../errors';
import type { GatewayContext } from '../context';
import { toGraphQLError } from '../errors';

/**
 * Bulk operations. The resolver makes one adapter call; per-item failures become ItemError through the same
 * boundary (toGraphQLError) that words a single operation's error, so an item fails exactly as it would alone.
 */
export const bulkResolvers: Resolvers = {
  Mutation: {
    updateContacts: async (_root, { items, options }, context) =>
      (await context.chatwoot.bulk.updateContacts(context.call, await withProofs(context, items), options)).map(toResult),
  },
};

/**
 * Each item with the verified identity proof when its inbox is covered. A refused token or a mismatched item fails
 * the whole operation before any call, like an option out of range: the caller is not who it says for all of them.
 */
async function withProofs(context: GatewayContext, items: readonly UpdateContactItem[]): Promise<readonly UpdateContactItem[]> {
  const identity = context.identity;
  if (!identity || !items.some((item) => identity.covers(item.inboxIdentifier))) return items;
  const proven: UpdateContactItem[] = [];
  for (const item of items) {
    const proof = identity.covers(item.inboxIdentifier) ? await identity.prove(item.inboxIdentifier, item.input) : null;
    proven.push(proof ? { ...item, input: { ...item.input, identifier: proof.identifier, identifierHash: proof.identifierHash } } : item);
  }
  return proven;
}

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
