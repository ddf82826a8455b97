import type { ContactAddress } from '../chatwoot/contacts';
import { toConversationRecord } from '../chatwoot/conversations';
import { toMessageRecord } from '../chatwoot/messages';
import { numberOrNull, objectOrNull } from '../chatwoot/records';
import type { ConversationRecord, JsonObject, MessageRecord } from '../chatwoot/types';
import type { CableEvent } from './actionCable';

/** The kinds of event a contact sees; the schema's ConversationEventKind. */
export type ConversationEventKindValue =
  | 'MESSAGE_CREATED'
  | 'MESSAGE_UPDATED'
  | 'TYPING_ON'
  | 'TYPING_OFF'
  | 'CONVERSATION_CREATED'
  | 'CONVERSATION_UPDATED'
  | 'CONVERSATION_STATUS_CHANGED'
  | 'RESYNC';

/** One event for a contact, in the public shapes the Client API types already use. */
export interface ConversationEventRecord {
  kind: ConversationEventKindValue;
  displayId: number | null;
  message: MessageRecord | null;
  conversation: ConversationRecord | null;
}

/** Which contact the subscription is for, and optionally the one conversation it watches. */
export interface ContactScope extends ContactAddress {
  displayId: number | null;
}

/** Why an event was not delivered (a metrics label). */
export type DropReason = 'private' | 'other_conversation' | 'other_account' | 'unknown_event' | 'malformed';

const MESSAGE_KINDS: Record<string, ConversationEventKindValue> = {
  'message.created': 'MESSAGE_CREATED',
  'message.updated': 'MESSAGE_UPDATED',
};
const CONVERSATION_KINDS: Record<string, ConversationEventKindValue> = {
  'conversation.created': 'CONVERSATION_CREATED',
  'conversation.updated': 'CONVERSATION_UPDATED',
  'conversation.status_changed': 'CONVERSATION_STATUS_CHANGED',
};
const TYPING_KINDS: Record<string, ConversationEventKindValue> = {
  'conversation.typing_on': 'TYPING_ON',
  'conversation.typing_off': 'TYPING_OFF',
};

/** The upstream call named in errors of a malformed event. */
const CABLE_CALL = { method: 'GET', path: '/cable' } as const;

/** The RESYNC event: re-read the conversation(s), events may have been missed. */
export function contactResync(scope: ContactScope): ConversationEventRecord {
  return { kind: 'RESYNC', displayId: scope.displayId, message: null, conversation: null };
}

/**
 * Maps one event of a contact's stream to what the contact may see, or a drop reason. Only allow-listed fields are
 * read (through the Client API mappers), so labels, team, custom attributes, the assignee and `contact_inbox` with
 * its pubsub token never pass. Private notes, activities and an agent typing a private note are dropped.
 */
export function toConversationEvent(event: CableEvent, scope: ContactScope): ConversationEventRecord | DropReason {
  const { data } = event;
  const messageKind = MESSAGE_KINDS[event.event];
  if (messageKind) {
    // Chatwoot leaves these out of contact streams already; a second check costs nothing.
    if (data.private === true || numberOrNull(data.message_type) === 2) return 'private';
    const message = toMessageRecord(data);
    if (!message.id) return 'malformed';
    return scoped({ kind: messageKind, displayId: message.conversationDisplayId, message, conversation: null }, scope);
  }
  const conversationKind = CONVERSATION_KINDS[event.event];
  if (conversationKind) {
    const conversation = conversationOf(data, scope);
    if (!conversation) return 'malformed';
    return scoped({ kind: conversationKind, displayId: conversation.displayId, message: null, conversation }, scope);
  }
  const typingKind = TYPING_KINDS[event.event];
  if (typingKind) {
    if (data.is_private === true) return 'private';
    const conversation = conversationOf(objectOrNull(data.conversation) ?? {}, scope);
    if (!conversation) return 'malformed';
    return scoped({ kind: typingKind, displayId: conversation.displayId, message: null, conversation }, scope);
  }
  return 'unknown_event';
}

function scoped(record: ConversationEventRecord, scope: ContactScope): ConversationEventRecord | DropReason {
  if (scope.displayId !== null && record.displayId !== scope.displayId) return 'other_conversation';
  return record;
}

/** The public conversation fields of a push payload; its `id` is the display id. */
function conversationOf(data: JsonObject, scope: ContactScope): ConversationRecord | null {
  try {
    // The embedded contact of a push payload is the internal record: never read it.
    const { contact: _contact, ...rest } = data;
    return toConversationRecord(rest, scope, CABLE_CALL);
  } catch {
    return null;
  }
}
