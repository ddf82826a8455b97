import { idOrNull, stringList, timeOrNull } from '../../decode';
import { toAttachmentRecord, toSenderRecord } from '../../messages';
import { booleanOrNull, numberOrNull, objectOrNull, stringOrNull } from '../../records';
import type { AttachmentRecord, ConversationStatusValue, JsonObject, MessageSenderRecord, MessageTypeValue } from '../../types';
import { type AgentRecord, toAgent } from './agents';
import { type AgentBotRecord, toAgentBot } from './agentBots';
import { type AccountContactRecord, toAccountContact } from './contacts';
import { type TeamRecord, toTeam } from './teams';

/**
 * The records of conversations and messages as agents see them (`api/v1/conversations/partials/_conversation` and
 * `api/v1/models/_message`). A conversation embeds its contact, assignee, team and last message, so a page of
 * conversations answers those fields without another call.
 */

export type PriorityValue = 'low' | 'medium' | 'high' | 'urgent';
const PRIORITIES: readonly string[] = ['low', 'medium', 'high', 'urgent'];
const STATUSES: readonly string[] = ['open', 'resolved', 'pending', 'snoozed'];
const MESSAGE_TYPES: readonly MessageTypeValue[] = ['incoming', 'outgoing', 'activity', 'template'];

/** Who a conversation is assigned to: an agent or an agent bot. */
export type AssigneeRecord = ({ kind: 'Agent' } & AgentRecord) | ({ kind: 'AgentBot' } & AgentBotRecord);

/** A message as agents see it, private notes included. */
export interface AccountMessageRecord {
  id: string;
  accountId: string;
  content: string | null;
  messageType: MessageTypeValue | null;
  contentType: string | null;
  contentAttributes: JsonObject | null;
  private: boolean | null;
  status: 'sent' | 'delivered' | 'read' | 'failed' | null;
  sourceId: string | null;
  echoId: string | null;
  createdAt: string | null;
  conversationDisplayId: number | null;
  attachments: AttachmentRecord[];
  sender: MessageSenderRecord | null;
}

/** Maps Chatwoot's message partial; `message_type` may be an integer or a name. */
export function toAccountMessage(raw: JsonObject, accountId: string): AccountMessageRecord {
  const type = numberOrNull(raw.message_type);
  const typeName = typeof raw.message_type === 'string' ? (raw.message_type as MessageTypeValue) : type !== null ? MESSAGE_TYPES[type] : null;
  const sender = objectOrNull(raw.sender);
  const status = stringOrNull(raw.status);
  return {
    id: idOrNull(raw.id) ?? '',
    accountId,
    content: stringOrNull(raw.content),
    messageType: typeName && MESSAGE_TYPES.includes(typeName) ? typeName : null,
    contentType: stringOrNull(raw.content_type),
    contentAttributes: objectOrNull(raw.content_attributes),
    private: booleanOrNull(raw.private),
    status: status === 'sent' || status === 'delivered' || status === 'read' || status === 'failed' ? status : null,
    sourceId: stringOrNull(raw.source_id),
    echoId: stringOrNull(raw.echo_id),
    createdAt: timeOrNull(raw.created_at),
    conversationDisplayId: numberOrNull(raw.conversation_id),
    attachments: (Array.isArray(raw.attachments) ? raw.attachments : [])
      .map(objectOrNull)
      .filter((item): item is JsonObject => item !== null)
      .map(toAttachmentRecord),
    sender: sender ? toSenderRecord(sender) : null,
  };
}

/** A conversation as agents see it, with what its partial embeds. */
export interface AccountConversationRecord {
  accountId: string;
  displayId: number;
  uuid: string | null;
  inboxId: string | null;
  status: ConversationStatusValue | null;
  priority: PriorityValue | null;
  snoozedUntil: string | null;
  muted: boolean | null;
  canReply: boolean | null;
  unreadCount: number | null;
  labels: string[] | null;
  customAttributes: JsonObject | null;
  additionalAttributes: JsonObject | null;
  createdAt: string | null;
  updatedAt: string | null;
  lastActivityAt: string | null;
  waitingSince: string | null;
  firstReplyCreatedAt: string | null;
  agentLastSeenAt: string | null;
  assigneeLastSeenAt: string | null;
  contactLastSeenAt: string | null;
  slaPolicyId: string | null;
  /** The contact as the conversation embeds it (`meta.sender`): a part of the contact's record. */
  contact: AccountContactRecord | null;
  assignee: AssigneeRecord | null;
  team: TeamRecord | null;
  hmacVerified: boolean | null;
  lastMessage: AccountMessageRecord | null;
}

function assigneeOf(meta: JsonObject | null, accountId: string): AssigneeRecord | null {
  const raw = objectOrNull(meta?.assignee);
  if (!raw) return null;
  if (meta?.assignee_type === 'AgentBot' || raw.type === 'agent_bot') return { kind: 'AgentBot', ...toAgentBot({ ...raw, thumbnail: raw.thumbnail ?? raw.avatar_url }) };
  return { kind: 'Agent', ...toAgent(raw, accountId) };
}

/** Maps Chatwoot's conversation partial; its JSON `id` is the display id. */
export function toAccountConversation(raw: JsonObject, accountId: string): AccountConversationRecord {
  const meta = objectOrNull(raw.meta);
  const sender = objectOrNull(meta?.sender);
  const team = objectOrNull(meta?.team);
  const last = objectOrNull(raw.last_non_activity_message);
  const status = stringOrNull(raw.status);
  const priority = stringOrNull(raw.priority);
  return {
    accountId: idOrNull(raw.account_id) ?? accountId,
    displayId: numberOrNull(raw.id) ?? 0,
    uuid: stringOrNull(raw.uuid),
    inboxId: idOrNull(raw.inbox_id),
    status: status && STATUSES.includes(status) ? (status as ConversationStatusValue) : null,
    priority: priority && PRIORITIES.includes(priority) ? (priority as PriorityValue) : null,
    snoozedUntil: timeOrNull(raw.snoozed_until),
    muted: booleanOrNull(raw.muted),
    canReply: booleanOrNull(raw.can_reply),
    unreadCount: numberOrNull(raw.unread_count),
    labels: Array.isArray(raw.labels) ? stringList(raw.labels) : null,
    customAttributes: objectOrNull(raw.custom_attributes),
    additionalAttributes: objectOrNull(raw.additional_attributes),
    createdAt: timeOrNull(raw.created_at),
    updatedAt: timeOrNull(raw.updated_at),
    lastActivityAt: timeOrNull(raw.last_activity_at ?? raw.timestamp),
    waitingSince: timeOrNull(raw.waiting_since),
    firstReplyCreatedAt: timeOrNull(raw.first_reply_created_at),
    agentLastSeenAt: timeOrNull(raw.agent_last_seen_at),
    assigneeLastSeenAt: timeOrNull(raw.assignee_last_seen_at),
    contactLastSeenAt: timeOrNull(raw.contact_last_seen_at),
    slaPolicyId: idOrNull(raw.sla_policy_id),
    contact: sender ? toAccountContact(sender, accountId) : null,
    assignee: assigneeOf(meta, accountId),
    team: team ? toTeam(team, accountId) : null,
    hmacVerified: booleanOrNull(meta?.hmac_verified),
    lastMessage: last ? toAccountMessage(last, accountId) : null,
  };
}
