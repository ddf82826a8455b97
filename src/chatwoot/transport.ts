import type { ClientGoneWatcher, RequestBudget } from './budget';
import { BufferedDispatch } from './bufferedDispatch';
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
import { noteDeadline, type ReadRetryPolicy, type RetryCallState, withReadRetries } from './retry';

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
  /** The options of a call that asks for none (nearly all), resolved once: they depend only on the settings. */
  private readonly defaultOptions: ResolvedRequestOptions;

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
    this.defaultOptions = Object.freeze(resolveRequestOptions(undefined, settings));
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
    const budget = context.budget;
    // Counted (or refused: budget used up, client gone) before anything is encoded, queued or logged.
    budget?.admit(call.method);
    const token = this.tokenFor(context, call.credential);
    const query = context.identityProof ? withIdentityQuery(call.query, context.identityProof) : call.query;
    let body: string | Buffer | undefined = serializeBody(call);
    let contentType = 'application/json';
    if (call.form) ({ body, contentType } = await encodeForm(call.form));
    const pooled = this.dispatchers.get(options);
    const template = call.pathTemplate ?? pathTemplate(call.path);
    const finish = this.settings.observer?.start({ method: call.method, pathTemplate: template, requestId: context.requestId, journal: context.journal });
    const span = this.settings.tracer?.start({
      method: call.method,
      pathTemplate: template,
      requestId: context.requestId,
      origin: this.origin,
      path: `${this.basePath}${call.path}`,
    });
    const run = new CallRun(call.method === 'GET');
    // One deadline from now, covering the wait for a connection too; the retry interceptor is told the same one.
    const deadlineAt = Date.now() + options.timeoutMs;
    const timer = setTimeout(stopAtDeadline, options.timeoutMs, run);
    budget?.watch(run);
    let status: number | undefined;
    let errorKind: string | undefined;
    try {
      // The pool's gate first: a call waiting for the global bound then holds only a slot of its own pool, so a
      // saturated pool cannot fill the global bound with calls that wait for it. A free slot costs no await.
      const poolGate = this.gateFor(pooled);
      let ticket = poolGate.enter();
      if (ticket) await this.waitFor(ticket, run);
      run.heldPool = poolGate;
      ticket = this.globalGate.enter();
      if (ticket) await this.waitFor(ticket, run);
      run.heldGlobal = true;
      // Admitted in the same turn as the deadline fired or the client left: the call is not started.
      if (run.stopped) throw new Error('The call was stopped while it waited for a connection.');
      run.onWire = true;
      this.wire += 1;
      budget?.noteSent();
      const headers = this.headers(context, token, body !== undefined ? contentType : undefined, call.expectHtml === true);
      span?.inject(headers);
      // Only reads are retried: a write goes to the pooled dispatcher itself, skipping the interceptor's wrappers.
      const dispatcher = run.read ? withReadRetries(pooled, this.settings.retry) : pooled;
      const retryState = run.signal ? noteDeadline(run.signal, deadlineAt) : null;
      run.retryState = retryState;
      run.dispatch = new BufferedDispatch(
        dispatcher,
        {
          origin: this.origin,
          path: `${this.basePath}${call.path}${query ?? ''}`,
          method: call.method,
          headers,
          body,
          // Not read by undici's core: the retry interceptor finds the call's deadline by it (reads only).
          signal: run.signal,
        } as Dispatcher.DispatchOptions,
        {
          maxBytes: this.settings.maxResponseBytes,
          tooLarge: (answered) => this.tooLarge(call, answered),
          onAnswered: (answered) => {
            status = answered;
            if (retryState) retryState.answered = true;
            if (!run.read && answered >= 200 && answered < 300) budget?.noteApplied();
          },
        },
      );
      // undici holds the request body now: drop ours rather than keep it until the answer is read (uploads are large).
      body = undefined;
      const answer = await run.dispatch.answer;
      status = answer.statusCode;
      const upstream = { method: call.method, path: call.path, status };
      if (call.expectHtml && status >= 200 && status < 300) return { body: answer.text, upstream };
      return { body: interpretResponse(status, answer.headers, answer.text, upstream), upstream };
    } catch (error) {
      if (run.stopped === 'cancelled') {
        errorKind = 'not_attempted';
        if (!run.onWire) budget?.noteSkipped();
        throw new CallNotAttemptedError('The client went away before this call to Chatwoot finished.', 'client_gone');
      }
      const secrets = secretsOf(token, call.body, query, context.token);
      // Built only here: a call that succeeds needs no description of itself.
      const facts: CallFacts = {
        method: call.method,
        path: call.path,
        host: this.host,
        timeoutMs: options.timeoutMs,
        proxyHost: options.proxy?.host,
      };
      const failure = withoutSecrets(classifyFailure(error, facts, run.stopped === 'timeout'), secrets);
      errorKind = failure.kind;
      throw failure;
    } finally {
      clearTimeout(timer);
      budget?.unwatch(run);
      if (run.onWire) this.wire -= 1;
      // Last taken, first given back: the global slot goes to a call that already holds a slot of its pool.
      if (run.heldGlobal) this.globalGate.leave();
      run.heldPool?.leave();
      finish?.({ status, errorKind });
      span?.end({ status, errorKind, retries: run.retryState?.retries ?? 0 });
    }
  }

  /** Waits for a gate's slot; a deadline or cancellation meanwhile withdraws the ticket, and the wait rejects. */
  private async waitFor(ticket: Ticket, run: CallRun): Promise<void> {
    run.waiting = ticket;
    this.waiting += 1;
    try {
      await ticket.ready;
    } finally {
      this.waiting -= 1;
      run.waiting = undefined;
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
    if (requested == null) return this.defaultOptions;
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

  private tooLarge(facts: Pick<UpstreamCall, 'method' | 'path'>, status: number): UpstreamUnavailableError {
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

/**
 * The state of one call between its admission and its end: what it holds, whether and why it was stopped. Stopping
 * withdraws a waiting ticket or aborts the request on the wire; a read also aborts its AbortSignal, which the retry
 * interceptor watches while it waits between attempts.
 */
class CallRun implements ClientGoneWatcher {
  stopped: 'timeout' | 'cancelled' | undefined;
  onWire = false;
  waiting: Ticket | undefined;
  heldPool: CallGate | undefined;
  heldGlobal = false;
  dispatch: BufferedDispatch | undefined;
  retryState: RetryCallState | null = null;
  /**
   * Reads only: the retry interceptor needs a real AbortSignal to stop waiting between attempts when the deadline
   * passes. A write is never retried and needs none (an AbortController costs several µs per call).
   */
  private readonly controller: AbortController | undefined;

  constructor(readonly read: boolean) {
    this.controller = read ? new AbortController() : undefined;
  }

  get signal(): AbortSignal | undefined {
    return this.controller?.signal;
  }

  stop(why: 'timeout' | 'cancelled'): void {
    if (this.stopped) return;
    this.stopped = why;
    this.waiting?.withdraw(new Error(`The call was stopped (${why}) while it waited for a connection.`));
    this.controller?.abort();
    this.dispatch?.abort();
  }

  /** The client going away stops queued calls and reads on the wire; a write already sent is let finish. */
  clientGone(): void {
    if (!this.onWire || this.read) this.stop('cancelled');
  }
}

function stopAtDeadline(run: CallRun): void {
  run.stop('timeout');
}
