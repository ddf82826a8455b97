import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseMultipart, type SimUploadedFile } from './multipart';
import type { JsonObject } from './store';

/**
 * The simulator's HTTP plumbing: a route table, Rails-like parameter parsing (query string merged with a JSON or
 * form body) and Chatwoot's production error bodies.
 */

export interface SimRequest {
  method: string;
  path: string;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Query string and body merged, the body winning, as Rails merges them. */
  body: JsonObject;
  /** The file parts of a multipart body, in order; empty for other bodies. */
  files: SimUploadedFile[];
  headers: IncomingMessage['headers'];
  /** The simulator's own origin as the client reached it, for URLs in answers (attachments' data_url). */
  origin: string;
}

export interface SimResponse {
  status: number;
  /** A JSON value, or a string or Buffer sent as-is with `contentType`. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export type SimHandler = (request: SimRequest) => SimResponse;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: SimHandler;
}

export class SimRouter {
  private readonly routes: Route[] = [];

  /** Registers a handler for a path template such as `/public/api/v1/inboxes/:inbox/contacts/:contact`. */
  on(method: string | string[], template: string, handler: SimHandler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/:([a-z_]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    for (const m of Array.isArray(method) ? method : [method]) this.routes.push({ method: m, pattern, names, handler });
    return this;
  }

  /** Serves one request; unknown routes answer 404 like Rails' routing error page. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readAll(req);
    const url = new URL(req.url ?? '/', 'http://simulator');
    const method = (req.method ?? 'GET').toUpperCase();
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const contentType = req.headers['content-type'];
      const multipart = contentType?.startsWith('multipart/form-data') ? await parseMultipart(raw, contentType) : undefined;
      const parsed = multipart === undefined ? parseBody(raw.toString('utf8'), contentType) : (multipart?.fields ?? MALFORMED);
      if (parsed === MALFORMED) return send(res, badRequest(req.headers.accept));
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? '')));
      const body: JsonObject = { ...Object.fromEntries(url.searchParams), ...parsed };
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      const files = multipart?.files ?? [];
      return send(res, route.handler({ method, path: url.pathname, params, query: url.searchParams, body, files, headers: req.headers, origin }));
    }
    send(res, notFound());
  }
}

const MALFORMED = Symbol('malformed');

function parseBody(raw: string, contentType: string | undefined): JsonObject | typeof MALFORMED {
  if (raw.trim() === '') return {};
  if (contentType?.includes('application/json')) {
    try {
      const value: unknown = JSON.parse(raw);
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
    } catch {
      return MALFORMED;
    }
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return {};
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, response: SimResponse): void {
  res.statusCode = response.status;
  for (const [key, value] of Object.entries(response.headers ?? {})) res.setHeader(key, value);
  if (response.body === undefined) {
    res.setHeader('content-type', response.contentType ?? 'application/json; charset=utf-8');
    res.end();
    return;
  }
  if ((typeof response.body === 'string' || Buffer.isBuffer(response.body)) && response.contentType) {
    res.setHeader('content-type', response.contentType);
    res.end(response.body);
    return;
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(response.body));
}

export const ok = (body?: unknown): SimResponse => ({ status: 200, body });

/** Rails' production exception page for a missing record or route, as JSON (the public routes default to json). */
export const notFound = (): SimResponse => ({ status: 404, body: { status: 404, error: 'Not Found' } });

/** What an unrescued StandardError (a failed HMAC check, for one) looks like in production. */
export const internalError = (): SimResponse => ({ status: 500, body: { status: 500, error: 'Internal Server Error' } });

/** RequestExceptionHandler's answer to ActiveRecord::RecordInvalid. */
export const unprocessable = (messages: string[], attributes: string[]): SimResponse => ({
  status: 422,
  body: { message: messages.join(', '), attributes },
});

/** A body Rails cannot parse: JSON only when the client asked for JSON, else an empty page. */
function badRequest(accept: string | undefined): SimResponse {
  if (accept?.includes('application/json')) return { status: 400, body: { status: 400, error: 'Bad Request' } };
  return { status: 400, body: '', contentType: 'text/html' };
}
