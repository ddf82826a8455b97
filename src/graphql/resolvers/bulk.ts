import type { ItemOutcome, UpdateContactItem } from '../../chatwoot/bulk';
import type { ContactRecord } from '../../chatwoot/types';
import type { ItemError, Resolvers, ResolversTypes } from '../../generated/graphql';
import { ErrorCode } from '../../errors';
import type { GatewayContext } from '../context';
import { toGraphQLError } from '../errors';

/**
 * Bulk operations. The resolver makes one adapter call; per-item failures become ItemError through the same
 * boundary (toGraphQLError) that words a single operation's error, so an item fails exactly as it would alone: a code
 * from the catalogue and a message, never a stack trace.
 */
export const bulkResolvers: Resolvers = {
  Mutation: {
    updateContacts: async (_root, { items, options }, context) => {
      const outcomes = await context.chatwoot.bulk.updateContacts(context.call, await withProofs(context, items), options);
      const results = outcomes.map(toResult);
      reportInternal(results, context.reportInternalError);
      return results.map((r) => r.result);
    },
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
/** Several items of one bulk operation that failed unexpectedly, logged as one entry (the first failure is the cause). */
export class BulkItemsFailedInternally extends Error {
  constructor(
    readonly count: number,
    readonly first: unknown,
  ) {
    super(`${count} item(s) of a bulk operation failed with an internal error; the first failure is the cause.`, { cause: first });
    this.name = 'BulkItemsFailedInternally';
  }
}

interface Mapped {
  readonly result: ResolversTypes['UpdateContactResult'];
  /** The failure behind a masked INTERNAL_SERVER_ERROR item, for the operator. */
  readonly internal?: unknown;
}

function toResult(outcome: ItemOutcome<ContactRecord>): Mapped {
  if (outcome.error === undefined) return { result: { index: outcome.index, contact: outcome.value ?? null, error: null } };
  const error = toItemError(outcome.error);
  const internal = error.code === ErrorCode.INTERNAL_SERVER_ERROR ? outcome.error : undefined;
  return { result: { index: outcome.index, contact: null, error }, internal };
}

/**
 * Masked for the client like any unexpected failure, but not swallowed: the operator sees them, as one log entry per
 * bulk field however many items failed, so that one request cannot write thousands of lines.
 */
function reportInternal(results: readonly Mapped[], report: ((error: unknown) => void) | undefined): void {
  const internal = results.filter((r) => r.internal !== undefined);
  if (internal.length === 0 || !report) return;
  report(internal.length === 1 ? internal[0]!.internal : new BulkItemsFailedInternally(internal.length, internal[0]!.internal));
}

/** The code and message a client would see for this failure on a single operation. */
function toItemError(error: unknown): ItemError {
  const mapped = toGraphQLError(error);
  const code = typeof mapped.extensions.code === 'string' ? mapped.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  return { code, message: mapped.message };
}
