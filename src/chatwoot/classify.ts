import {
  type ChatwootError,
  type UpstreamCallInfo,
  UpstreamHttpError,
  UpstreamTimeoutError,
  UpstreamTlsError,
  UpstreamUnavailableError,
} from './errors';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

const UNAVAILABLE_CODES: Record<string, UpstreamUnavailableError['reason']> = {
  ECONNREFUSED: 'connection_refused',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  UND_ERR_SOCKET: 'connection_reset',
  UND_ERR_CLOSED: 'connection_reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EHOSTUNREACH: 'network',
  ENETUNREACH: 'network',
};

/** Facts about the call, used to word the message. Nothing here may hold a credential. */
export interface CallFacts extends UpstreamCallInfo {
  /** Chatwoot's host (and port), for messages. */
  host: string;
  timeoutMs: number;
  /** The proxy's host and port when the call went through one; never its credentials. */
  proxyHost?: string;
}

/**
 * Turns whatever undici or Node threw during a call into one of the adapter's typed errors.
 * `timedOut` says whether the call's own deadline fired (our AbortController), which undici reports as an abort.
 */
export function classifyFailure(error: unknown, call: CallFacts, timedOut: boolean): ChatwootError {
  const upstream: UpstreamCallInfo = { method: call.method, path: call.path };
  if (error instanceof UpstreamHttpError || error instanceof UpstreamUnavailableError) return error;
  const codes = errorCodes(error);

  if (timedOut || codes.some((c) => TIMEOUT_CODES.has(c)) || isTimeoutDomException(error)) {
    return new UpstreamTimeoutError(
      `Chatwoot at ${call.host} did not answer ${call.method} ${call.path} within ${call.timeoutMs} ms.`,
      upstream,
      call.timeoutMs,
    );
  }

  const tlsCode = codes.find((c) => TLS_CODES.has(c) || c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_'));
  if (tlsCode) {
    return new UpstreamTlsError(
      `The TLS connection to Chatwoot at ${call.host} failed (${tlsCode}). If Chatwoot uses a self-signed or ` +
        'private certificate, add its CA to NODE_EXTRA_CA_CERTS, or, where the operator allows it, set ' +
        'options.ignoreSslIssues to true for this request.',
      upstream,
      tlsCode,
    );
  }

  const proxyMessage = proxyFailureMessage(error, codes, call);
  if (proxyMessage) return new UpstreamUnavailableError(proxyMessage, upstream, 'proxy');

  const reasonCode = codes.find((c) => c in UNAVAILABLE_CODES);
  const reason = reasonCode ? UNAVAILABLE_CODES[reasonCode]! : 'network';
  const via = call.proxyHost ? ` through the proxy ${call.proxyHost}` : '';
  return new UpstreamUnavailableError(
    `Chatwoot at ${call.host} could not be reached${via}: ${describeReason(reason)}.`,
    upstream,
    reason,
  );
}

function describeReason(reason: UpstreamUnavailableError['reason']): string {
  switch (reason) {
    case 'connection_refused':
      return 'the connection was refused';
    case 'connection_reset':
      return 'the connection was closed before the answer was complete';
    case 'dns':
      return 'its host name could not be resolved';
    default:
      return 'the network failed';
  }
}

/** Codes that, on a call through a proxy, mean the proxy itself could not be reached (a tunnel reports others as 5xx). */
const PROXY_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Words a failure of the proxy, or returns undefined when the proxy is not to blame. undici reports a refused
 * tunnel as "Proxy response (407) !== 200 ..." (UND_ERR_ABORTED) and a refused plain proxy request as
 * "Proxy Authentication Required (407)". Only `call.proxyHost` is named: never the URL, which may hold credentials.
 */
function proxyFailureMessage(error: unknown, codes: string[], call: CallFacts): string | undefined {
  const proxy = call.proxyHost ? `The proxy ${call.proxyHost}` : 'The proxy set by HTTP_PROXY / HTTPS_PROXY';
  const status = messages(error)
    .map((m) => /proxy (?:response|authentication required) \(?(\d{3})\)?/i.exec(m)?.[1])
    .find((s) => s !== undefined);
  if (status) {
    const why = status === '407' ? 'it requires proxy credentials, or refused the ones given' : `it answered HTTP ${status}`;
    return `${proxy} refused to open the connection to Chatwoot at ${call.host}: ${why}.`;
  }
  if (codes.includes('UND_ERR_PRX_TLS')) return `${proxy} could not be reached: its TLS certificate was refused.`;
  const unreachable = call.proxyHost ? codes.find((c) => PROXY_UNREACHABLE.has(c)) : undefined;
  if (unreachable) return `${proxy} could not be reached: ${describeReason(UNAVAILABLE_CODES[unreachable]!)}.`;
  return undefined;
}

function isTimeoutDomException(error: unknown): boolean {
  return chain(error).some((e) => e instanceof Error && e.name === 'TimeoutError');
}

/** Every `code` along the error's cause chain (undici wraps socket errors). */
function errorCodes(error: unknown): string[] {
  return chain(error)
    .map((e) => (e as { code?: unknown }).code)
    .filter((c): c is string => typeof c === 'string');
}

function messages(error: unknown): string[] {
  return chain(error)
    .map((e) => (e instanceof Error ? e.message : ''))
    .filter(Boolean);
}

function chain(error: unknown): object[] {
  const seen: object[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.includes(current) && seen.length < 8) {
    seen.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return seen;
}
