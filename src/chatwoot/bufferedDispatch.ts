import type { EventEmitter } from 'node:events';
import { type Dispatcher, errors } from 'undici';

/** Chatwoot's answer, read in full. */
export interface BufferedAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

export interface BufferedDispatchOptions {
  /** Aborts the call: an AbortSignal (reads, which the retry interceptor also watches) or an EventEmitter. */
  readonly signal: AbortSignal | EventEmitter;
  /** A body longer than this is refused (declared or as it streams in) and the connection's request aborted. */
  readonly maxBytes: number;
  /** The error for a body over maxBytes, given the status it came with. */
  readonly tooLarge: (status: number) => Error;
  /** Called with Chatwoot's status once it and the headers have arrived (a failure after that is never retried). */
  readonly onAnswered?: (status: number) => void;
}

/**
 * Sends one request through `dispatcher.dispatch` and collects the answer into a string. undici's `request()` wraps
 * every answer in a Readable stream and its promise machinery, which costs about 6 µs of CPU per call on loopback
 * (bench/RESULTS.md); a JSON API answer is read whole anyway. Rejects with undici's own errors (as `request()` would)
 * or with `tooLarge(status)`.
 */
export function dispatchBuffered(
  dispatcher: Dispatcher,
  request: Dispatcher.DispatchOptions & { readonly signal?: unknown },
  options: BufferedDispatchOptions,
): Promise<BufferedAnswer> {
  return new Promise<BufferedAnswer>((resolve, reject) => {
    const { signal, maxBytes } = options;
    const chunks: Buffer[] = [];
    let received = 0;
    let statusCode = 0;
    let headers: BufferedAnswer['headers'] = {};
    let failure: Error | undefined;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;

    const onAbort = (): void => {
      failure ??= new errors.RequestAbortedError();
      controller?.abort(failure);
    };
    const stopListening = (): void => {
      if (isAbortSignal(signal)) signal.removeEventListener('abort', onAbort);
      else signal.removeListener('abort', onAbort);
    };
    const finish = (error: Error | undefined, answer?: BufferedAnswer): void => {
      if (settled) return;
      settled = true;
      stopListening();
      if (error) reject(error);
      else resolve(answer!);
    };
    const refuse = (error: Error): void => {
      failure = error;
      controller?.abort(error);
    };

    if (isAbortSignal(signal)) {
      if (signal.aborted) return finish(new errors.RequestAbortedError());
      signal.addEventListener('abort', onAbort, { once: true });
    } else {
      signal.once('abort', onAbort);
    }

    dispatcher.dispatch(request, {
      onRequestStart(started) {
        controller = started;
        if (failure) started.abort(failure);
      },
      onResponseStart(_controller, status, responseHeaders) {
        statusCode = status;
        headers = responseHeaders as BufferedAnswer['headers'];
        options.onAnswered?.(status);
        if (Number(responseHeaders['content-length']) > maxBytes) refuse(options.tooLarge(status));
      },
      onResponseData(_controller, chunk) {
        received += chunk.length;
        if (received > maxBytes) return refuse(options.tooLarge(statusCode));
        chunks.push(chunk);
      },
      onResponseEnd() {
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        finish(undefined, { statusCode, headers, text });
      },
      onResponseError(_controller, error) {
        finish(failure ?? error);
      },
    });
  });
}

function isAbortSignal(signal: AbortSignal | EventEmitter): signal is AbortSignal {
  return typeof (signal as AbortSignal).addEventListener === 'function';
}
