import { setMaxListeners } from 'node:events';
import { CallBudgetExceededError, CallNotAttemptedError, type HttpMethod } from './errors';

/**
 * What one HTTP request may still ask of Chatwoot. Threat model: a small document can name many upstream calls
 * (aliases, a list variable shared by several bulk fields, batched operations, a long `_entities` list, fields that
 * fan out over an upstream list), and a client can leave while they run. So every call of an HTTP request, whichever
 * of its batched operations makes it, draws on one allowance of `maxCalls`, and none starts once the client is gone.
 *
 * Writes are counted before any is sent (src/graphql/writes.ts reserves them), so that a write request is refused
 * whole rather than stopped half-way; reads are counted as they are sent, and the read over the limit fails its field.
 */
export class RequestBudget {
  private spent = 0;
  private prepaidWrites = 0;
  private applied = 0;
  private sentCalls = 0;
  private skipped = 0;
  private gone = false;
  /** Made only when something waits on it (a bulk operation between batches): most requests never need one. */
  private controller: AbortController | undefined;
  /**
   * The calls of this request queued or on the wire, told when the client goes away. Most requests have one at a
   * time: it is kept in a field, and a Set is made only for a second (a Set per request, and the table a delete from
   * it rebuilds, were allocations of every request).
   */
  private watcher: ClientGoneWatcher | undefined;
  private moreWatchers: Set<ClientGoneWatcher> | undefined;

  /** @param maxCalls GATEWAY_MAX_UPSTREAM_CALLS: the most calls the whole HTTP request may make. */
  constructor(readonly maxCalls: number) {}

  /** Aborted when the client goes away (see cancel). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      // Every bulk operation of the request waiting between two batches listens on it; that is not a leak.
      setMaxListeners(0, this.controller.signal);
      if (this.gone) this.controller.abort();
    }
    return this.controller.signal;
  }

  /**
   * The client went away: calls not yet sent are not sent, and every watching call is told. Threat model: a client
   * that sends a heavy request and disconnects must not leave the gateway working for nobody. Plain callbacks rather
   * than an AbortSignal listener per call: an EventTarget listener costs more than the rest of a call's bookkeeping.
   */
  cancel(): void {
    if (this.gone) return;
    this.gone = true;
    this.controller?.abort();
    const watchers = [...(this.watcher ? [this.watcher] : []), ...(this.moreWatchers ?? [])];
    this.watcher = undefined;
    this.moreWatchers = undefined;
    for (const watcher of watchers) watcher.clientGone();
  }

  /** Tells `watcher` when the client goes away, until `unwatch`; at once if it already has. */
  watch(watcher: ClientGoneWatcher): void {
    if (this.gone) watcher.clientGone();
    else if (this.watcher === undefined && !this.moreWatchers?.has(watcher)) this.watcher = watcher;
    else if (this.watcher !== watcher) (this.moreWatchers ??= new Set()).add(watcher);
  }

  unwatch(watcher: ClientGoneWatcher): void {
    if (this.watcher === watcher) this.watcher = undefined;
    else this.moreWatchers?.delete(watcher);
  }

  /**
   * Reserves `writes` calls for the request's mutations before the first is sent. Returns false (and reserves
   * nothing) when they do not fit in what is left.
   */
  reserveWrites(writes: number): boolean {
    if (this.spent + writes > this.maxCalls) return false;
    this.spent += writes;
    this.prepaidWrites += writes;
    return true;
  }

  /** Calls still available to reads (and to writes beyond those reserved). */
  get remaining(): number {
    return this.maxCalls - this.spent;
  }

  /** Whether the client is gone. */
  get cancelled(): boolean {
    return this.gone;
  }

  /**
   * Admits one call about to be sent, or throws: CallNotAttemptedError when the client is gone,
   * CallBudgetExceededError when the request has used its budget.
   */
  admit(method: HttpMethod): void {
    if (this.cancelled) {
      this.skipped += 1;
      throw new CallNotAttemptedError('The client went away before this call to Chatwoot was sent.', 'client_gone');
    }
    if (method !== 'GET' && this.prepaidWrites > 0) {
      this.prepaidWrites -= 1;
      return;
    }
    if (this.spent >= this.maxCalls) {
      throw new CallBudgetExceededError(
        `This request has made the ${this.maxCalls} calls to Chatwoot one request may make (GATEWAY_MAX_UPSTREAM_CALLS); ` +
          'this field was not resolved. Ask for fewer records or split the request.',
        'upstream_calls',
        this.maxCalls,
      );
    }
    this.spent += 1;
  }

  /** Notes that an admitted call went on the wire. */
  noteSent(): void {
    this.sentCalls += 1;
  }

  /** Notes a write Chatwoot accepted (2xx), for the log line written when the client leaves before the answer. */
  noteApplied(): void {
    this.applied += 1;
  }

  /** Calls not sent because the client had gone. */
  noteSkipped(): void {
    this.skipped += 1;
  }

  /** What the request did: calls sent, writes Chatwoot accepted, calls skipped because the client left. */
  summary(): { callsSent: number; writesApplied: number; callsSkipped: number } {
    return { callsSent: this.sentCalls, writesApplied: this.applied, callsSkipped: this.skipped };
  }
}

/** A call that stops when its client goes away (src/chatwoot/transport.ts). */
export interface ClientGoneWatcher {
  clientGone(): void;
}
