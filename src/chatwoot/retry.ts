import { type Dispatcher, interceptors } from 'undici';
import type RetryHandler from 'undici/types/retry-handler';
import { parseRetryAfter } from './responses';

/**
 * Safe automatic retries, composed onto a pooled dispatcher with undici's retry interceptor.
 *
 * Threat model: a retried mutation can apply twice (two contacts, two messages), and a gateway that retries eagerly
 * multiplies load on a Chatwoot that is already struggling. So only GET is ever retried (everything else bypasses the
 * interceptor entirely); only on a reset connection or HTTP 429/502/503/504; a few times, with exponential backoff and
 * full jitter; a Retry-After is honoured exactly, and one longer than `maxDelayMs` is not waited for but passed on to
 * the client (RATE_LIMITED with retryAfterSeconds); and no wait may run past the call's own deadline.
 */
export interface ReadRetryPolicy {
  /** Retries after the first attempt; 0 disables retries. */
  readonly maxAttempts: number;
  /** The first backoff step; step n is up to baseDelayMs * 2^(n-1), capped at maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Per-call facts the transport records, keyed by the call's AbortSignal (the one thing undici hands back to us). */
export interface RetryCallState {
  /** When the call's deadline fires (epoch ms). */
  readonly deadlineAt: number;
  /** Set once Chatwoot's status and headers reached the transport: a failure after that is never retried. */
  answered: boolean;
  /** Retries started so far (for the call's trace span). */
  retries: number;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const RETRY_ERROR_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
/** Do not start a wait that would end this close to the deadline: the retry could not finish anyway. */
const DEADLINE_MARGIN_MS = 50;

const calls = new WeakMap<AbortSignal, RetryCallState>();
const composed = new WeakMap<Dispatcher, Dispatcher>();

/** Records the call's deadline for the retry decision; returns the state the transport updates. */
export function noteDeadline(signal: AbortSignal, deadlineAt: number): RetryCallState {
  const state: RetryCallState = { deadlineAt, answered: false, retries: 0 };
  calls.set(signal, state);
  return state;
}

/**
 * The dispatcher with read retries composed on, made once per pooled dispatcher and reused (a WeakMap, so it goes
 * when the pool drops the dispatcher). Without a policy, or with 0 attempts, the dispatcher itself.
 */
export function withReadRetries(dispatcher: Dispatcher, policy: ReadRetryPolicy | undefined): Dispatcher {
  if (!policy || policy.maxAttempts <= 0) return dispatcher;
  let retrying = composed.get(dispatcher);
  if (!retrying) {
    retrying = dispatcher.compose(readRetryInterceptor(policy));
    composed.set(dispatcher, retrying);
  }
  return retrying;
}

/** undici's retry interceptor for GET only; other methods go straight to the dispatcher. */
export function readRetryInterceptor(policy: ReadRetryPolicy): Dispatcher.DispatcherComposeInterceptor {
  const retry = interceptors.retry({
    maxRetries: policy.maxAttempts,
    minTimeout: policy.baseDelayMs,
    maxTimeout: policy.maxDelayMs,
    methods: ['GET'],
    statusCodes: [...RETRY_STATUSES],
    errorCodes: [...RETRY_ERROR_CODES],
    // Pass the last answer through rather than an opaque RequestRetryError, so the client still sees Chatwoot's
    // status, message and Retry-After.
    throwOnError: false,
    retry: (error, context, callback) => decide(policy, error, context, callback),
  });
  return (dispatch) => {
    const retrying = retry(dispatch);
    return (opts, handler) => (opts.method === 'GET' ? retrying(opts, handler) : dispatch(opts, handler));
  };
}

type RetryContext = Parameters<RetryHandler.RetryCallback>[1];

function decide(policy: ReadRetryPolicy, error: Error, context: RetryContext, callback: RetryHandler.OnRetryCallback): void {
  const { statusCode, code, headers } = error as Error & {
    statusCode?: number;
    code?: string;
    headers?: Record<string, string | string[] | undefined>;
  };
  const signal = (context.opts as { signal?: AbortSignal }).signal;
  const state = signal ? calls.get(signal) : undefined;
  const byStatus = statusCode !== undefined && code === 'UND_ERR_REQ_RETRY';
  const eligible =
    context.opts.method === 'GET' &&
    context.state.counter <= policy.maxAttempts &&
    (byStatus ? RETRY_STATUSES.has(statusCode) : code !== undefined && RETRY_ERROR_CODES.has(code) && !state?.answered);
  if (!eligible || signal?.aborted) {
    callback(error);
    return;
  }

  const retryAfterSeconds = byStatus ? parseRetryAfter(headers?.['retry-after']) : undefined;
  let delayMs: number;
  if (retryAfterSeconds !== undefined) {
    delayMs = retryAfterSeconds * 1000;
    if (delayMs > policy.maxDelayMs) {
      callback(error);
      return;
    }
  } else {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (context.state.counter - 1));
    delayMs = Math.round(Math.random() * ceiling);
  }
  if (state && Date.now() + delayMs > state.deadlineAt - DEADLINE_MARGIN_MS) {
    callback(error);
    return;
  }

  let settled = false;
  const settle = (result: Error | null) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (result === null && state) state.retries += 1;
    callback(result);
  };
  // A failed connection has nothing left to abort, so the deadline must end that wait itself. A response waiting on
  // its status is still open, and undici's own abort of it reaches the caller.
  const onAbort = () => settle(error);
  const timer = setTimeout(() => settle(signal?.aborted ? error : null), delayMs);
  if (!byStatus) signal?.addEventListener('abort', onAbort, { once: true });
}
