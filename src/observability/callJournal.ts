import type { CallJournalSink, CallRecord } from '../chatwoot/observer';

/** The most calls one request line lists one by one; the rest are counted (a bulk request makes up to thousands). */
export const MAX_LISTED_CALLS = 100;

/** What one request line says about the calls it covers. */
export interface JournalEntry {
  readonly calls: readonly CallRecord[];
  /** Calls beyond MAX_LISTED_CALLS, counted only. */
  readonly unlisted: number;
  /** Calls that failed (a failure kind, or a status of 400 or more), listed or not. */
  readonly failed: number;
}

const NOTHING: JournalEntry = Object.freeze({ calls: Object.freeze([]), unlisted: 0, failed: 0 });

/**
 * The upstream calls of one HTTP request to /graphql, collected for the log line written when its GraphQL request is
 * answered (src/observability/apolloPlugin.ts). Made with the request's context, so a request refused before Apollo
 * runs (a body error, a write refusal) has none, and makes no call either.
 *
 * A call that ends once the request is answered (a call outliving its deadline, a request cut at shutdown) is
 * refused, and the observer (src/observability/upstream.ts) logs it on a line of its own instead, so that every call
 * is logged exactly once.
 *
 * A batched HTTP request (GATEWAY_HTTP_BATCHING) runs several GraphQL requests on one context, so on one journal:
 * each operation's line takes the calls that ended since the previous line, and the journal closes when the last
 * operation that began is answered. Their calls cannot be told apart (they share one CallContext), so there a call
 * may be listed on the line of another operation of the same HTTP request, with the same request id.
 */
export class CallJournal implements CallJournalSink {
  /** When the request's context was made (performance.now()), for the line's duration. */
  readonly startedAt = performance.now();
  private calls: CallRecord[] = [];
  private unlisted = 0;
  private failed = 0;
  /** Operations begun and not yet answered. */
  private open = 0;
  private closed = false;

  add(record: CallRecord): boolean {
    if (this.closed) return false;
    if (record.error !== undefined || (record.status !== null && record.status >= 400)) this.failed += 1;
    if (this.calls.length < MAX_LISTED_CALLS) this.calls.push(record);
    else this.unlisted += 1;
    return true;
  }

  /** One GraphQL request (operation) on this context began (Apollo's requestDidStart). */
  begin(): void {
    this.open += 1;
  }

  /**
   * Takes the calls collected since the last take, for the line of an operation just answered. Once no begun
   * operation is left unanswered the journal closes: later calls are logged by the observer, and a later take gets
   * nothing (what it held has been handed out).
   */
  take(): JournalEntry {
    if (this.closed) return NOTHING;
    const entry: JournalEntry = { calls: this.calls, unlisted: this.unlisted, failed: this.failed };
    if (this.open > 0) this.open -= 1;
    if (this.open === 0) {
      // Closed, so nothing is added to the list handed out: no copy needed.
      this.closed = true;
    } else {
      this.calls = [];
      this.unlisted = 0;
      this.failed = 0;
    }
    return entry;
  }
}
