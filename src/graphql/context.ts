import type { IncomingHttpHeaders } from 'node:http';
import type { ChatwootClient } from '../chatwoot/client';
import type { CallContext } from '../chatwoot/transport';
import type { ContactReferenceLoader } from './contactReferenceLoader';

/** What every resolver receives: the adapter and who is calling. Built once per GraphQL request. */
export interface GatewayContext {
  readonly chatwoot: ChatwootClient;
  readonly call: CallContext;
  /** Loads the Contact entities a supergraph references; created on first use, one per request. */
  readonly contactReferences: ContactReferenceLoader;
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
