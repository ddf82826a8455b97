import { useGatewayWithFakeChatwoot } from '../support/harness';
import { CONTACT, clientApiHandler, INBOX, messageJson } from '../support/clientApi';

const ADDR = `inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}"`;
const MESSAGES = `/public/api/v1/inboxes/${INBOX}/contacts/${CONTACT}/conversations/7/messages`;

describe('messages', () => {
  const harness = useGatewayWithFakeChatwoot({}, () => clientApiHandler());

  it.each([
    [0, 'INCOMING'],
    [1, 'OUTGOING'],
    [2, 'ACTIVITY'],
    [3, 'TEMPLATE'],
  ])('maps message_type %i to %s', async (type, name) => {
    harness.chatwoot.reply((r) => (r.path === MESSAGES ? { body: [messageJson(5, 7, { message_type: type })] } : clientApiHandler()(r)));
    const result = await harness.gateway.query(`{ conversation(${ADDR}, displayId: 7) { messages { messageType } } }`);
    expect(result.data).toEqual({ conversation: { messages: [{ messageType: name }] } });
  });

  it('maps a message with its sender and attachments, and an absent sender or attachments as null and []', async () => {
    harness.chatwoot.reply((r) =>
      r.path === MESSAGES
        ? {
            body: [
              messageJson(5, 7, {
                content: null,
                sender: { id: 3, name: 'Dana', available_name: 'Dana S.', avatar_url: 'https://x.example/a.png', type: 'user' },
                attachments: [{ id: 11, message_id: 5, file_type: 'image', account_id: 1, extension: null, data_url: 'https://x.example/f.png', thumb_url: 'https://x.example/t.png', file_size: 1234, width: 10, height: 20 }],
              }),
              { id: 6, content: 'plain', message_type: 0, content_type: 'text', content_attributes: {}, created_at: 1_785_000_006, conversation_id: 7 },
            ],
          }
        : clientApiHandler()(r),
    );
    const result = await harness.gateway.query(`{ conversation(${ADDR}, displayId: 7) { messages {
      id content contentType contentAttributes createdAt conversationDisplayId
      sender { id type name avatarUrl }
      attachments { id fileType extension dataUrl thumbUrl fileSize width height }
    } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      conversation: {
        messages: [
          {
            id: '5',
            content: null,
            contentType: 'text',
            contentAttributes: {},
            createdAt: new Date(1_785_000_005 * 1000).toISOString(),
            conversationDisplayId: 7,
            sender: { id: '3', type: 'user', name: 'Dana S.', avatarUrl: 'https://x.example/a.png' },
            attachments: [{ id: '11', fileType: 'image', extension: null, dataUrl: 'https://x.example/f.png', thumbUrl: 'https://x.example/t.png', fileSize: 1234, width: 10, height: 20 }],
          },
          {
            id: '6',
            content: 'plain',
            contentType: 'text',
            contentAttributes: {},
            createdAt: new Date(1_785_000_006 * 1000).toISOString(),
            conversationDisplayId: 7,
            sender: null,
            attachments: [],
          },
        ],
      },
    });
  });

  it('sends a message and returns it; echoId is left out when not given', async () => {
    const result = await harness.gateway.query(`mutation { sendMessage(${ADDR}, displayId: 7, input: { content: "Hi there" }) { id content messageType } }`);
    expect(result.data).toEqual({ sendMessage: { id: '99', content: 'Hi there', messageType: 'INCOMING' } });
    expect(harness.chatwoot.last().json).toEqual({ content: 'Hi there' });
  });

  it('refuses blank message content with BAD_USER_INPUT, without calling Chatwoot', async () => {
    const result = await harness.gateway.query(`mutation { sendMessage(${ADDR}, displayId: 7, input: { content: "   " }) { id } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('submits a form answer with only the fields set and returns the updated message', async () => {
    const result = await harness.gateway.query(
      `mutation { submitMessageResponse(${ADDR}, displayId: 7, messageId: "55", input: { name: "email", value: "a@b.co" }) { id contentAttributes } }`,
    );
    expect(harness.chatwoot.last().json).toEqual({ submitted_values: { name: 'email', value: 'a@b.co' } });
    expect(result.data).toEqual({
      submitMessageResponse: { id: '55', contentAttributes: { submitted_values: { name: 'email', value: 'a@b.co' } } },
    });
  });

  it.each([
    ['a rating of 0', `{ csatSurveyResponse: { rating: 0 } }`, 'csatSurveyResponse.rating'],
    ['a rating of 6', `{ csatSurveyResponse: { rating: 6 } }`, 'csatSurveyResponse.rating'],
    ['an empty answer', `{}`, 'input'],
  ])('refuses %s with BAD_USER_INPUT, without calling Chatwoot', async (_name, input, field) => {
    const result = await harness.gateway.query(`mutation { submitMessageResponse(${ADDR}, displayId: 7, messageId: "55", input: ${input}) { id } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it.each(['abc', '0', '-1', '1.5'])('refuses the message id %p with BAD_USER_INPUT', async (messageId) => {
    const result = await harness.gateway.query(
      `mutation($id: ID!) { submitMessageResponse(${ADDR}, displayId: 7, messageId: $id, input: { value: "x" }) { id } }`,
      { id: messageId },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'messageId' });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses a non-numeric before cursor with BAD_USER_INPUT', async () => {
    const result = await harness.gateway.query(`{ conversation(${ADDR}, displayId: 7) { messages(before: "../x") { id } } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    expect(harness.chatwoot.requests.map((r) => r.path)).not.toContain(MESSAGES);
  });

  it('reports the 14-day CSAT refusal as BAD_USER_INPUT with Chatwoot\'s reason', async () => {
    harness.chatwoot.reply(() => ({ status: 422, body: { error: 'You cannot update the CSAT survey after 14 days' } }));
    const result = await harness.gateway.query(
      `mutation { submitMessageResponse(${ADDR}, displayId: 7, messageId: "55", input: { csatSurveyResponse: { rating: 4 } }) { id } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('You cannot update the CSAT survey after 14 days');
  });

  it.each([
    ['sendMessage', `mutation { sendMessage(${ADDR}, displayId: 70, input: { content: "x" }) { id } }`],
    ['submitMessageResponse', `mutation { submitMessageResponse(${ADDR}, displayId: 7, messageId: "404", input: { value: "x" }) { id } }`],
  ])('%s reports NOT_FOUND for an unknown conversation or message', async (_field, query) => {
    harness.chatwoot.reply(() => ({ status: 404, body: { status: 404, error: 'Not Found' } }));
    const result = await harness.gateway.query(query);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reports NOT_FOUND on the messages field when listing messages of an unknown conversation fails', async () => {
    harness.chatwoot.reply((r) => (r.path === MESSAGES ? { status: 404, body: { status: 404, error: 'Not Found' } } : clientApiHandler()(r)));
    const result = await harness.gateway.query(`{ conversation(${ADDR}, displayId: 7) { displayId messages { id } } }`);
    expect(result.data).toEqual({ conversation: null });
    expect(result.errors?.[0]).toMatchObject({ path: ['conversation', 'messages'], extensions: { code: 'NOT_FOUND' } });
  });
});
