import { Blob } from 'node:buffer';
import { FormData } from 'undici';
import { type ConversationAddress, conversationPath, unixToIso } from './conversations';
import { InvalidRequestError } from './errors';
import { queryString } from './paths';
import { expectArray, expectObject, numberOrNull, objectOrNull, stringOrNull } from './records';
import type { RequestOptions } from './requestOptions';
import type { CallContext, ChatwootTransport, UpstreamCall } from './transport';
import type { AttachmentRecord, JsonObject, MessageRecord, MessageSenderRecord, MessageTypeValue, UploadFile } from './types';

/** Identifies one message of a conversation. */
export interface MessageAddress extends ConversationAddress {
  /** Chatwoot's numeric message id, as a number or a string of digits (GraphQL IDs arrive as strings). */
  messageId: number | string;
}

export interface SendMessageFields {
  content: string;
  /** A client-made id Chatwoot hands back over its websocket, to match the echo with the message sent. */
  echoId?: string | null;
  /** Files to attach; with any, the message is sent as multipart/form-data, as Chatwoot's widget sends it. */
  attachments?: readonly UploadFile[] | null;
}

/** The contact's answer to an interactive message; sent as Chatwoot's `submitted_values`. */
export interface SubmittedValues {
  name?: string | null;
  title?: string | null;
  value?: string | null;
  csatSurveyResponse?: { rating: number; feedbackMessage?: string | null } | null;
}

/** Chatwoot's integer message types, in order. */
const MESSAGE_TYPES: readonly MessageTypeValue[] = ['incoming', 'outgoing', 'activity', 'template'];

/** The longest text the gateway forwards; Chatwoot's message model refuses longer content with a 422 anyway. */
export const MAX_MESSAGE_CONTENT_LENGTH = 150_000;

/** `.../conversations/{displayId}/messages`. */
export function messagesPath(address: ConversationAddress): string {
  return `${conversationPath(address)}/messages`;
}

/** A message id as Chatwoot's routes take it: a positive whole number, given as a number or a string of digits. */
function positiveId(value: number | string, field: string): number {
  const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    throw new InvalidRequestError(`${field} must be a positive whole number.`, field);
  }
  return id;
}

/** The Client API's message endpoints of one conversation. */
export class MessagesResource {
  constructor(private readonly transport: ChatwootTransport) {}

  /** Describes the list call: with `before`, the page of messages older than that message id. */
  listCall(address: ConversationAddress, before?: number | string | null, options?: RequestOptions | null): UpstreamCall {
    const page = before == null ? undefined : positiveId(before, 'before');
    return { method: 'GET', path: messagesPath(address), query: queryString({ before: page }), options };
  }

  /** `GET .../messages[?before=id]`: at most 20 messages, oldest first; private notes and activities are left out. */
  async list(
    context: CallContext,
    address: ConversationAddress,
    before?: number | string | null,
    options?: RequestOptions | null,
  ): Promise<MessageRecord[]> {
    const call = this.listCall(address, before, options);
    const { body, upstream } = await this.transport.exchange(context, call);
    return expectArray(body, upstream).map((item) => toMessageRecord(expectObject(item, upstream)));
  }

  /**
   * `POST .../messages` with text, and files if any. Chatwoot always records it as an incoming message from the
   * contact. Without files the body is JSON; with files it is multipart/form-data with one `attachments[]` part each.
   */
  async create(
    context: CallContext,
    address: ConversationAddress,
    fields: SendMessageFields,
    options?: RequestOptions | null,
  ): Promise<MessageRecord> {
    const files = fields.attachments ?? [];
    // A message of files alone is fine for Chatwoot; a message of nothing is not.
    if (fields.content.trim() === '' && files.length === 0) throw new InvalidRequestError('content must not be blank.', 'content');
    if (fields.content.length > MAX_MESSAGE_CONTENT_LENGTH) {
      throw new InvalidRequestError(`content must be at most ${MAX_MESSAGE_CONTENT_LENGTH} characters long.`, 'content');
    }
    if (files.length > 0) {
      return this.one(context, { method: 'POST', path: messagesPath(address), form: messageForm(fields, files), options });
    }
    const body: JsonObject = { content: fields.content };
    if (fields.echoId != null) body.echo_id = fields.echoId;
    return this.one(context, { method: 'POST', path: messagesPath(address), body, options });
  }

  /** `PATCH .../messages/{id}` with `submitted_values`: the contact's answer to a form or CSAT message. */
  async update(
    context: CallContext,
    address: MessageAddress,
    submittedValues: SubmittedValues,
    options?: RequestOptions | null,
  ): Promise<MessageRecord> {
    const path = `${messagesPath(address)}/${positiveId(address.messageId, 'messageId')}`;
    return this.one(context, { method: 'PATCH', path, body: { submitted_values: toSubmittedValues(submittedValues) }, options });
  }

  private async one(context: CallContext, call: UpstreamCall): Promise<MessageRecord> {
    const { body, upstream } = await this.transport.exchange(context, call);
    return toMessageRecord(expectObject(body, upstream));
  }
}

/** The multipart body Chatwoot's widget sends: `content` (left out when blank), `echo_id`, then `attachments[]` parts. */
function messageForm(fields: SendMessageFields, files: readonly UploadFile[]): FormData {
  const form = new FormData();
  if (fields.content.trim() !== '') form.append('content', fields.content);
  if (fields.echoId != null) form.append('echo_id', fields.echoId);
  for (const file of files) form.append('attachments[]', new Blob([file.content], { type: file.mimeType }), file.filename);
  return form;
}

/** Only the fields that are set, in Chatwoot's names. A CSAT rating outside 1..5 is refused, as Chatwoot would. */
function toSubmittedValues(values: SubmittedValues): JsonObject {
  const out: JsonObject = {};
  for (const key of ['name', 'title', 'value'] as const) if (values[key] != null) out[key] = values[key];
  const csat = values.csatSurveyResponse;
  if (csat) {
    if (!Number.isInteger(csat.rating) || csat.rating < 1 || csat.rating > 5) {
      throw new InvalidRequestError('csatSurveyResponse.rating must be a whole number from 1 to 5.', 'csatSurveyResponse.rating');
    }
    out.csat_survey_response =
      csat.feedbackMessage != null ? { rating: csat.rating, feedback_message: csat.feedbackMessage } : { rating: csat.rating };
  }
  if (Object.keys(out).length === 0) throw new InvalidRequestError('Set at least one field of the answer.', 'input');
  return out;
}

/** Maps Chatwoot's public message; `message_type` is an integer there (0 incoming ... 3 template). */
export function toMessageRecord(raw: JsonObject): MessageRecord {
  const type = numberOrNull(raw.message_type);
  const sender = objectOrNull(raw.sender);
  return {
    id: stringOrNull(raw.id) ?? '',
    content: stringOrNull(raw.content),
    messageType: type !== null ? (MESSAGE_TYPES[type] ?? null) : null,
    contentType: stringOrNull(raw.content_type),
    contentAttributes: objectOrNull(raw.content_attributes),
    createdAt: unixToIso(raw.created_at),
    conversationDisplayId: numberOrNull(raw.conversation_id),
    attachments: (Array.isArray(raw.attachments) ? raw.attachments : [])
      .map(objectOrNull)
      .filter((item): item is JsonObject => item !== null)
      .map(toAttachmentRecord),
    sender: sender ? toSenderRecord(sender) : null,
  };
}

function toAttachmentRecord(raw: JsonObject): AttachmentRecord {
  return {
    id: stringOrNull(raw.id),
    fileType: stringOrNull(raw.file_type),
    extension: stringOrNull(raw.extension),
    dataUrl: stringOrNull(raw.data_url),
    thumbUrl: stringOrNull(raw.thumb_url),
    fileSize: numberOrNull(raw.file_size),
    width: numberOrNull(raw.width),
    height: numberOrNull(raw.height),
  };
}

function toSenderRecord(raw: JsonObject): MessageSenderRecord {
  return {
    id: stringOrNull(raw.id),
    type: stringOrNull(raw.type),
    name: stringOrNull(raw.available_name) ?? stringOrNull(raw.name),
    // Contacts carry their picture as `thumbnail`, agents and bots as `avatar_url`.
    avatarUrl: stringOrNull(raw.avatar_url) ?? stringOrNull(raw.thumbnail),
  };
}
