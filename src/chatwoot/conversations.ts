import { type ContactAddress, contactPath, toContactRecord } from './contacts';
import { InvalidRequestError, type UpstreamCallInfo, UpstreamUnavailableError } from './errors';
import { queryString } from './paths';
import { expectArray, expectObject, numberOrNull, objectOrNull, stringOrNull } from './records';
import type { RequestOptions } from './requestOptions';
import type { CallContext, ChatwootTransport, UpstreamCall } from './transport';
import type { ConversationRecord, ConversationStatusValue, JsonObject } from './types';

/** Identifies a conversation of the Client API: the contact's address plus the conversation's display id. */
export interface ConversationAddress extends ContactAddress {
  /** Chatwoot's display id (the per-account number), which is what the public routes call `conversation_id`. */
  displayId: number;
}

export type TypingStatusValue = 'on' | 'off';

export interface CreateConversationFields {
  customAttributes?: Record<string, unknown> | null;
}

const STATUSES: readonly ConversationStatusValue[] = ['open', 'resolved', 'pending', 'snoozed'];

/**
 * The address of a contact record, for reading its conversations. Chatwoot's update answers before 4.16 carry no
 * source id, so such a record cannot be followed; the caller is told how to get one that can.
 */
export function addressOfContact(contact: { inboxIdentifier: string | null; sourceId: string | null }): ContactAddress {
  if (!contact.inboxIdentifier || !contact.sourceId) {
    throw new InvalidRequestError(
      'This contact came back without its sourceId (older Chatwoot versions omit it on update), so its conversations ' +
        'cannot be addressed; read the contact with `contact` or `inbox { contact }` instead.',
      'sourceId',
    );
  }
  return { inboxIdentifier: contact.inboxIdentifier, contactIdentifier: contact.sourceId };
}

/** `.../contacts/{contact}/conversations`, and `.../{displayId}` below it. Throws for blank or invalid parts. */
export function conversationsPath(address: ContactAddress): string {
  return `${contactPath(address)}/conversations`;
}

/** `.../conversations/{displayId}`; throws InvalidRequestError unless the display id is a positive whole number. */
export function conversationPath(address: ConversationAddress): string {
  if (!Number.isSafeInteger(address.displayId) || address.displayId < 1) {
    throw new InvalidRequestError(`displayId must be a positive whole number (got ${address.displayId}).`, 'displayId');
  }
  return `${conversationsPath(address)}/${address.displayId}`;
}

/** The Client API's conversation endpoints. Reads have a `...Call` twin that describes them for the loaders. */
export class ConversationsResource {
  constructor(private readonly transport: ChatwootTransport) {}

  /** Describes the list call without sending it. */
  listCall(address: ContactAddress, options?: RequestOptions | null): UpstreamCall {
    return { method: 'GET', path: conversationsPath(address), options };
  }

  /** `GET .../conversations`: the contact's conversations Chatwoot lets this contact inbox see. */
  async list(context: CallContext, address: ContactAddress, options?: RequestOptions | null): Promise<ConversationRecord[]> {
    const call = this.listCall(address, options);
    const { body, upstream } = await this.transport.exchange(context, call);
    return expectArray(body, upstream).map((item) => toConversationRecord(expectObject(item, upstream), address, call));
  }

  /** Describes the read of one conversation without sending it. */
  getCall(address: ConversationAddress, options?: RequestOptions | null): UpstreamCall {
    return { method: 'GET', path: conversationPath(address), options };
  }

  /** `GET .../conversations/{displayId}`. */
  async get(context: CallContext, address: ConversationAddress, options?: RequestOptions | null): Promise<ConversationRecord> {
    return this.one(context, this.getCall(address, options), address);
  }

  /** `POST .../conversations`: Chatwoot only takes custom attributes (and may return the open one instead). */
  async create(
    context: CallContext,
    address: ContactAddress,
    fields: CreateConversationFields,
    options?: RequestOptions | null,
  ): Promise<ConversationRecord> {
    const body: JsonObject = {};
    if (fields.customAttributes != null) body.custom_attributes = fields.customAttributes;
    return this.one(context, { method: 'POST', path: conversationsPath(address), body, options }, address);
  }

  /** `POST .../toggle_status`: on the Client API this only ever resolves, also when already resolved. */
  async resolve(context: CallContext, address: ConversationAddress, options?: RequestOptions | null): Promise<ConversationRecord> {
    return this.one(context, { method: 'POST', path: `${conversationPath(address)}/toggle_status`, options }, address);
  }

  /**
   * `POST .../toggle_typing`. The published document requires `typing_status` in the query and also describes it in
   * the body; Rails merges both, so it is sent in both places. Chatwoot answers with an empty body.
   */
  async setTyping(
    context: CallContext,
    address: ConversationAddress,
    status: TypingStatusValue,
    options?: RequestOptions | null,
  ): Promise<void> {
    await this.transport.send(context, {
      method: 'POST',
      path: `${conversationPath(address)}/toggle_typing`,
      query: queryString({ typing_status: status }),
      body: { typing_status: status },
      options,
    });
  }

  /** `POST .../update_last_seen`: marks the conversation seen by the contact now. Empty body in return. */
  async markSeen(context: CallContext, address: ConversationAddress, options?: RequestOptions | null): Promise<void> {
    await this.transport.send(context, { method: 'POST', path: `${conversationPath(address)}/update_last_seen`, options });
  }

  private async one(context: CallContext, call: UpstreamCall, address: ContactAddress): Promise<ConversationRecord> {
    const { body, upstream } = await this.transport.exchange(context, call);
    return toConversationRecord(expectObject(body, upstream), address, call);
  }
}

/**
 * Maps Chatwoot's public conversation; `id` there is the display id. Without it the conversation cannot be addressed
 * again, so such an answer is treated as unusable rather than given a made-up number.
 */
export function toConversationRecord(raw: JsonObject, address: ContactAddress, call: UpstreamCallInfo): ConversationRecord {
  const displayId = numberOrNull(raw.id);
  if (displayId === null) {
    throw new UpstreamUnavailableError(`Chatwoot answered ${call.method} ${call.path} with a conversation without an id.`, call, 'invalid_response');
  }
  const status = stringOrNull(raw.status);
  const contact = objectOrNull(raw.contact);
  return {
    displayId,
    uuid: stringOrNull(raw.uuid),
    inboxId: numberOrNull(raw.inbox_id),
    status: STATUSES.includes(status as ConversationStatusValue) ? (status as ConversationStatusValue) : null,
    contactLastSeenAt: unixToIso(raw.contact_last_seen_at),
    agentLastSeenAt: unixToIso(raw.agent_last_seen_at),
    inboxIdentifier: address.inboxIdentifier,
    contactIdentifier: address.contactIdentifier,
    // The embedded contact is the full record, which carries no source id: it is the contact the call went through.
    contact: contact
      ? { ...toContactRecord(contact, address.inboxIdentifier), sourceId: stringOrNull(contact.source_id) ?? address.contactIdentifier }
      : null,
  };
}

/** Chatwoot's Unix seconds as ISO 8601; 0 (its "never") and anything unreadable become null. */
export function unixToIso(value: unknown): string | null {
  const seconds = numberOrNull(value);
  if (seconds === null || seconds <= 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
