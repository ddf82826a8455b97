import { MESSAGE } from './conversations';
import type { RequestScenario } from './types';

const ref = (selection: string) => `{ _entities(representations: [{ __typename: "AccountConversation", accountId: "3", displayId: 7 }]) { ... on AccountConversation { ${selection} } } }`;
const WINDOW = 'messages { nodes { id content messageType private } hasOlder oldestId newestId }';

export const messageScenarios: RequestScenario[] = [
  {
    field: 'AccountConversation.messages',
    document: ref(WINDOW),
    reply: { body: { meta: { labels: [] }, payload: [MESSAGE, { ...MESSAGE, id: 102, content: 'note', private: true }] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/conversations/7/messages' },
    data: {
      _entities: [
        {
          messages: {
            nodes: [
              { id: '101', content: 'Hello', messageType: 'OUTGOING', private: false },
              { id: '102', content: 'note', messageType: 'OUTGOING', private: true },
            ],
            hasOlder: false,
            oldestId: '101',
            newestId: '102',
          },
        },
      ],
    },
  },
  {
    field: 'AccountConversation.messages',
    document: ref('messages(before: 200, after: 100) { oldestId }'),
    reply: { body: { meta: {}, payload: [MESSAGE] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/conversations/7/messages', query: '?before=200&after=100' },
    data: { _entities: [{ messages: { oldestId: '101' } }] },
  },
  {
    field: 'Mutation.createConversationMessage',
    document: `mutation { createConversationMessage(accountId: 3, displayId: 7, input: { content: "Hello", private: true, messageType: OUTGOING,
        contentType: INPUT_SELECT, contentAttributes: { items: [{ title: "Yes", value: "yes" }] }, echoId: "e-1" }) { id content } }`,
    reply: { body: MESSAGE },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/conversations/7/messages',
      body: { content: 'Hello', message_type: 'outgoing', private: true, content_type: 'input_select', content_attributes: { items: [{ title: 'Yes', value: 'yes' }] }, echo_id: 'e-1' },
    },
    data: { createConversationMessage: { id: '101', content: 'Hello' } },
  },
  {
    field: 'Mutation.deleteConversationMessage',
    document: 'mutation { deleteConversationMessage(accountId: 3, displayId: 7, messageId: 101) { id content contentAttributes } }',
    reply: { body: { ...MESSAGE, content: 'This message was deleted', content_attributes: { deleted: true } } },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/conversations/7/messages/101' },
    data: { deleteConversationMessage: { id: '101', content: 'This message was deleted', contentAttributes: { deleted: true } } },
  },
];
