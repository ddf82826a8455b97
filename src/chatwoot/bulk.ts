import type { ContactAddress, ContactsResource } from './contacts';
import { CallNotAttemptedError, InvalidRequestError } from './errors';
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
  /**
   * Aborted when the gateway's shutdown grace is half spent: no new batch starts after that, and the items left are
   * answered as not attempted, so that the client gets what was applied instead of a cut connection.
   */
  readonly shutdownSignal?: AbortSignal;
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
    const stops = [context.budget?.signal, this.settings.shutdownSignal].filter((s): s is AbortSignal => s !== undefined);
    return runInBatches(items, batching, (item) => this.contacts.update(context, item, item.input, options), stops);
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
 * Never rejects because of an item: each failure is captured in that item's outcome. Once one of `stops` is aborted
 * no new batch starts (the batch in flight finishes) and every item left gets a CallNotAttemptedError saying how
 * many were applied.
 */
export async function runInBatches<I, T>(
  items: readonly I[],
  batching: ResolvedBatching,
  work: (item: I, index: number) => Promise<T>,
  stops: readonly AbortSignal[] = [],
): Promise<ItemOutcome<T>[]> {
  const outcomes: ItemOutcome<T>[] = [];
  const size = Math.max(1, batching.itemsPerBatch);
  let previousStart: number | undefined;

  for (let first = 0; first < items.length; first += size) {
    if (previousStart !== undefined) await waitUntil(previousStart + batching.batchIntervalMs, stops);
    const stopped = stops.find((signal) => signal.aborted);
    if (stopped) {
      outcomes.push(...notAttempted(items.length, first, outcomes, reasonOf(stopped)));
      break;
    }
    const batch = items.slice(first, first + size).map((item, offset) => settle(first + offset, item, work));
    // Taken once the batch's calls are under way, so that the interval holds between calls as Chatwoot sees them
    // even when a pause (a collection, say) falls between deciding to start and starting.
    previousStart = performance.now();
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

/** The outcomes of the items from `first` on, none of which was sent. */
function notAttempted<T>(total: number, first: number, done: readonly ItemOutcome<T>[], reason: 'client_gone' | 'shutting_down'): ItemOutcome<T>[] {
  const applied = done.filter((outcome) => outcome.error === undefined).length;
  const why = reason === 'shutting_down' ? 'the gateway began shutting down' : 'the client went away';
  const error = new CallNotAttemptedError(
    `Not sent: ${why} before this item's batch started; ${applied} of ${total} items were applied before that, ` +
      `the ${total - first} from index ${first} on were not sent. Send those again.`,
    reason,
  );
  return Array.from({ length: total - first }, (_, offset) => ({ index: first + offset, error }));
}

/** Signals tell why they stopped by their reason; a bare abort() is read as the client going away. */
function reasonOf(signal: AbortSignal): 'client_gone' | 'shutting_down' {
  return signal.reason === SHUTTING_DOWN ? 'shutting_down' : 'client_gone';
}

/** The abort reason of the gateway's shutdown signal (src/gateway.ts). */
export const SHUTTING_DOWN = 'shutting_down';

/**
 * Waits until performance.now() reaches `deadline`, or one of `stops` is aborted. Loops because a timer may fire a
 * fraction of a millisecond early.
 */
async function waitUntil(deadline: number, stops: readonly AbortSignal[]): Promise<void> {
  for (let remaining = deadline - performance.now(); remaining > 0; remaining = deadline - performance.now()) {
    if (stops.some((signal) => signal.aborted)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        for (const signal of stops) signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.ceil(remaining));
      for (const signal of stops) signal.addEventListener('abort', done, { once: true });
    });
  }
}
