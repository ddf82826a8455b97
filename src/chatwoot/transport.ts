import { EventEmitter } from 'node:events';
import type { RequestBudget } from './budget';
import { CallGate, type Ticket } from './callGate';
import { type Dispatcher, type FormData, Response } from 'undici';
import { classifyFailure, type CallFacts } from './classify';
import { DispatcherPool } from './dispatchers';
import { CallNotAttemptedError, CredentialRequiredError, type HttpMethod, InvalidRequestError, type UpstreamCallInfo, UpstreamUnavailableError } from './errors';
import { type CallJournalSink, pathTemplate, type UpstreamObserver } from './observer';
import {
  resolveRequestOptions,
  type RequestOptions,
  type RequestOptionsDefaults,
  type ResolvedRequestOptions,
} from './requestOptions';
import { withIdentityQuery } from './paths';
import { secretsOf, withoutSecrets } from './redact';
import type { Credential } from './operation';
import type { UpstreamTracer } from './tracer';
import { interpretResponse } from './responses';
import { noteDeadline, type ReadRetryPolicy, withReadRetries } from './retry';

/** Keep-alive connections per Chatwoot origin, per pooled dispatcher; also the bound of calls in flight on one. */
const CONNECTIONS_PER_ORIGIN = 128;

/** Who is calling: per GraphQL request, passed to every adapter method. */
export interface CallContext {
  /** The Chatwoot token of the incoming request, if it carried one; the configured token is used otherwise. */
  readonly token?: string | null;
  /** The GraphQL request's id, sent upstream as x-request-id and put on every log line about the call. */
  readonly requestId?: string | null;
  /**
   * The HTTP request's budget of upstream calls and its cancellation signal, shared by its batched operations;
   * without one (direct adapter use) calls are unbounded and never cancelled.
   */
  readonly budget?: RequestBudget;
  /** Whether the request proved a service key (GATEWAY_SERVICE_KEYS): only then may a Platform call be made. */
  readonly service?: boolean;
  /** A verified identity proof (src/identity/) to add to the call's query string, for endpoints that take it there. */
  readonly identityProof?: { readonly identifier: string; readonly identifierHash: string };
  /** Collects the request's calls for its one log line (src/observability/callJournal.ts). */
  readonly journal?: CallJournalSink;
}

/** Default of GATEWAY_MAX_UPSTREAM_CONCURRENCY: calls in flight to Chatwoot at once, across every dispatcher. */
export const DEFAULT_MAX_UPSTREAM_CONCURRENCY = 256;

/** One upstream call, as a resource file describes it. */
export interface UpstreamCall {
  readonly method: HttpMethod;
  /** The encoded path below the base URL, e.g. `/public/api/v1/inboxes/abc/contacts/def`. */
  readonly path: string;
  /** The encoded query string including its `?`, or ''. */
  readonly query?: string;
  /** A JSON-serialisable body. */
  readonly body?: unknown;
  /** A multipart/form-data body (files), sent instead of `body`; undici writes it with its boundary. */
  readonly form?: FormData;
  readonly options?: RequestOptions | null;
  /** Ask for HTML and return a 2xx body as text instead of parsing JSON (the CSAT survey page is a web page). */
  readonly expectHtml?: boolean;
  /** The path with identifiers replaced by names, for logs and metrics; derived from `path` when left out. */
  readonly pathTemplate?: string;
  /**
   * Which token travels with the call (src/chatwoot/operation.ts). Left out, the Client API's rule applies: the
   * caller's token, else the configured CHATWOOT_API_ACCESS_TOKEN (the Client API ignores both).
   */
  readonly credential?: Credential;
}

export interface TransportSettings extends RequestOptionsDefaults {
  /** Chatwoot's base URL without a trailing slash; it may have a path prefix. */
  readonly baseUrl: string;
  readonly apiAccessToken: string | null;
  /** The Platform App token (CHATWOOT_PLATFORM_APP_TOKEN), sent on `PLATFORM` calls only. */
  readonly platformAppToken?: string | null;
  readonly userAgent: string;
  readonly maxResponseBytes: number;
  /**
   * HTTP_PROXY / HTTPS_PROXY / NO_PROXY for calls without a per-request proxy, as loadConfig read them; none when
   * left out (the environment is read in one place, src/config.ts).
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Bound of the dispatcher cache (one dispatcher per proxy and TLS combination). */
  readonly maxDispatchers?: number;
  /** Receives one start and one end per call, for logs and metrics. */
  readonly observer?: UpstreamObserver;
  /** Makes one client span per call and sends its `traceparent`; absent when tracing is off (then no trace work). */
  readonly tracer?: UpstreamTracer;
  /** Automatic retries of reads (GET); absent or 0 attempts means none. Mutations are never retried. */
  readonly retry?: ReadRetryPolicy;
  /**
   * The most calls in flight at once across all dispatchers (GATEWAY_MAX_UPSTREAM_CONCURRENCY). Callers choose
   * proxy credentials, and each distinct set gets its own dispatcher: without this bound, every one of them could
   * hold its own CONNECTIONS_PER_ORIGIN calls.
   */
  readonly maxConcurrency?: number;
}

/**
 * Sends calls to Chatwoot through pooled undici dispatchers and turns every outcome into plain data or a typed
 * ChatwootError. Each call has one deadline covering connect, headers and body, and its timer is always cleared.
 */
export class ChatwootTransport {
  private readonly origin: string;
  private readonly basePath: string;
  private readonly host: string;
  private readonly userAgent: string;
  readonly dispatchers: DispatcherPool;
  /** One per pooled dispatcher; a WeakMap, so a gate goes when the pool drops its dispatcher. */
  private readonly gates = new WeakMap<Dispatcher, CallGate>();
  /** Bounds the calls in flight across every dispatcher; a call takes a slot of its dispatcher's gate, then one here. */
  private readonly globalGate: CallGate;
  private wire = 0;
  private waiting = 0;

  constructor(private readonly settings: TransportSettings) {
    const base = new URL(settings.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.host = base.host;
    this.userAgent = settings.userAgent;
    this.dispatchers = new DispatcherPool({
      connectionsPerOrigin: CONNECTIONS_PER_ORIGIN,
      keepAliveTimeoutMs: 10_000,
      env: settings.env ?? {},
      maxDispatchers: settings.maxDispatchers,
    });
    this.globalGate = new CallGate(settings.maxConcurrency ?? DEFAULT_MAX_UPSTREAM_CONCURRENCY);
  }

  /** Calls sent and not yet finished (on the wire). */
  get callsInFlight(): number {
    return this.wire;
  }

  /** Calls waiting for a slot of the global bound or of their dispatcher's connections. */
  get callsQueued(): number {
    return this.waiting;
  }

  /** Sends one call and returns Chatwoot's parsed JSON (null for an empty 2xx body). */
  async send(context: CallContext, call: UpstreamCall): Promise<unknown> {
    return (await this.exchange(context, call)).body;
  }

  /**
   * Sends one call and returns Chatwoot's parsed JSON with the call as answered (its status included), so that a
   * body of the wrong shape is reported with the status it came with.
   */
  async exchange(context: CallContext, call: UpstreamCall): Promise<{ body: unknown; upstream: UpstreamCallInfo }> {
    // Resolved (and refused, if the policy says so) before any connection is attempted.
    const options = this.resolveOptions(call.options);
    // Counted (or refused: budget used up, client gone) before anything is encoded, queued or logged.
    context.budget?.admit(call.method);
    const token = this.tokenFor(context, call.credential);
    const query = context.identityProof ? withIdentityQuery(call.query, context.identityProof) : call.query;
    let body: string | Buffer | undefined = serializeBody(call);
    let contentType = 'application/json';
    if (call.form) ({ body, contentType } = await encodeForm(call.form));
    const pooled = this.dispatchers.get(options);
    const dispatcher = withReadRetries(pooled, this.settings.retry);
    const facts: CallFacts = {
      method: call.method,
      path: call.path,
      host: this.host,
      timeoutMs: options.timeoutMs,
      proxyHost: options.proxy?.host,
    };
    const finish = this.settings.observer?.start({
      method: call.method,
      pathTemplate: call.pathTemplate ?? pathTemplate(call.path),
      requestId: context.requestId,
      journal: context.journal,
    });
    const span = this.settings.tracer?.start({
      method: call.method,
      pathTemplate: call.pathTemplate ?? pathTemplate(call.path),
      requestId: context.requestId,
      origin: this.origin,
      path: `${this.basePath}${call.path}`,
    });
    let status: number | undefined;
    let errorKind: string | undefined;

    // Reads may be retried, and the retry interceptor needs a real AbortSignal to stop waiting between attempts when
    // the deadline passes. Other calls are never retried; they use an EventEmitter, which undici also accepts as a
    // signal and which costs about 8 µs of CPU less per call than an AbortController (bench/RESULTS.md).
    const abort = call.method === 'GET' ? new AbortController() : new EventEmitter();
    const held: CallGate[] = [];
    let waitingTicket: Ticket | undefined;
    let stopped: 'timeout' | 'cancelled' | undefined;
    let onWire = false;
    const stop = (why: 'timeout' | 'cancelled') => {
      if (stopped) return;
      stopped = why;
      if (waitingTicket) waitingTicket.withdraw(new Error(`The call was stopped (${why}) while it waited for a connection.`));
      if (abort instanceof AbortController) abort.abort();
      else abort.emit('abort');
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    // The client going away stops queued calls and reads on the wire; a write already sent is let finish.
    const clientSignal = context.budget?.signal;
    const onClientGone = () => {
      if (!onWire || call.method === 'GET') stop('cancelled');
    };
    clientSignal?.addEventListener('abort', onClientGone, { once: true });
    const signal = abort instanceof AbortController ? abort.signal : abort;
    const retryState = abort instanceof AbortController ? noteDeadline(abort.signal, Date.now() + options.timeoutMs) : null;
    try {
      // The pool's gate first: a call waiting for the global bound then holds only a slot of its own pool, so a
      // saturated pool cannot fill the global bound with calls that wait for it.
      await this.enter(this.gateFor(pooled), held, (ticket) => (waitingTicket = ticket));
      await this.enter(this.globalGate, held, (ticket) => (waitingTicket = ticket));
      waitingTicket = undefined;
      // Admitted in the same turn as the deadline fired or the client left: the abort was already emitted.
      if (stopped) throw new Error('The call was stopped while it waited for a connection.');
      onWire = true;
      this.wire += 1;
      context.budget?.noteSent();
      const headers = this.headers(context, token, body !== undefined ? contentType : undefined, call.expectHtml === true);
      span?.inject(headers);
      const response = await dispatcher.request({
        origin: this.origin,
        path: `${this.basePath}${call.path}${query ?? ''}`,
        method: call.method,
        headers,
        body,
        signal,
      });
      // The request body is sent: drop it now rather than when the answer has been read (uploads can be large).
      body = undefined;
      status = response.statusCode;
      if (retryState) retryState.answered = true;
      if (call.method !== 'GET' && status >= 200 && status < 300) context.budget?.noteApplied();
      const text = await this.readBody(response, facts);
      const upstream = { method: call.method, path: call.path, status: response.statusCode };
      if (call.expectHtml && response.statusCode >= 200 && response.statusCode < 300) return { body: text, upstream };
      return { body: interpretResponse(response.statusCode, response.headers, text, upstream), upstream };
    } catch (error) {
      if (stopped === 'cancelled') {
        errorKind = 'not_attempted';
        if (!onWire) context.budget?.noteSkipped();
        throw new CallNotAttemptedError('The client went away before this call to Chatwoot finished.', 'client_gone');
      }
      const secrets = secretsOf(token, call.body, query, context.token);
      const failure = withoutSecrets(classifyFailure(error, facts, stopped === 'timeout'), secrets);
      errorKind = failure.kind;
      throw failure;
    } finally {
      clearTimeout(timer);
      clientSignal?.removeEventListener('abort', onClientGone);
      if (onWire) this.wire -= 1;
      // Last taken, first given back: the global slot goes to a call that already holds a slot of its pool.
      for (let i = held.length - 1; i >= 0; i -= 1) held[i]!.leave();
      finish?.({ status, errorKind });
      span?.end({ status, errorKind, retries: retryState?.retries ?? 0 });
    }
  }

  /**
   * Takes a slot of `gate`, waiting in its queue if need be; the slot is pushed on `held` once it is the caller's.
   * `waitOn` receives the ticket while the call waits, so that a deadline or a cancellation can withdraw it.
   */
  private async enter(gate: CallGate, held: CallGate[], waitOn: (ticket: Ticket | undefined) => void): Promise<void> {
    const ticket = gate.enter();
    if (!ticket) {
      held.push(gate);
      return;
    }
    waitOn(ticket);
    this.waiting += 1;
    try {
      await ticket.ready;
      held.push(gate);
    } finally {
      this.waiting -= 1;
      waitOn(undefined);
    }
  }

  /** The gate bounding the calls in flight on a pooled dispatcher to its connection count. */
  private gateFor(dispatcher: Dispatcher): CallGate {
    let gate = this.gates.get(dispatcher);
    if (!gate) {
      gate = new CallGate(CONNECTIONS_PER_ORIGIN);
      this.gates.set(dispatcher, gate);
    }
    return gate;
  }

  /** Applies the server's defaults and policy to a caller's options; throws InvalidRequestError or PolicyViolationError. */
  resolveOptions(requested: RequestOptions | null | undefined): ResolvedRequestOptions {
    return resolveRequestOptions(requested, this.settings);
  }

  /** Closes every pooled connection. */
  close(): Promise<void> {
    return this.dispatchers.close();
  }

  /**
   * The token a call carries. Threat model: a browser reaches the gateway without any Chatwoot credential, and a user
   * token works in every account of its user and never expires, so a server-held token must never stand in for a
   * caller's missing one on the Application API; the Platform token is installation-root and goes nowhere else.
   * Refusing here is defence in depth: the executor refuses such calls before it describes them.
   */
  private tokenFor(context: CallContext, credential: Credential | undefined): string | null {
    if (credential === undefined || credential === 'NONE') return context.token || this.settings.apiAccessToken;
    const token = credential === 'CALLER' ? context.token : this.settings.platformAppToken;
    if (!token) {
      throw new CredentialRequiredError(
        credential === 'CALLER'
          ? 'This field needs your own Chatwoot token: send it in the api-access-token header.'
          : 'The Platform API is not configured on this gateway (CHATWOOT_PLATFORM_APP_TOKEN).',
        credential === 'CALLER' ? 'missing_token' : 'platform_not_configured',
      );
    }
    return token;
  }

  private headers(context: CallContext, token: string | null | undefined, contentType: string | undefined, html = false): Record<string, string> {
    // A literal rather than a spread of shared static headers: cheaper per call on the hot path (bench/RESULTS.md).
    const headers: Record<string, string> = { accept: html ? 'text/html' : 'application/json', 'user-agent': this.userAgent };
    if (contentType) headers['content-type'] = contentType;
    // Hyphenated: Rails reads it as api_access_token, and nginx drops header names with underscores by default.
    if (token) headers['api-access-token'] = token;
    if (context.requestId) headers['x-request-id'] = context.requestId;
    return headers;
  }

  /**
   * Reads the body as text, refusing one larger than the configured limit instead of buffering it. A body whose
   * Content-Length is declared (and within the limit) is read in one go with undici's text(): undici stops at the
   * declared length, and this skips an async iterator per call on the hot path (bench/RESULTS.md).
   */
  private async readBody(response: Dispatcher.ResponseData, facts: CallFacts): Promise<string> {
    const limit = this.settings.maxResponseBytes;
    const declared = Number(response.headers['content-length']);
    if (declared > limit) {
      // Destroying an unread undici body emits 'error' (aborted); unheard, that event would crash the process.
      response.body.on('error', () => undefined).destroy();
      throw this.tooLarge(facts, response.statusCode);
    }
    if (declared >= 0) return response.body.text();
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body) {
      received += (chunk as Buffer).length;
      if (received > limit) {
        response.body.destroy();
        throw this.tooLarge(facts, response.statusCode);
      }
      chunks.push(chunk as Buffer);
    }
    return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  }

  private tooLarge(facts: CallFacts, status: number): UpstreamUnavailableError {
    return new UpstreamUnavailableError(
      `Chatwoot's answer to ${facts.method} ${facts.path} is larger than ${this.settings.maxResponseBytes} bytes.`,
      { method: facts.method, path: facts.path, status },
      'response_too_large',
    );
  }
}

/**
 * Encodes a form the way fetch would (undici's own multipart writer, with its boundary in the content type). It is
 * buffered, so that Chatwoot gets a Content-Length; the files it holds are in memory already.
 */
async function encodeForm(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType };
}

/** The JSON text of the call's body. A value nested too deeply to serialise is the caller's input, not a network failure. */
function serializeBody(call: UpstreamCall): string | undefined {
  if (call.body === undefined) return undefined;
  try {
    return JSON.stringify(call.body);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new InvalidRequestError('The input is nested too deeply to be sent to Chatwoot.', 'input');
    }
    throw error;
  }
}
