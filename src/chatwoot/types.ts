/**
 * Plain data the adapter returns: Chatwoot's records with camelCase names, and nothing of GraphQL.
 * A field Chatwoot did not send is `null`, never invented.
 */

/** A contact as the public Client API shows it. Chatwoot 4.16+ returns a slim shape on update; older ones the full record. */
export interface ContactRecord {
  id: string;
  sourceId: string | null;
  inboxIdentifier: string | null;
  name: string | null;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  avatarUrl: string | null;
  customAttributes: Record<string, unknown> | null;
  pubsubToken: string | null;
}

/** The contact fields the public update accepts, named as the gateway's callers name them. */
export interface ContactChanges {
  identifier?: string | null;
  identifierHash?: string | null;
  email?: string | null;
  name?: string | null;
  phoneNumber?: string | null;
  avatarUrl?: string | null;
  customAttributes?: Record<string, unknown> | null;
}

/** A JSON object as it came off the wire. */
export type JsonObject = { [key: string]: unknown };

/** One day of an inbox's weekly schedule; hours and minutes are null on days closed or open all day. */
export interface WorkingHoursRecord {
  dayOfWeek: number | null;
  closedAllDay: boolean | null;
  openAllDay: boolean | null;
  openHour: number | null;
  openMinutes: number | null;
  closeHour: number | null;
  closeMinutes: number | null;
}

/** The public details of an API inbox (`GET /public/api/v1/inboxes/{inbox}`). */
export interface InboxRecord {
  identifier: string;
  name: string | null;
  timezone: string | null;
  workingHoursEnabled: boolean | null;
  workingHours: WorkingHoursRecord[];
  csatSurveyEnabled: boolean | null;
  greetingEnabled: boolean | null;
  /** Chatwoot's `identity_validation_enabled` (the channel's hmac_mandatory). */
  identityValidationEnabled: boolean | null;
}

export type ConversationStatusValue = 'open' | 'resolved' | 'pending' | 'snoozed';
export type MessageTypeValue = 'incoming' | 'outgoing' | 'activity' | 'template';

/** A conversation of the Client API, with the inbox and contact it was reached through (its address for later calls). */
export interface ConversationRecord {
  /** Chatwoot's display id: the number shown per account, and the `conversation_id` of the public routes. */
  displayId: number;
  uuid: string | null;
  inboxId: number | null;
  status: ConversationStatusValue | null;
  /** ISO 8601; null when never seen (Chatwoot sends 0). */
  contactLastSeenAt: string | null;
  agentLastSeenAt: string | null;
  inboxIdentifier: string;
  contactIdentifier: string;
  /** The contact Chatwoot embeds (its full record), or null when absent. */
  contact: ContactRecord | null;
}

export interface AttachmentRecord {
  id: string | null;
  fileType: string | null;
  extension: string | null;
  dataUrl: string | null;
  thumbUrl: string | null;
  fileSize: number | null;
  width: number | null;
  height: number | null;
}

export interface MessageSenderRecord {
  id: string | null;
  /** `contact`, `user`, `agent_bot` or `captain_assistant`. */
  type: string | null;
  name: string | null;
  avatarUrl: string | null;
}

/** A message of a conversation, as the Client API shows it. */
export interface MessageRecord {
  id: string;
  content: string | null;
  messageType: MessageTypeValue | null;
  contentType: string | null;
  contentAttributes: JsonObject | null;
  /** ISO 8601. */
  createdAt: string | null;
  conversationDisplayId: number | null;
  attachments: AttachmentRecord[];
  sender: MessageSenderRecord | null;
}

/** The CSAT survey page Chatwoot serves for a conversation (an HTML page to send the contact to). */
export interface CsatSurveyPageRecord {
  conversationUuid: string;
  /** The page's absolute URL on the configured Chatwoot. */
  url: string;
}

/** What the gateway knows after a call Chatwoot answers with an empty body (typing status, last seen). */
export interface ConversationSignalRecord {
  inboxIdentifier: string;
  contactIdentifier: string;
  displayId: number;
  /** The typing status that was set, for setTypingStatus. */
  typingStatus?: 'on' | 'off';
}

/**
 * A file the client uploaded with its request (the GraphQL `Upload` scalar resolves to this), held in memory until
 * it is sent on to Chatwoot. The HTTP layer bounds its size (GATEWAY_MAX_UPLOAD_BYTES).
 */
export interface UploadFile {
  /** The file name the client gave, as sent in its part's Content-Disposition. */
  filename: string;
  /** The part's Content-Type, e.g. `image/png`. */
  mimeType: string;
  content: Buffer;
}
