import { CONTACT, INBOX } from './clientApi';

/**
 * One GraphQL operation per Client API field, with the upstream request it must produce against the recording fake
 * (clientApiHandler). Shared by the per-operation tests and the contract test, so both cover every field.
 */
export interface Scenario {
  /** The field of src/graphql/operations.ts this exercises. */
  readonly field: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** The last upstream request the operation sends. */
  readonly request: { method: string; path: string; query: string; body: unknown };
}

const C = `/public/api/v1/inboxes/${INBOX}/contacts/${CONTACT}`;
const ADDR = `inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}"`;

export const SCENARIOS: readonly Scenario[] = [
  {
    field: 'Query.inbox',
    query: `{ inbox(identifier: "${INBOX}") { identifier name } }`,
    request: { method: 'GET', path: `/public/api/v1/inboxes/${INBOX}`, query: '', body: undefined },
  },
  {
    field: 'Mutation.createContact',
    query: `mutation($input: CreateContactInput!) { createContact(inboxIdentifier: "${INBOX}", input: $input) { id sourceId } }`,
    variables: { input: { sourceId: 'src-9', identifier: 'user-9', name: 'Neo', email: 'neo@example.com', phoneNumber: '+14155550199', customAttributes: { plan: 'trial' } } },
    request: {
      method: 'POST',
      path: `/public/api/v1/inboxes/${INBOX}/contacts`,
      query: '',
      body: { source_id: 'src-9', identifier: 'user-9', email: 'neo@example.com', name: 'Neo', phone_number: '+14155550199', custom_attributes: { plan: 'trial' } },
    },
  },
  {
    field: 'Query.contact',
    query: `{ contact(${ADDR}) { id } }`,
    request: { method: 'GET', path: C, query: '', body: undefined },
  },
  {
    field: 'Inbox.contact',
    query: `{ inbox(identifier: "${INBOX}") { contact(identifier: "${CONTACT}", identity: { identifier: "user-77", identifierHash: "${'a'.repeat(64)}" }) { id } } }`,
    request: { method: 'GET', path: C, query: `?identifier=user-77&identifier_hash=${'a'.repeat(64)}`, body: undefined },
  },
  {
    field: 'Mutation.updateContact',
    query: `mutation { updateContact(${ADDR}, input: { name: "Alice B" }) { id } }`,
    request: { method: 'PATCH', path: C, query: '', body: { name: 'Alice B' } },
  },
  {
    field: 'Contact.conversations',
    query: `{ contact(${ADDR}) { conversations { displayId } } }`,
    request: { method: 'GET', path: `${C}/conversations`, query: '', body: undefined },
  },
  {
    field: 'Mutation.createConversation',
    query: `mutation { createConversation(${ADDR}, input: { customAttributes: { topic: "billing" } }) { displayId } }`,
    request: { method: 'POST', path: `${C}/conversations`, query: '', body: { custom_attributes: { topic: 'billing' } } },
  },
  {
    field: 'Query.conversation',
    query: `{ conversation(${ADDR}, displayId: 7) { displayId } }`,
    request: { method: 'GET', path: `${C}/conversations/7`, query: '', body: undefined },
  },
  {
    field: 'Contact.conversation',
    query: `{ contact(${ADDR}) { conversation(displayId: 8) { displayId } } }`,
    request: { method: 'GET', path: `${C}/conversations/8`, query: '', body: undefined },
  },
  {
    field: 'Mutation.resolveConversation',
    query: `mutation { resolveConversation(${ADDR}, displayId: 7) { displayId status } }`,
    request: { method: 'POST', path: `${C}/conversations/7/toggle_status`, query: '', body: undefined },
  },
  {
    field: 'Mutation.setTypingStatus',
    query: `mutation { setTypingStatus(${ADDR}, displayId: 7, status: ON) { status displayId } }`,
    request: { method: 'POST', path: `${C}/conversations/7/toggle_typing`, query: '?typing_status=on', body: { typing_status: 'on' } },
  },
  {
    field: 'Mutation.markConversationSeen',
    query: `mutation { markConversationSeen(${ADDR}, displayId: 7) { displayId } }`,
    request: { method: 'POST', path: `${C}/conversations/7/update_last_seen`, query: '', body: undefined },
  },
  {
    field: 'Conversation.messages',
    query: `{ conversation(${ADDR}, displayId: 7) { messages(before: "120") { id } } }`,
    request: { method: 'GET', path: `${C}/conversations/7/messages`, query: '?before=120', body: undefined },
  },
  {
    field: 'Mutation.sendMessage',
    query: `mutation { sendMessage(${ADDR}, displayId: 7, input: { content: "Hello", echoId: "echo-1" }) { id content } }`,
    request: { method: 'POST', path: `${C}/conversations/7/messages`, query: '', body: { content: 'Hello', echo_id: 'echo-1' } },
  },
  {
    field: 'Mutation.submitMessageResponse',
    query: `mutation { submitMessageResponse(${ADDR}, displayId: 7, messageId: "55", input: { csatSurveyResponse: { rating: 5, feedbackMessage: "Great" } }) { id } }`,
    request: {
      method: 'PATCH',
      path: `${C}/conversations/7/messages/55`,
      query: '',
      body: { submitted_values: { csat_survey_response: { rating: 5, feedback_message: 'Great' } } },
    },
  },
  {
    field: 'Query.csatSurveyPage',
    query: `{ csatSurveyPage(conversationUuid: "5d1e6b6a-0c8e-4d7e-9a51-1d2f3c4b5a69") { url } }`,
    request: { method: 'GET', path: '/survey/responses/5d1e6b6a-0c8e-4d7e-9a51-1d2f3c4b5a69', query: '', body: undefined },
  },
  {
    field: 'Conversation.csatSurveyPage',
    query: `{ conversation(${ADDR}, displayId: 7) { csatSurveyPage { url } } }`,
    request: { method: 'GET', path: '/survey/responses/00000000-0000-4000-8000-000000000007', query: '', body: undefined },
  },
];
