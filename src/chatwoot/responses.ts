import { classifyDenial } from './denials';
import { type UpstreamCallInfo, UpstreamHttpError, UpstreamUnavailableError } from './errors';
import { jsonNestsDeeperThan, MAX_UPSTREAM_JSON_DEPTH } from './jsonDepth';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Interprets Chatwoot's answer: the parsed JSON of a 2xx (null for an empty body, as toggle_typing and
 * update_last_seen send), or a typed error carrying Chatwoot's own message for anything else.
 */
export function interpretResponse(
  status: number,
  headers: Headers,
  text: string,
  call: UpstreamCallInfo,
): unknown {
  // The call's facts with its status are built only for an error: a 2xx answer (nearly all) allocates nothing here.
  if (status >= 200 && status < 300) {
    // A JSON document starts with `{` or `[`, so only an answer that does not is looked at for being blank.
    const first = text.charCodeAt(0);
    if (first !== 0x7b && first !== 0x5b && text.trim() === '') return null;
    if (jsonNestsDeeperThan(text, MAX_UPSTREAM_JSON_DEPTH)) {
      throw new UpstreamUnavailableError(
        `Chatwoot answered ${call.method} ${call.path} with HTTP ${status} but the body nests deeper than ` +
          `${MAX_UPSTREAM_JSON_DEPTH} levels.`,
        { ...call, status },
        'invalid_response',
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UpstreamUnavailableError(
        `Chatwoot answered ${call.method} ${call.path} with HTTP ${status} but the body is not JSON.`,
        { ...call, status },
        'invalid_response',
      );
    }
  }
  const upstream = { ...call, status };

  const detail = chatwootErrorDetail(text);
  const suffix = detail.message ? `: ${detail.message}` : '.';
  const retryAfterSeconds = status === 429 ? parseRetryAfter(headers['retry-after']) : undefined;
  throw new UpstreamHttpError(
    `Chatwoot answered ${call.method} ${call.path} with HTTP ${status}${suffix}`,
    upstream,
    detail.message,
    detail.attributes,
    retryAfterSeconds,
    classifyDenial(status, detail.message),
  );
}

interface ErrorDetail {
  message?: string;
  attributes?: string[];
}

/**
 * Chatwoot's error bodies come in several shapes: `{message, attributes}` for a failed validation,
 * `{error}` from most controllers, `{errors: [..]}` from the sign-in layer, `{status, error}` from Rails' own
 * exception pages, and plain text from the rate limiter. Only short, printable text is kept.
 */
export function chatwootErrorDetail(text: string): ErrorDetail {
  let body: unknown;
  if (jsonNestsDeeperThan(text, MAX_UPSTREAM_JSON_DEPTH)) return {};
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const attributes = Array.isArray(record.attributes)
    ? record.attributes.filter((a): a is string => typeof a === 'string')
    : undefined;
  const candidates = [
    record.message,
    typeof record.status === 'number' ? undefined : record.error,
    Array.isArray(record.errors) ? record.errors.filter((e) => typeof e === 'string').join(', ') : undefined,
  ];
  const message = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  return { message: message ? clip(message) : undefined, attributes };
}

function clip(message: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = message.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return printable.length > 500 ? `${printable.slice(0, 500)}…` : printable;
}

/** Retry-After as whole seconds from now: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
