import type { JsonObject, SimAttachment, SimContact, SimConversation, SimInbox, SimMessage, SimulatorStore } from '../store';
import type { ApplicationStore } from './store';

/**
 * Chatwoot's jbuilder views of contacts, conversations and messages for agents (`api/v1/models/_contact`,
 * `api/v1/conversations/partials/_conversation`, `api/v1/models/_message`), over the records the Client API serves.
 */

const unix = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);

/** `_inbox_slim`: every simulated inbox is an API channel. */
export function inboxSlimView(inbox: SimInbox): JsonObject {
  return { id: inbox.id, name: inbox.name, channel_id: inbox.id, channel_type: 'Channel::Api', avatar_url: '', provider: null };
}

/** `api/v1/models/_contact`, with the contact inboxes unless `include_contact_inboxes=false`. */
export function contactView(records: SimulatorStore, contact: SimContact, withInboxes = true): JsonObject {
  const json: JsonObject = {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phoneNumber,
    identifier: contact.identifier,
    blocked: contact.blocked,
    thumbnail: '',
    availability_status: 'offline',
    additional_attributes: contact.additionalAttributes,
    custom_attributes: contact.customAttributes,
    last_activity_at: unix(contact.lastActivityAt),
    created_at: unix(contact.createdAt),
  };
  if (withInboxes) json.contact_inboxes = contactInboxesView(records, contact);
  return json;
}

/** The contact's `{source_id, inbox}` pairs. */
export function contactInboxesView(records: SimulatorStore, contact: SimContact): JsonObject[] {
  return records.contactInboxes
    .filter((link) => link.contactId === contact.id)
    .flatMap((link) => {
      const inbox = records.inboxes.find((i) => i.id === link.inboxId);
      return inbox ? [{ source_id: link.sourceId, inbox: inboxSlimView(inbox) }] : [];
    });
}

/** The contact as a conversation embeds it (`push_event_data`). */
function senderView(contact: SimContact | undefined): JsonObject | null {
  if (!contact) return null;
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phoneNumber,
    identifier: contact.identifier,
    blocked: contact.blocked,
    thumbnail: '',
    additional_attributes: contact.additionalAttributes,
    custom_attributes: contact.customAttributes,
    type: 'contact',
  };
}

/** `api/v1/models/_agent` of an account member, or null when the user is none. */
export function agentView(app: ApplicationStore, accountId: number, userId: number): JsonObject | null {
  const user = app.users.get(userId);
  const member = app.membership(accountId, userId);
  if (!user || !member) return null;
  return {
    id: user.id,
    account_id: accountId,
    availability_status: member.availability,
    auto_offline: member.autoOffline,
    confirmed: user.confirmed,
    email: user.email,
    available_name: user.displayName ?? user.name,
    name: user.name,
    role: member.role,
    thumbnail: '',
    custom_role_id: null,
  };
}

/** A team as the assignment endpoint renders it: the raw record, every column (erratum E25). */
export function rawTeamView(app: ApplicationStore, teamId: number | null): JsonObject | null {
  const team = app.teams.find((t) => t.id === teamId);
  if (!team) return null;
  return { id: team.id, name: team.name, description: team.description, allow_auto_assign: team.allowAutoAssign, account_id: team.accountId, created_at: '2026-01-05T09:00:00.000Z', updated_at: '2026-01-05T09:00:00.000Z' };
}

/** `api/v1/models/_message` as agents see it. */
export function messageView(records: SimulatorStore, message: SimMessage, conversation: SimConversation): JsonObject {
  const sender = message.sender
    ? message.sender.type === 'contact'
      ? { ...senderView(records.contacts.get(message.sender.id)), id: message.sender.id, name: message.sender.name }
      : { id: message.sender.id, name: message.sender.name, available_name: message.sender.name, avatar_url: '', type: 'user' }
    : null;
  return {
    id: message.id,
    content: message.content,
    inbox_id: conversation.inboxId,
    conversation_id: conversation.displayId,
    message_type: message.messageType,
    content_type: message.contentType,
    status: message.status,
    content_attributes: message.contentAttributes,
    created_at: message.createdAt,
    private: message.private,
    source_id: null,
    echo_id: message.echoId,
    sender,
    attachments: message.attachments.map(attachmentView),
  };
}

function attachmentView(attachment: SimAttachment): JsonObject {
  return {
    id: attachment.id,
    message_id: attachment.messageId,
    file_type: attachment.fileType,
    account_id: 1,
    extension: null,
    data_url: attachment.dataUrl,
    thumb_url: attachment.fileType === 'image' ? attachment.dataUrl : '',
    file_size: attachment.content.length,
    width: null,
    height: null,
  };
}

/** `api/v1/conversations/partials/_conversation`: meta (sender, assignee, team), last message, times. */
export function conversationView(app: ApplicationStore, records: SimulatorStore, conversation: SimConversation): JsonObject {
  const messages = records.messages.filter((m) => m.conversationId === conversation.id);
  const last = [...messages].reverse().find((m) => m.messageType !== 2);
  const link = records.contactInboxes.find((l) => l.sourceId === conversation.sourceId && l.inboxId === conversation.inboxId);
  const team = app.teams.find((t) => t.id === conversation.teamId);
  return {
    meta: {
      sender: senderView(records.contacts.get(conversation.contactId)),
      channel: 'Channel::Api',
      assignee: conversation.assigneeId !== null ? agentView(app, 1, conversation.assigneeId) : null,
      assignee_type: conversation.assigneeId !== null ? 'User' : null,
      team: team ? { id: team.id, name: team.name, description: team.description, allow_auto_assign: team.allowAutoAssign, account_id: team.accountId, is_member: false } : null,
      hmac_verified: link?.hmacVerified ?? false,
    },
    id: conversation.displayId,
    messages: last ? [messageView(records, last, conversation)] : [],
    account_id: 1,
    uuid: conversation.uuid,
    additional_attributes: conversation.additionalAttributes,
    agent_last_seen_at: conversation.agentLastSeenAt,
    assignee_last_seen_at: 0,
    can_reply: true,
    contact_last_seen_at: conversation.contactLastSeenAt,
    custom_attributes: conversation.customAttributes,
    inbox_id: conversation.inboxId,
    labels: conversation.labels,
    muted: false,
    snoozed_until: conversation.snoozedUntil,
    status: conversation.status,
    created_at: conversation.createdAt,
    updated_at: conversation.lastActivityAt,
    timestamp: conversation.lastActivityAt,
    first_reply_created_at: 0,
    unread_count: 0,
    last_non_activity_message: last ? messageView(records, last, conversation) : null,
    last_activity_at: conversation.lastActivityAt,
    priority: conversation.priority,
    waiting_since: 0,
    sla_policy_id: null,
  };
}
