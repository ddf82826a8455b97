import DataLoader from 'dataloader';
import type { ChatwootClient } from '../chatwoot/client';
import type { ContactAddress } from '../chatwoot/contacts';
import type { CallContext } from '../chatwoot/transport';
import type { ContactRecord } from '../chatwoot/types';

/**
 * Loads the Contact entities a supergraph asks this subgraph for (`_entities` with `Contact` representations).
 *
 * A router sends every reference of one query in a single `_entities` call, often with the same contact many times
 * (fifty orders of five customers). Chatwoot's Client API has no batch read, so the best we can do is one
 * `GET .../contacts/{id}` per distinct (inbox, contact) pair, and never more: DataLoader collects the references of
 * one tick and dedupes them by key, and the batch function runs the distinct reads with bounded concurrency so that
 * one query cannot open dozens of parallel connections to Chatwoot.
 *
 * One loader per GraphQL request (see GatewayContext): its cache must never serve one caller's contact to another
 * caller, whose token may not see it.
 */
export type ContactReferenceLoader = DataLoader<ContactAddress, ContactRecord, string>;

/** At most this many contact reads of one request are in flight at once. */
export const CONTACT_REFERENCE_CONCURRENCY = 8;

export interface ContactReferenceLoaderOptions {
  /** Upper bound on parallel upstream reads for one batch; defaults to CONTACT_REFERENCE_CONCURRENCY. */
  readonly concurrency?: number;
}

/** Builds the loader for one GraphQL request, reading with that request's caller identity. */
export function createContactReferenceLoader(
  chatwoot: ChatwootClient,
  call: CallContext,
  options: ContactReferenceLoaderOptions = {},
): ContactReferenceLoader {
  const concurrency = Math.max(1, options.concurrency ?? CONTACT_REFERENCE_CONCURRENCY);
  return new DataLoader<ContactAddress, ContactRecord, string>(
    async (addresses) => {
      // DataLoader already dedupes through its cache; dedupe here as well so the "one read per contact" promise
      // does not depend on the cache staying switched on.
      const distinct = new Map<string, ContactAddress>();
      for (const address of addresses) distinct.set(contactKey(address), address);
      const results = await mapWithConcurrency([...distinct.values()], concurrency, (address) =>
        chatwoot.contacts.get(call, address).then(
          (record) => record,
          // A failed read fails only its own references; the error boundary maps it (NOT_FOUND, ...).
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      );
      const byKey = new Map([...distinct.keys()].map((key, index) => [key, results[index] as ContactRecord | Error]));
      return addresses.map((address) => byKey.get(contactKey(address)) as ContactRecord | Error);
    },
    { cacheKeyFn: contactKey },
  );
}

/** The dedupe key of one contact: its inbox and identifier, unambiguous whatever characters they hold. */
export function contactKey(address: ContactAddress): string {
  return JSON.stringify([address.inboxIdentifier, address.contactIdentifier]);
}

/** Runs `task` over `items` with at most `limit` running at once; results keep the order of `items`. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
