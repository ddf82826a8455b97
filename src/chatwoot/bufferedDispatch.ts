import { type Dispatcher, errors } from 'undici';

/** Chatwoot's answer, read in full. */
export interface BufferedAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

export interface BufferedDispatchLimits {
  /** A body longer than this is refused (declared or as it streams in) and the connection's request aborted. */
  readonly maxBytes: number;
  /** The error for a body over maxBytes, given the status it came with. */
  readonly tooLarge: (status: number) => Error;
  /** Called with Chatwoot's status once it and the headers have arrived (a failure after that is never retried). */
  readonly onAnswered?: (status: number) => void;
}

/**
 * One request sent with `dispatcher.dispatch`, its answer collected into a string. undici's `request()` wraps every
 * answer in a Readable stream, an AbortSignal listener and its own promise machinery, which costs several µs of CPU
 * per call on loopback (bench/RESULTS.md); a JSON API answer is read whole anyway. `answer` rejects with undici's own
 * errors (as `request()` would), with `tooLarge(status)`, or with the reason given to `abort`.
 *
 * A class rather than closures: one object per call is what the hot path allocates, and `abort` needs no listener on
 * any signal (the transport calls it when the call's deadline passes or its client leaves).
 */
export class BufferedDispatch implements Dispatcher.DispatchHandler {
  readonly answer: Promise<BufferedAnswer>;
  private resolve!: (answer: BufferedAnswer) => void;
  private reject!: (error: Error) => void;
  private controller: Dispatcher.DispatchController | undefined;
  private failure: Error | undefined;
  private settled = false;
  private statusCode = 0;
  private headers: BufferedAnswer['headers'] = {};
  private chunks: Buffer[] = [];
  private received = 0;

  constructor(
    dispatcher: Dispatcher,
    request: Dispatcher.DispatchOptions,
    private readonly limits: BufferedDispatchLimits,
  ) {
    this.answer = new Promise<BufferedAnswer>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    dispatcher.dispatch(request, this);
  }

  /** Stops the call: its answer rejects with `reason` (a RequestAbortedError when left out). */
  abort(reason: Error = new errors.RequestAbortedError()): void {
    this.failure ??= reason;
    if (this.controller) this.controller.abort(this.failure);
    else this.finish(this.failure);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.failure) controller.abort(this.failure);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: Record<string, string | string[] | undefined>): void {
    this.statusCode = status;
    this.headers = headers;
    // A retried read may have collected part of an earlier answer: only the last one counts.
    this.chunks = [];
    this.received = 0;
    this.limits.onAnswered?.(status);
    if (Number(headers['content-length']) > this.limits.maxBytes) this.refuse(this.limits.tooLarge(status));
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.received += chunk.length;
    if (this.received > this.limits.maxBytes) return this.refuse(this.limits.tooLarge(this.statusCode));
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const { chunks } = this;
    const text = chunks.length === 0 ? '' : chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
    this.chunks = [];
    if (this.settled) return;
    this.settled = true;
    this.resolve({ statusCode: this.statusCode, headers: this.headers, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.finish(this.failure ?? error);
  }

  private refuse(error: Error): void {
    this.failure = error;
    this.controller?.abort(error);
  }

  private finish(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.chunks = [];
    this.reject(error);
  }
}
