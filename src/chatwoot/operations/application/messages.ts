import { Blob } from 'node:buffer';
import { FormData } from 'undici';
import { InvalidRequestError } from '../../errors';
import { MAX_MESSAGE_CONTENT_LENGTH } from '../../messages';
import { defineOperation, recordId } from '../../operation';
import { expectObject, objectOrNull } from '../../records';
import type { JsonObject, UploadFile } from '../../types';
import { APPLICATION } from './common';
import { type AccountMessageRecord, toAccountMessage } from './conversationRecords';
import type { ConversationArgs } from './conversations';

/** Chatwoot answers the latest 20 messages, or the 20 before a message id. */
export const MESSAGES_PER_WINDOW = 20;

/** A window of a conversation's messages, oldest first, addressed by message ids rather than page numbers. */
export interface AccountMessagePageRecord {
  nodes: AccountMessageRecord[];
  /** Whether older messages probably exist: Chatwoot filled the window (it gives no count). */
  hasOlder: boolean;
  oldestId: string | null;
  newestId: string | null;
}

/** A new message, by the schema's names; files make it multipart. */
export interface CreateMessageInput {
  content?: string | null;
  private?: boolean | null;
  messageType?: 'INCOMING' | 'OUTGOING' | null;
  contentType?: string | null;
  contentAttributes?: JsonObject | null;
  templateParams?: JsonObject | null;
  echoId?: string | null;
  attachments?: readonly UploadFile[] | null;
}

type ListArgs = ConversationArgs & { before?: string | null; after?: string | null };
type CreateArgs = ConversationArgs & { input: CreateMessageInput };
type DeleteArgs = ConversationArgs & { messageId: string };

/** The text fields of a message, by Chatwoot's names, after the checks Chatwoot would make. */
function messageFields(input: CreateMessageInput): JsonObject {
  const content = input.content ?? '';
  const files = input.attachments ?? [];
  if (content.trim() === '' && files.length === 0 && input.templateParams == null) {
    throw new InvalidRequestError('input.content must not be blank when no file is attached.', 'input.content');
  }
  if (content.length > MAX_MESSAGE_CONTENT_LENGTH) {
    throw new InvalidRequestError(`input.content must be at most ${MAX_MESSAGE_CONTENT_LENGTH} characters long.`, 'input.content');
  }
  const out: JsonObject = {};
  if (content !== '') out.content = content;
  if (input.messageType != null) out.message_type = input.messageType.toLowerCase();
  if (input.private != null) out.private = input.private;
  if (input.contentType != null) out.content_type = input.contentType.toLowerCase();
  if (input.contentAttributes != null) out.content_attributes = input.contentAttributes;
  if (input.templateParams != null) out.template_params = input.templateParams;
  if (input.echoId != null) out.echo_id = input.echoId;
  return out;
}

/**
 * With files, the multipart body Chatwoot's dashboard sends: text fields as strings (content attributes as JSON,
 * which Chatwoot's message builder parses), then one `attachments[]` part per file.
 */
function messageForm(input: CreateMessageInput): FormData | undefined {
  const files = input.attachments ?? [];
  if (files.length === 0) return undefined;
  if (input.templateParams != null) throw new InvalidRequestError('input.templateParams cannot be sent with attachments.', 'input.templateParams');
  const form = new FormData();
  for (const [name, value] of Object.entries(messageFields(input))) form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  for (const file of files) form.append('attachments[]', new Blob([file.content], { type: file.mimeType }), file.filename);
  return form;
}

const MESSAGES = '/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages' as const;
const one = { account_id: 'accountId', conversation_id: 'displayId' } as const;
const common = { ...APPLICATION, sets: 'both' } as const;

/** The A11 Messages operations (the orphan getConversationMessages is the list, erratum E1). */
export const messageOperations = {
  list: defineOperation<ListArgs>()({
    ...common,
    operationId: 'list-all-messages',
    method: 'GET',
    path: MESSAGES,
    params: one,
    role: 'ANY',
    query: (args) => ({
      before: args.before != null ? recordId(args.before, 'before') : undefined,
      after: args.after != null ? recordId(args.after, 'after') : undefined,
    }),
    decode: (answer, call, args): AccountMessagePageRecord => {
      const payload = expectObject(answer, call).payload;
      const nodes = (Array.isArray(payload) ? payload : [])
        .map(objectOrNull)
        .filter((m): m is JsonObject => m !== null)
        .map((m) => toAccountMessage(m, args.accountId));
      return {
        nodes,
        hasOlder: args.after == null && nodes.length >= MESSAGES_PER_WINDOW,
        oldestId: nodes[0]?.id ?? null,
        newestId: nodes[nodes.length - 1]?.id ?? null,
      };
    },
    summary: "A window of the conversation's messages: the latest 20, the 20 before a message, or those after one.",
  }),
  create: defineOperation<CreateArgs>()({
    ...common,
    operationId: 'create-a-new-message-in-a-conversation',
    method: 'POST',
    path: MESSAGES,
    params: one,
    role: 'ANY',
    body: (args) => messageFields(args.input),
    form: (args) => messageForm(args.input),
    decode: (answer, call, args) => toAccountMessage(expectObject(answer, call), args.accountId),
    summary: 'Sends a message or a private note, JSON without files and multipart with them.',
  }),
  delete: defineOperation<DeleteArgs>()({
    ...common,
    operationId: 'delete-a-message',
    method: 'DELETE',
    path: `${MESSAGES}/{message_id}`,
    params: { ...one, message_id: 'messageId' },
    role: 'ANY',
    decode: (answer, call, args) => toAccountMessage(expectObject(answer, call), args.accountId),
    summary: 'Deletes a message: Chatwoot keeps it, its content replaced and its files removed.',
  }),
};
