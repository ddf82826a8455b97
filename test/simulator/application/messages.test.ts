import { fetch } from 'undici';
import { AGENT, useApplicationSimulator } from '../../support/application';
import { postUpload } from '../../support/uploads';

/**
 * Messages through the Application API against the simulator, over the records the Client API serves: what an agent
 * writes the contact reads, and the other way round; JSON and multipart creates; deletes; windows by id.
 */

type Window = { nodes: { id: string; content: string; private: boolean; messageType: string }[]; hasOlder: boolean; oldestId: string; newestId: string };

describe('account messages against the simulator', () => {
  const app = useApplicationSimulator();

  const clientAddress = () => `inboxIdentifier: "${app.simulator.demo.inboxIdentifier}", contactIdentifier: "${app.simulator.demo.contactIdentifier}"`;
  const agentWindow = async (args = '') => {
    const result = await app.gateway.query<{ account: { conversation: { messages: Window } } }>(
      `{ account(id: 1) { conversation(displayId: 1) { messages${args} { nodes { id content private messageType } hasOlder oldestId newestId } } } }`,
      {},
      AGENT,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.account.conversation.messages;
  };

  it("shows an agent's reply to the contact, and the contact's message to the agent; private notes stay with agents", async () => {
    const reply = await app.gateway.query('mutation { createConversationMessage(accountId: 1, displayId: 1, input: { content: "We are on it" }) { content messageType private } }', {}, AGENT);
    expect(reply.data).toEqual({ createConversationMessage: { content: 'We are on it', messageType: 'OUTGOING', private: false } });
    await app.gateway.query('mutation { createConversationMessage(accountId: 1, displayId: 1, input: { content: "internal: refund approved", private: true }) { id } }', {}, AGENT);
    const sent = await app.gateway.query(`mutation { sendMessage(${clientAddress()}, displayId: 1, input: { content: "Thanks!" }) { id } }`);
    expect(sent.errors).toBeUndefined();

    const contactSees = await app.gateway.query<{ conversation: { messages: { content: string }[] } }>(`{ conversation(${clientAddress()}, displayId: 1) { messages { content } } }`);
    const contents = contactSees.data!.conversation.messages.map((m) => m.content);
    expect(contents).toEqual(expect.arrayContaining(['We are on it', 'Thanks!']));
    expect(contents).not.toContain('internal: refund approved');

    const agentSees = (await agentWindow()).nodes;
    expect(agentSees.slice(-3).map((m) => [m.content, m.messageType, m.private])).toEqual([
      ['We are on it', 'OUTGOING', false],
      ['internal: refund approved', 'OUTGOING', true],
      ['Thanks!', 'INCOMING', false],
    ]);
  });

  it('pages by message id: the latest 20, then the ones before the oldest', async () => {
    const conversation = app.simulator.store.conversations[0]!;
    for (let i = 0; i < 25; i++) app.simulator.store.addMessage(conversation, { content: `bulk ${i}`, messageType: 1 });
    const latest = await agentWindow();
    expect(latest.nodes).toHaveLength(20);
    expect(latest).toMatchObject({ hasOlder: true, newestId: latest.nodes[19]!.id, oldestId: latest.nodes[0]!.id });
    const older = await agentWindow(`(before: ${latest.oldestId})`);
    expect(Number(older.newestId)).toBeLessThan(Number(latest.oldestId));
    const after = await agentWindow(`(after: ${older.newestId})`);
    expect(after.nodes[0]!.id).toBe(latest.oldestId);
    expect(after.hasOlder).toBe(false);
  });

  it('sends files as multipart and deletes a message by blanking it and removing its files', async () => {
    const sent = await postUpload(
      app.gateway.url,
      {
        query: 'mutation($input: CreateConversationMessageInput!) { createConversationMessage(accountId: 1, displayId: 1, input: $input) { id content attachments { fileType dataUrl fileSize } } }',
        variables: { input: { content: 'Your invoice', attachments: [null] } },
      },
      [{ name: 'invoice.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 fake') }],
      ['variables.input.attachments.0'],
      { headers: { 'apollo-require-preflight': 'true', ...AGENT } },
    );
    expect(sent.body.errors).toBeUndefined();
    const message = (sent.body.data as { createConversationMessage: { id: string; attachments: { dataUrl: string; fileSize: number }[] } }).createConversationMessage;
    expect(message.attachments).toEqual([{ fileType: 'file', dataUrl: expect.stringMatching(/invoice\.pdf$/), fileSize: 13 }]);
    expect(Buffer.from(await (await fetch(message.attachments[0]!.dataUrl)).arrayBuffer()).toString()).toBe('%PDF-1.4 fake');

    const deleted = await app.gateway.query(`mutation { deleteConversationMessage(accountId: 1, displayId: 1, messageId: ${message.id}) { id content contentAttributes attachments { id } } }`, {}, AGENT);
    expect(deleted.data).toEqual({ deleteConversationMessage: { id: message.id, content: 'This message was deleted', contentAttributes: { deleted: true }, attachments: [] } });
  });

  it('refuses a blank message without files before any call', async () => {
    const result = await app.gateway.query('mutation { createConversationMessage(accountId: 1, displayId: 1, input: { content: "  " }) { id } }', {}, AGENT);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
  });
});
