import { EventEmitter } from 'node:events';
import { CallGate } from './callGate';
import { type Dispatcher, type FormData, Response } from 'undici';
import { classifyFailure, type CallFacts } from './classify';
import { DispatcherPool } from './dispatchers';
import { CredentialRequiredError, type HttpMethod, InvalidRequestError, UpstreamUnavailableError } from './errors';
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
import { dispatchBuffered } from './bufferedDispatch';
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
  /** Whether the request proved a service key (GATEWAY_SERVICE_KEYS): only then may a Platform call be made. */
  readonly service?: boolean;
  /** A verified identity proof (src/identity/) to add to the call's query string, for endpoints that take it there. */
  readonly identityProof?: { readonly identifier: string; readonly identifierHash: string };
  /** Collects the request's calls for its one log line (src/chatwoot/observer.ts). */
  readonly journal?: CallJournalSink;
}

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
  /** Automatic retries of reads (GET); absent or 0 attempts means none. Mutations are never retried. */
  readonly retry?: ReadRetryPolicy;
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
    this.defaultOptions = Object.freeze(resolveRequestOptions(undefined, settings));
  }

  /** Sends one call and returns Chatwoot's parsed JSON (null for an empty 2xx body). */
  async send(context: CallContext, call: UpstreamCall): Promise<unknown> {
    // Resolved (and refused, if the policy says so) before any connection is attempted.
    const options = this.resolveOptions(call.options);
    const token = this.tokenFor(context, call.credential);
    const query = context.identityProof ? withIdentityQuery(call.query, context.identityProof) : call.query;
    let body: string | Buffer | undefined = serializeBody(call);
    let contentType = 'application/json';
    if (call.form) ({ body, contentType } = await encodeForm(call.form));
    const pooled = this.dispatchers.get(options);
    // Only reads are retried: a write goes to the pooled dispatcher itself, skipping the interceptor's wrappers.
    const dispatcher = call.method === 'GET' ? withReadRetries(pooled, this.settings.retry) : pooled;
    const finish = this.settings.observer?.start({
      method: call.method,
      pathTemplate: call.pathTemplate ?? pathTemplate(call.path),
      requestId: context.requestId,
      journal: context.journal,
    });
    let status: number | undefined;
    let errorKind: string | undefined;

    // Reads may be retried, and the retry interceptor needs a real AbortSignal to stop waiting between attempts when
    // the deadline passes. Other calls are never retried; they use an EventEmitter, which undici also accepts as a
    // signal and which costs about 8 µs of CPU less per call than an AbortController (bench/RESULTS.md).
    const abort = call.method === 'GET' ? new AbortController() : new EventEmitter();
    const gate = this.gateFor(pooled);
    // Undefined when a connection slot was free; otherwise the call waits its turn (src/chatwoot/callGate.ts).
    const ticket = gate.enter();
    let holdsSlot = ticket === undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (ticket && !holdsSlot) ticket.withdraw(new Error('The deadline passed while the call waited for a connection.'));
      if (abort instanceof AbortController) abort.abort();
      else abort.emit('abort');
    }, options.timeoutMs);
    const signal = abort instanceof AbortController ? abort.signal : abort;
    const retryState = abort instanceof AbortController ? noteDeadline(abort.signal, Date.now() + options.timeoutMs) : null;
    try {
      if (ticket) {
        await ticket.ready;
        holdsSlot = true;
        // Admitted in the same turn as the deadline fired: the abort was already emitted, so do not start the call.
        if (timedOut) throw new Error('The deadline passed while the call waited for a connection.');
      }
      const response = await dispatchBuffered(
        dispatcher,
        {
          origin: this.origin,
          path: `${this.basePath}${call.path}${query ?? ''}`,
          method: call.method,
          headers: this.headers(context, token, body !== undefined ? contentType : undefined, call.expectHtml === true),
          body,
          // Not read by undici's core: the retry interceptor finds the call's deadline by it.
          signal,
        },
        {
          signal,
          maxBytes: this.settings.maxResponseBytes,
          tooLarge: (answered) => this.tooLarge(call, answered),
          onAnswered: (answered) => {
            status = answered;
            if (retryState) retryState.answered = true;
          },
        },
      );
      const text = response.text;
      if (call.expectHtml && response.statusCode >= 200 && response.statusCode < 300) return text;
      return interpretResponse(response.statusCode, response.headers, text, { method: call.method, path: call.path });
    } catch (error) {
      const secrets = secretsOf(token, call.body, query, context.token);
      // Built only here: a call that succeeds needs no description of itself.
      const facts: CallFacts = {
        method: call.method,
        path: call.path,
        host: this.host,
        timeoutMs: options.timeoutMs,
        proxyHost: options.proxy?.host,
      };
      const failure = withoutSecrets(classifyFailure(error, facts, timedOut), secrets);
      errorKind = failure.kind;
      throw failure;
    } finally {
      clearTimeout(timer);
      if (holdsSlot) gate.leave();
      finish?.({ status, errorKind });
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
