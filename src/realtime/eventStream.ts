/**
 * The async iterator one GraphQL subscription reads events from. It buffers at most `maxBuffered` events for a
 * client that reads slowly; past that the backlog is dropped and replaced by one `overflow` item (a RESYNC, so the
 * client re-reads instead of silently missing events), which bounds the memory a slow client can hold.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly readers: Array<{ resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void }> = [];
  private done = false;
  private failure: Error | null = null;

  constructor(
    private readonly options: {
      readonly maxBuffered: number;
      /** What replaces a dropped backlog. */
      readonly overflow: () => T;
      /** Called with how many events were dropped. */
      readonly onDropped?: (count: number) => void;
      /** Called once when the stream ends, whoever ended it (client, bridge or shutdown). */
      readonly onClose?: () => void;
    },
  ) {}

  /** Queues an event, or hands it to a waiting reader. */
  push(item: T): void {
    if (this.done) return;
    const reader = this.readers.shift();
    if (reader) return reader.resolve({ value: item, done: false });
    if (this.buffer.length >= this.options.maxBuffered) {
      this.options.onDropped?.(this.buffer.length);
      this.buffer.length = 0;
      this.buffer.push(this.options.overflow());
      return;
    }
    this.buffer.push(item);
  }

  /** Ends the stream after what is buffered: normally, or with `error` for the client. */
  end(error: Error | null = null): void {
    if (this.done) return;
    this.failure = error;
    this.finish();
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.buffer.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.readers.push({ resolve, reject }));
  }

  /** The client completed (or went away): stop and release. */
  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.failure = null;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (!this.done) {
      this.done = true;
      this.options.onClose?.();
    }
    if (this.buffer.length > 0) return;
    for (const reader of this.readers.splice(0)) {
      if (this.failure) {
        reader.reject(this.failure);
        this.failure = null;
      } else {
        reader.resolve({ value: undefined, done: true });
      }
    }
  }
}
