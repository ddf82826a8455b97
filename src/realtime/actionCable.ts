/**
 * Chatwoot's realtime wire protocol: Rails ActionCable 7.1 with the `actioncable-v1-json` subprotocol and one
 * channel, RoomChannel. Pure data: no socket and nothing of GraphQL here.
 *
 * Every subscription is named by an `identifier`, a JSON object sent as a string inside the JSON frame. Rails keys
 * subscriptions by that exact string, so it is always built here, with a fixed key order.
 */

/** The subprotocols @rails/actioncable offers; Rails picks the first. */
export const CABLE_PROTOCOLS = ['actioncable-v1-json', 'actioncable-unsupported'] as const;

/** Who a RoomChannel subscription is for: a contact (its contact_inbox token alone) or an agent (token, account, user). */
export type CableParams =
  | { readonly kind: 'contact'; readonly pubsubToken: string }
  | { readonly kind: 'agent'; readonly pubsubToken: string; readonly accountId: number; readonly userId: number };

/** The canonical identifier string of a subscription: the key upstream and in the bridge. */
export function identifierOf(params: CableParams): string {
  if (params.kind === 'contact') return JSON.stringify({ channel: 'RoomChannel', pubsub_token: params.pubsubToken });
  // The presence of user_id is what makes RoomChannel look the token up among users rather than contacts.
  return JSON.stringify({
    channel: 'RoomChannel',
    pubsub_token: params.pubsubToken,
    account_id: params.accountId,
    user_id: params.userId,
  });
}

/** A command frame sent to the server. */
export function subscribeFrame(identifier: string): string {
  return JSON.stringify({ command: 'subscribe', identifier });
}

export function unsubscribeFrame(identifier: string): string {
  return JSON.stringify({ command: 'unsubscribe', identifier });
}

/** RoomChannel's one action: keeps the principal marked online. */
export function presenceFrame(identifier: string): string {
  return JSON.stringify({ command: 'message', identifier, data: JSON.stringify({ action: 'update_presence' }) });
}

/** One event as Chatwoot broadcasts it: `{event: "message.created", data: {...}}`. */
export interface CableEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** A frame from the server, as far as the bridge cares. */
export type ServerFrame =
  | { readonly type: 'welcome' }
  | { readonly type: 'ping' }
  | { readonly type: 'disconnect'; readonly reconnect: boolean }
  | { readonly type: 'confirm'; readonly identifier: string }
  | { readonly type: 'reject'; readonly identifier: string }
  | { readonly type: 'event'; readonly identifier: string; readonly event: CableEvent }
  | { readonly type: 'other' };

/** Reads one text frame; anything unreadable is `other` (ignored, but it still proves the link is alive). */
export function parseServerFrame(text: string): ServerFrame {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { type: 'other' };
  }
  if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) return { type: 'other' };
  const { type, identifier, message, reconnect } = frame as Record<string, unknown>;
  if (type === 'welcome') return { type: 'welcome' };
  if (type === 'ping') return { type: 'ping' };
  if (type === 'disconnect') return { type: 'disconnect', reconnect: reconnect !== false };
  if (typeof identifier !== 'string') return { type: 'other' };
  if (type === 'confirm_subscription') return { type: 'confirm', identifier };
  if (type === 'reject_subscription') return { type: 'reject', identifier };
  if (type === undefined && message !== null && typeof message === 'object' && !Array.isArray(message)) {
    const { event, data } = message as Record<string, unknown>;
    if (typeof event === 'string' && data !== null && typeof data === 'object' && !Array.isArray(data)) {
      return { type: 'event', identifier, event: { event, data: data as Record<string, unknown> } };
    }
  }
  return { type: 'other' };
}

/** CHATWOOT_WEBSOCKET_URL's default: the base URL with ws(s):// and /cable. */
export function defaultCableUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/cable`;
  return url.href;
}
