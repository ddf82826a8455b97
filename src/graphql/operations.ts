import type { ChatwootApi } from '../chatwoot/operation';
import type { OperationEntry } from './fieldBinding';
import { APPLICATION_FIELD_OPERATIONS } from './resolvers/application/fields';
import { PLATFORM_FIELD_OPERATIONS } from './resolvers/platform';

export type { OperationEntry } from './fieldBinding';

/**
 * Which GraphQL field calls which Chatwoot endpoint, with the credential it carries. This list is the single source of
 * the README's operations tables (test/docs/operationsTable.test.ts renders them and compares), of the coverage test
 * (every official operation mapped), and of the contract tests, which check that the requests the gateway records
 * match the method and path given here and the OpenAPI document.
 */

const INBOX = '/public/api/v1/inboxes/{inbox_identifier}';
const CONTACT = `${INBOX}/contacts/{contact_identifier}`;
const CONVERSATION = `${CONTACT}/conversations/{conversation_id}`;

/** The Client API's fields: no token of the caller's is needed (Chatwoot ignores it there). */
const CLIENT = { api: 'CLIENT', credential: 'NONE', role: 'NONE' } as const;

export const CLIENT_API_OPERATIONS: readonly OperationEntry[] = ([
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
] as const).map((entry) => ({ ...entry, ...CLIENT }));

/** Every field that calls Chatwoot, over all APIs. */
export const ALL_OPERATIONS: readonly OperationEntry[] = [...CLIENT_API_OPERATIONS, ...APPLICATION_FIELD_OPERATIONS, ...PLATFORM_FIELD_OPERATIONS];

export const OPERATIONS_TABLE_START = '<!-- operations-table:start (generated from src/graphql/operations.ts; run `npm run docs:operations`) -->';
export const OPERATIONS_TABLE_END = '<!-- operations-table:end -->';

const API_TITLES: Record<ChatwootApi, string> = {
  CLIENT: 'Client API (contact-facing, no token)',
  APPLICATION: "Application API (the caller's own user token)",
  PLATFORM: 'Platform API (the server-held Platform App token, service principals only)',
  OTHER: 'Other',
};

/** The README's operations tables, one per API, in Markdown. */
export function renderOperationsTable(operations: readonly OperationEntry[] = ALL_OPERATIONS): string {
  const sections: string[] = [];
  for (const api of ['CLIENT', 'APPLICATION', 'PLATFORM', 'OTHER'] as const) {
    const entries = operations.filter((op) => op.api === api);
    if (entries.length === 0) continue;
    const rows = entries.map(
      (op) => `| \`${op.field}\` | \`${op.method}\` | \`${op.path}\` | \`${op.operationId}\` | ${op.credential} | ${op.role} |`,
    );
    sections.push(
      [
        `**${API_TITLES[api]}**: ${entries.length} fields`,
        '',
        '| GraphQL field | Method | Chatwoot path | Chatwoot operationId | Credential | Role |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  }
  return sections.join('\n\n');
}
