import type { Dispatcher } from 'undici';
import { classifyFailure, type CallFacts } from './classify';
import { DispatcherPool } from './dispatchers';
import { type HttpMethod, UpstreamUnavailableError } from './errors';
import {
  resolveRequestOptions,
  type RequestOptions,
  type RequestOptionsDefaults,
  type ResolvedRequestOptions,
} from './requestOptions';
import { interpretResponse } from './responses';

/** Who is calling: per GraphQL request, passed to every adapter method. */
export interface CallContext {
  /** The Chatwoot token of the incoming request, if it carried one; the configured token is used otherwise. */
  readonly token?: string | null;
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
  readonly options?: RequestOptions | null;
  /** Ask for HTML and return a 2xx body as text instead of parsing JSON (the CSAT survey page is a web page). */
  readonly expectHtml?: boolean;
}

export interface TransportSettings extends RequestOptionsDefaults {
  /** Chatwoot's base URL without a trailing slash; it may have a path prefix. */
  readonly baseUrl: string;
  readonly apiAccessToken: string | null;
  readonly userAgent: string;
  readonly maxResponseBytes: number;
  /** HTTP_PROXY / HTTPS_PROXY / NO_PROXY for calls without a per-request proxy; process.env when left out. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Bound of the dispatcher cache (one dispatcher per proxy and TLS combination). */
  readonly maxDispatchers?: number;
}

/**
 * Sends calls to Chatwoot through pooled undici dispatchers and turns every outcome into plain data or a typed
 * ChatwootError. Each call has one deadline covering connect, headers and body, and its timer is always cleared.
 */
export class ChatwootTransport {
  private readonly origin: string;
  private readonly basePath: string;
  private readonly host: string;
  private readonly staticHeaders: Record<string, string>;
  readonly dispatchers: DispatcherPool;

  constructor(private readonly settings: TransportSettings) {
    const base = new URL(settings.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.host = base.host;
    this.staticHeaders = {
      accept: 'application/json',
      'user-agent': settings.userAgent,
    };
    this.dispatchers = new DispatcherPool({
      connectionsPerOrigin: 128,
      keepAliveTimeoutMs: 10_000,
      env: settings.env ?? process.env,
      maxDispatchers: settings.maxDispatchers,
    });
  }

  /** Sends one call and returns Chatwoot's parsed JSON (null for an empty 2xx body). */
  async send(context: CallContext, call: UpstreamCall): Promise<unknown> {
    // Resolved (and refused, if the policy says so) before any connection is attempted.
    const options = this.resolveOptions(call.options);
    const dispatcher = this.dispatchers.get(options);
    const facts: CallFacts = {
      method: call.method,
      path: call.path,
      host: this.host,
      timeoutMs: options.timeoutMs,
      proxyHost: options.proxy?.host,
    };

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    try {
      const response = await dispatcher.request({
        origin: this.origin,
        path: `${this.basePath}${call.path}${call.query ?? ''}`,
        method: call.method,
        headers: this.headers(context, call.body !== undefined, call.expectHtml === true),
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: controller.signal,
      });
      const text = await this.readBody(response, facts);
      if (call.expectHtml && response.statusCode >= 200 && response.statusCode < 300) return text;
      const info = { method: call.method, path: call.path };
      return interpretResponse(response.statusCode, response.headers, text, info, this.secretsOf(context));
    } catch (error) {
      throw classifyFailure(error, facts, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Applies the server's defaults and policy to a caller's options; throws InvalidRequestError or PolicyViolationError. */
  resolveOptions(requested: RequestOptions | null | undefined): ResolvedRequestOptions {
    return resolveRequestOptions(requested, this.settings);
  }

  /** Closes every pooled connection. */
  close(): Promise<void> {
    return this.dispatchers.close();
  }

  /** What must never be echoed back: the tokens this call may have sent. */
  private secretsOf(context: CallContext): string[] {
    const secrets: string[] = [];
    if (context.token) secrets.push(context.token);
    if (this.settings.apiAccessToken) secrets.push(this.settings.apiAccessToken);
    return secrets;
  }

  private headers(context: CallContext, hasBody: boolean, html = false): Record<string, string> {
    const token = context.token || this.settings.apiAccessToken;
    const headers: Record<string, string> = hasBody
      ? { ...this.staticHeaders, 'content-type': 'application/json' }
      : { ...this.staticHeaders };
    if (html) headers.accept = 'text/html';
    // Hyphenated: Rails reads it as api_access_token, and nginx drops header names with underscores by default.
    if (token) headers['api-access-token'] = token;
    return headers;
  }

  /** Reads the body as text, refusing one larger than the configured limit instead of buffering it. */
  private async readBody(response: Dispatcher.ResponseData, facts: CallFacts): Promise<string> {
    const limit = this.settings.maxResponseBytes;
    const declared = Number(response.headers['content-length']);
    if (declared > limit) {
      response.body.destroy();
      throw this.tooLarge(facts, response.statusCode);
    }
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
