/**
 * Bounds the calls in flight on one pooled dispatcher, across all GraphQL requests, to the number of connections the
 * dispatcher may open.
 *
 * Why: without it, every call starts at once and the ones beyond the connection limit wait inside undici's queue with
 * everything a sent call holds (request and handler objects, headers, body, parser state). Under the bulk scenario
 * (64 requests of 100 items, 10 at a time each: 640 calls for 128 sockets) those objects lived long enough to be
 * promoted to the old generation, which cost CPU in garbage collection and memory (bench/RESULTS.md, "Hot-path pass
 * 2"). Here a waiting call is a closure in a FIFO, and it builds its request only once a connection is free.
 * The order of calls is kept (first come, first served), and a call's deadline still counts from when it was made.
 */
export class CallGate {
  private active = 0;
  private readonly waiting: Ticket[] = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`A call gate needs a positive whole bound (got ${max}).`);
  }

  /** Takes a slot: undefined when one was free (it is now the caller's), otherwise a ticket to wait on. */
  enter(): Ticket | undefined {
    if (this.active < this.max) {
      this.active += 1;
      return undefined;
    }
    const ticket = new Ticket(this.waiting);
    this.waiting.push(ticket);
    return ticket;
  }

  /** Gives the caller's slot to the first waiting ticket, or frees it. Call exactly once per slot taken. */
  leave(): void {
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.active -= 1;
  }

  /** Calls holding a slot now. */
  get inFlight(): number {
    return this.active;
  }

  /** Calls waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }
}

/** A call waiting for a slot. `ready` resolves when the slot is handed over, or rejects when the ticket is withdrawn. */
export class Ticket {
  readonly ready: Promise<void>;
  private resolve!: () => void;
  private reject!: (reason: Error) => void;

  constructor(private readonly queue: Ticket[]) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Hands the slot over (the gate calls this). */
  admit(): void {
    this.resolve();
  }

  /**
   * Leaves the queue without a slot (the call's deadline passed while it waited); `ready` rejects with `reason`.
   * Returns false when the slot was already handed over: the caller then holds it and must leave the gate as usual.
   */
  withdraw(reason: Error): boolean {
    const index = this.queue.indexOf(this);
    if (index === -1) return false;
    this.queue.splice(index, 1);
    this.reject(reason);
    return true;
  }
}
