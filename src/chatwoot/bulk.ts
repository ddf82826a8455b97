import type { ContactAddress, ContactsResource } from './contacts';
import { InvalidRequestError } from './errors';
import type { RequestOptions, ResolvedBatching } from './requestOptions';
import type { CallContext, ChatwootTransport } from './transport';
import type { ContactChanges, ContactRecord } from './types';

/**
 * Bulk operations: many upstream calls for one GraphQL field, paced so that a large list cannot flood Chatwoot
 * (whose rate limiter answers 429 to bursts). Calls run `itemsPerBatch` at a time; a batch starts when the previous
 * one has finished AND at least `batchIntervalMs` after the previous one started. Each item succeeds or fails on its
 * own, and results come back in input order.
 */

/** The outcome of one item: `value` when it succeeded, `error` (a typed adapter error, usually) when it failed. */
export interface ItemOutcome<T> {
  /** The item's position in the input, from 0. */
  readonly index: number;
  readonly value?: T;
  readonly error?: unknown;
}

/** One contact to change: where it is, and what to change. */
export interface UpdateContactItem extends ContactAddress {
  readonly input: ContactChanges;
}

export interface BulkSettings {
  /** The most items one bulk operation accepts. Default 1000. */
  readonly maxBulkItems?: number;
}

export const DEFAULT_MAX_BULK_ITEMS = 1000;

/** Bulk operations over the resources of one ChatwootClient. */
export class BulkOperations {
  constructor(
    private readonly transport: ChatwootTransport,
    private readonly contacts: ContactsResource,
    private readonly settings: BulkSettings = {},
  ) {}

  /**
   * Changes many contacts, one `PATCH` each, paced by the request's batching options. Too many items, an option out
   * of range or forbidden by policy fail the whole request before any call is made; everything else is per item.
   */
  async updateContacts(
    context: CallContext,
    items: readonly UpdateContactItem[],
    options?: RequestOptions | null,
  ): Promise<ItemOutcome<ContactRecord>[]> {
    this.checkCount(items.length);
    const { batching } = this.transport.resolveOptions(options);
    return runInBatches(items, batching, (item) => this.contacts.update(context, item, item.input, options));
  }

  private checkCount(count: number): void {
    const max = this.settings.maxBulkItems ?? DEFAULT_MAX_BULK_ITEMS;
    if (count > max) {
      throw new InvalidRequestError(
        `items has ${count} entries; this gateway accepts at most ${max} in one request (GATEWAY_MAX_BULK_ITEMS). ` +
          'Split the list into several requests.',
        'items',
      );
    }
  }
}

/**
 * Runs `work` over `items`, `itemsPerBatch` at a time, starting each batch no sooner than `batchIntervalMs` after the
 * previous batch started and never before it has finished, so that at most `itemsPerBatch` calls are in flight.
 * Never rejects because of an item: each failure is captured in that item's outcome.
 */
export async function runInBatches<I, T>(
  items: readonly I[],
  batching: ResolvedBatching,
  work: (item: I, index: number) => Promise<T>,
): Promise<ItemOutcome<T>[]> {
  const outcomes: ItemOutcome<T>[] = [];
  const size = Math.max(1, batching.itemsPerBatch);
  let previousStart: number | undefined;

  for (let first = 0; first < items.length; first += size) {
    if (previousStart !== undefined) await waitUntil(previousStart + batching.batchIntervalMs);
    previousStart = performance.now();
    const batch = items.slice(first, first + size).map((item, offset) => settle(first + offset, item, work));
    outcomes.push(...(await Promise.all(batch)));
  }
  return outcomes;
}

async function settle<I, T>(index: number, item: I, work: (item: I, index: number) => Promise<T>): Promise<ItemOutcome<T>> {
  try {
    return { index, value: await work(item, index) };
  } catch (error) {
    return { index, error };
  }
}

/** Waits until performance.now() reaches `deadline`. Loops because a timer may fire a fraction of a millisecond early. */
async function waitUntil(deadline: number): Promise<void> {
  for (let remaining = deadline - performance.now(); remaining > 0; remaining = deadline - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(remaining)));
  }
}
