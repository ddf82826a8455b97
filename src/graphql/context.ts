import type { IncomingHttpHeaders } from 'node:http';
import type { ChatwootClient } from '../chatwoot/client';
import type { CallContext } from '../chatwoot/transport';
import type { RequestIdentity } from '../identity/requestIdentity';
import type { RealtimeService } from '../realtime/service';
import type { RequestLoaders } from './loaders';
import type { PlatformAccess } from './principal';

/** What every resolver receives: the adapter and who is calling. Built once per GraphQL request. */
export interface GatewayContext {
  readonly chatwoot: ChatwootClient;
  readonly call: CallContext;
  /** This request's de-duplicating, concurrency-bounded reads (src/graphql/loaders.ts); never shared across requests. */
  readonly loaders: RequestLoaders;
  /**
   * Whether the HTTP handler counted (and reserved) this request's writes before Apollo ran; when not (a persisted
   * query sent by hash alone), src/graphql/writesPlugin.ts counts each operation once Apollo has resolved it.
   */
  readonly writesCounted?: boolean;
  /** The Platform API's checks for this request (service key, browser shape, the operator's lists). */
  readonly platform: PlatformAccess;
  /** The caller's verified contact identity, worked out on first use; absent when identity verification is off. */
  readonly identity?: RequestIdentity;
  /**
   * Hands a failure that is masked for the client (INTERNAL_SERVER_ERROR) to the operator's log, for failures that do
   * not pass through Apollo's error formatter (the per-item errors of a bulk operation). Ignored when left out.
   */
  readonly reportInternalError?: (error: unknown) => void;
  /** The ActionCable bridge, on WebSocket connections only (subscriptions are not served over HTTP). */
  readonly realtime?: RealtimeService;
}

/**
 * The caller's Chatwoot token. Both spellings are accepted: `api-access-token` is what survives proxies such as
 * nginx, `api_access_token` is what Chatwoot documents.
 */
export function tokenFromHeaders(headers: IncomingHttpHeaders): string | null {
  const value = headers['api-access-token'] ?? headers['api_access_token'];
  const token = Array.isArray(value) ? value[0] : value;
  return token && token.trim() !== '' ? token.trim() : null;
}
