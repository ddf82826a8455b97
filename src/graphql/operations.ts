/**
 * Which GraphQL field calls which Chatwoot endpoint. This list is the single source of the README's operations table
 * (test/docs/operationsTable.test.ts renders it and compares), and the contract test runs every entry through the
 * gateway and checks the request it records matches the method and path given here, and the OpenAPI document.
 */

export interface OperationEntry {
  /** The GraphQL field, as `Type.field`. */
  readonly field: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** Chatwoot's path template, spelled as in its OpenAPI document. */
  readonly path: string;
  /** Chatwoot's operationId for the endpoint. */
  readonly operationId: string;
}

const INBOX = '/public/api/v1/inboxes/{inbox_identifier}';
const CONTACT = `${INBOX}/contacts/{contact_identifier}`;
const CONVERSATION = `${CONTACT}/conversations/{conversation_id}`;

export const CLIENT_API_OPERATIONS: readonly OperationEntry[] = [
  { field: 'Query.inbox', method: 'GET', path: INBOX, operationId: 'get-details-of-a-inbox' },
  { field: 'Mutation.createContact', method: 'POST', path: `${INBOX}/contacts`, operationId: 'create-a-contact' },
  { field: 'Query.contact', method: 'GET', path: CONTACT, operationId: 'get-details-of-a-contact' },
  { field: 'Inbox.contact', method: 'GET', path: CONTACT, operationId: 'get-details-of-a-contact' },
  { field: 'Mutation.updateContact', method: 'PATCH', path: CONTACT, operationId: 'update-a-contact' },
  { field: 'Contact.conversations', method: 'GET', path: `${CONTACT}/conversations`, operationId: 'list-all-contact-conversations' },
  { field: 'Mutation.createConversation', method: 'POST', path: `${CONTACT}/conversations`, operationId: 'create-a-conversation' },
  { field: 'Query.conversation', method: 'GET', path: CONVERSATION, operationId: 'get-single-conversation' },
  { field: 'Contact.conversation', method: 'GET', path: CONVERSATION, operationId: 'get-single-conversation' },
  { field: 'Mutation.resolveConversation', method: 'POST', path: `${CONVERSATION}/toggle_status`, operationId: 'resolve-conversation' },
  { field: 'Mutation.setTypingStatus', method: 'POST', path: `${CONVERSATION}/toggle_typing`, operationId: 'toggle-typing-status' },
  { field: 'Mutation.markConversationSeen', method: 'POST', path: `${CONVERSATION}/update_last_seen`, operationId: 'update-last-seen' },
  { field: 'Conversation.messages', method: 'GET', path: `${CONVERSATION}/messages`, operationId: 'list-all-conversation-messages' },
  { field: 'Mutation.sendMessage', method: 'POST', path: `${CONVERSATION}/messages`, operationId: 'create-a-message' },
  {
    field: 'Mutation.submitMessageResponse',
    method: 'PATCH',
    path: `${CONVERSATION}/messages/{message_id}`,
    operationId: 'update-a-message',
  },
  { field: 'Query.csatSurveyPage', method: 'GET', path: '/survey/responses/{conversation_uuid}', operationId: 'get-csat-survey-page' },
  { field: 'Conversation.csatSurveyPage', method: 'GET', path: '/survey/responses/{conversation_uuid}', operationId: 'get-csat-survey-page' },
];

export const OPERATIONS_TABLE_START = '<!-- operations-table:start (generated from src/graphql/operations.ts; run `npm run docs:operations`) -->';
export const OPERATIONS_TABLE_END = '<!-- operations-table:end -->';

/** The README's operations table, in Markdown. */
export function renderOperationsTable(operations: readonly OperationEntry[] = CLIENT_API_OPERATIONS): string {
  const rows = operations.map((op) => `| \`${op.field}\` | \`${op.method}\` | \`${op.path}\` | \`${op.operationId}\` |`);
  return ['| GraphQL field | Method | Chatwoot path | Chatwoot operationId |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
