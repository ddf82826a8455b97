import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';

export type { Logger } from 'pino';

/**
 * Paths pino censors wherever they appear in a log object. Threat model: a log line is read by more people than the
 * token is meant for, and is shipped to third-party stores. So credentials are censored by pino's redact (cheap: the
 * paths are compiled once), and callers never log request or response bodies or raw headers in the first place.
 */
export const REDACTED_PATHS: readonly string[] = [
  'token',
  'apiAccessToken',
  'identifierHash',
  'identifier_hash',
  'password',
  'proxy',
  'proxyUrl',
  'headers.authorization',
  'headers["api-access-token"]',
  'headers["api_access_token"]',
  'headers["proxy-authorization"]',
  // Verified contact identity (src/identity/): the site's JWTs, the verification secret, the inboxes' HMAC tokens.
  'secret',
  'hmacToken',
  'hmacTokens',
  'jwt',
  'bearer',
  'authorization',
  'identity.secret',
  'identity.hmacTokens',
  'identity.key',
  // Explicit second-level paths rather than `*.token` wildcards: a wildcard doubles what redaction costs on every line
  // (measured: 7.4 against 3.5 µs a line), and the gateway logs no deeper objects than these.
  'upstream.token',
  'err.token',
];
export interface LoggerOptions {
  readonly level: LogLevel;
  /** Where lines go; stdout by default. Tests pass a stream to read the lines back. */
  readonly destination?: DestinationStream;
  /** Extra fields for every line (the active span's trace_id and span_id); left out when tracing is off. */
  readonly mixin?: () => Record<string, string>;
}

/**
 * The gateway's logger: one JSON object per line on stdout. Pretty output is not built in (it would cost a worker
 * thread on the hot path); pipe through `npx pino-pretty` when a human reads it.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'chatwoot-graphql-gateway' },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      // Error objects are reduced to type, message and code: a cause chain may quote a proxy URL with credentials.
      serializers: { err: serializeError },
      ...(options.mixin ? { mixin: options.mixin } : {}),
    },
    options.destination ?? bufferedStdout(),
  );
}

/** Longest a written line waits in the buffer before it reaches stdout. */
export const LOG_FLUSH_INTERVAL_MS = 1_000;

interface BufferedStream {
  /**
   * Timer ticks left in which to flush: a flush while a write is in progress does nothing, so a line written just
   * then goes out on the next tick.
   */
  pending: number;
  flush(): void;
  flushSync(): void;
}

/** Every buffered stdout stream made here; one timer and one exit hook serve them all. */
const buffered = new Set<BufferedStream>();
let flushTimer: NodeJS.Timeout | undefined;

function watch(stream: BufferedStream): void {
  buffered.add(stream);
  if (flushTimer) return;
  // Unref'd: the timer never keeps the process alive. A quiet gateway's line is out within a second.
  flushTimer = setInterval(() => {
    for (const s of buffered) {
      if (s.pending === 0) continue;
      s.pending -= 1;
      s.flush();
    }
  }, LOG_FLUSH_INTERVAL_MS);
  flushTimer.unref();
  process.once('exit', flushAllSync);
}

/**
 * Writes every buffered line now, synchronously: on exit, and after a fatal line (the process may be about to die,
 * and the line saying why is the one that matters).
 */
export function flushAllSync(): void {
  for (const s of buffered) {
    try {
      s.flushSync();
    } catch {
      // Not open yet, or stdout is gone: nothing more can be done for these lines.
    }
  }
}

/**
 * stdout, buffered: lines are written in blocks of 4 KiB instead of one asynchronous write each, which cost about
 * 50 µs of CPU per request at the default level (bench/RESULTS.md). Shutdown flushes the buffer (src/lifecycle.ts).
 *
 * The block is kept as a list of Buffers (sonic-boom's buffer mode), not as one growing string: in its string mode
 * sonic-boom measures the pending string's byte length on every line, which flattens it, so each line copied the
 * whole pending block again (up to 16 KiB while a write is in flight). Under bulk load that was a fifth of everything
 * the gateway allocated, and it pushed peak memory up (bench/RESULTS.md "Hot-path pass 2").
 */
function bufferedStdout(): DestinationStream {
  const stream = pino.destination({ fd: 1, sync: false, minLength: 4096, contentMode: 'buffer' });
  const state: BufferedStream = { pending: 0, flush: () => stream.flush(), flushSync: () => stream.flushSync() };
  // In buffer mode sonic-boom's write takes Buffers, while pino hands it strings.
  const writeBuffer = stream.write.bind(stream) as unknown as (data: Buffer) => boolean;
  stream.write = (line: string) => {
    state.pending = 2;
    const written = writeBuffer(Buffer.from(line, 'utf8'));
    // pino's fatal level is 60: write it through before anything else happens.
    if (line.includes('"level":60')) flushAllSync();
    return written;
  };
  watch(state);
  return stream;
}

const CREDENTIALS_IN_URL = /\/\/[^/\s:@]+:[^/\s@]*@/g;
/** A compact JWS whose header and payload are JSON objects (base64url of `{"`): a sign-in token quoted in an error. */
const JWT = /eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g;

function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: scrub(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: scrub(error.stack) } : {}),
  };
}

/** Removes `user:password@` from any URL quoted in a message, and any JWT. */
export function scrub(text: string): string {
  return text.replace(CREDENTIALS_IN_URL, '//[redacted]@').replace(JWT, '[redacted]');
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of one GraphQL request: the caller's `x-request-id` when it is short and made of safe characters (so a
 * client cannot inject log lines or oversized headers), otherwise a fresh UUID.
 */
export function acceptRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}
