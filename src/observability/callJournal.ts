import type { CallJournalSink, CallRecord } from '../chatwoot/observer';

/** The most calls one request line lists one by one; the rest are counted (a bulk request makes up to thousands). */
export const MAX_LISTED_CALLS = 100;

/**
 * The upstream calls of one GraphQL request, collected for the single log line written when the request is answered.
 * A call that ends after that (a request cut at shutdown, a call outliving its deadline) is refused, and the observer
 * logs it on a line of its own instead, so no call goes unlogged.
 */
export class CallJournal implements CallJournalSink {
  readonly calls: CallRecord[] = [];
  /** When the request's context was made (performance.now()), for the line's duration. */
  readonly startedAt = performance.now();
  /** Calls beyond MAX_LISTED_CALLS, counted only. */
  unlisted = 0;
  /** Calls that failed, listed or not. */
  failed = 0;
  private closed = false;

  add(record: CallRecord): boolean {
    if (this.closed) return false;
    if (record.error !== undefined || (record.status !== null && record.status >= 400)) this.failed += 1;
    if (this.calls.length < MAX_LISTED_CALLS) this.calls.push(record);
    else this.unlisted += 1;
    return true;
  }

  /** Ends collection: later calls are logged by the observer. */
  close(): void {
    this.closed = true;
  }
}
