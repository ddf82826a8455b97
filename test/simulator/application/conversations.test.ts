import { startSimulator, type Simulator } from '../../../src/simulator';
import type { SimConversation } from '../../../src/simulator/store';
import { ADMIN, AGENT, startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';

/**
 * Conversations through the gateway against the simulator: Chatwoot's visibility (administrator, inbox member, team
 * member, stranger), its pages and tab counts, and the per-conversation actions.
 */

type Page = { nodes: { displayId: number }[]; page: number; perPage: number; totalCount: number | null; hasNextPage: boolean; counts: { mine: number; assigned: number; unassigned: number; all: number } };

describe('account conversations against the simulator', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let inTeam: SimConversation;
  let hidden: SimConversation;
  const STRANGER = { 'api-access-token': 'strangerToken24CharsAbcd' };

  beforeAll(async () => {
    simulator = await startSimulator();
    gateway = await startApplicationGateway(simulator.url);
    const { store, application } = simulator;
    const secure = store.inboxes[1]!;
    const bob = store.findContactBy((c) => c.name === 'Bob Demo')!;
    const link = store.contactInboxes.find((l) => l.contactId === bob.id)!;
    // Inbox 2 has no agent member: one conversation reaches the agent through the support team, one not at all.
    inTeam = store.addConversation(link, { teamId: application.teams[0]!.id });
    hidden = store.addConversation(link);
    void secure;
    application.addUser({ name: 'Stranger', email: 'x@example.com', accessToken: STRANGER['api-access-token'], pubsubToken: 'strangerPubsub24CharsAbc' });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  const list = async (headers: Record<string, string>, args = '') => {
    const result = await gateway.query<{ account: { conversations: Page } }>(
      `{ account(id: 1) { conversations${args} { nodes { displayId } page perPage totalCount hasNextPage counts { mine assigned unassigned all } } } }`,
      {},
      headers,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.account.conversations;
  };

  it('shows an administrator every conversation and an agent those of their inboxes and teams', async () => {
    const admin = await list(ADMIN);
    expect(admin.nodes.map((n) => n.displayId)).toEqual(expect.arrayContaining([1, inTeam.displayId, hidden.displayId]));
    const agent = await list(AGENT);
    expect(agent.nodes.map((n) => n.displayId).sort()).toEqual([1, inTeam.displayId].sort());
    expect(agent.counts.all).toBe(2);
  });

  it('refuses an agent a conversation outside their inboxes and teams with FORBIDDEN, and a stranger the account', async () => {
    const denied = await gateway.query(`{ account(id: 1) { conversation(displayId: ${hidden.displayId}) { displayId } } }`, {}, AGENT);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const seen = await gateway.query(`{ account(id: 1) { conversation(displayId: ${inTeam.displayId}) { displayId status contact { name } } } }`, {}, AGENT);
    expect(seen.data).toEqual({ account: { conversation: { displayId: inTeam.displayId, status: 'OPEN', contact: { name: 'Bob Demo' } } } });
    const stranger = await gateway.query('{ account(id: 1) { conversations { totalCount } } }', {}, STRANGER);
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers null for a conversation that does not exist', async () => {
    const result = await gateway.query('{ account(id: 1) { conversation(displayId: 9999) { displayId } } }', {}, ADMIN);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ account: { conversation: null } });
  });

  it('pages 25 at a time with the tab count as total, and says when the last page is reached', async () => {
    const { store } = simulator;
    const alice = store.contactInboxes[0]!;
    const before = (await list(ADMIN, '(status: ALL)')).counts.all;
    for (let i = 0; i < 30; i++) store.addConversation(alice, { status: 'pending' });
    const first = await list(ADMIN, '(status: PENDING)');
    expect(first).toMatchObject({ page: 1, perPage: 25, totalCount: 30, hasNextPage: true });
    expect(first.nodes).toHaveLength(25);
    const second = await list(ADMIN, '(status: PENDING, page: 2)');
    expect(second).toMatchObject({ page: 2, totalCount: 30, hasNextPage: false });
    expect(second.nodes).toHaveLength(5);
    expect((await list(ADMIN, '(status: ALL)')).counts.all).toBe(before + 30);
  });

  it('refuses a page outside 1..10000 before any call', async () => {
    const result = await gateway.query('{ account(id: 1) { conversations(page: 0) { totalCount } } }', {}, ADMIN);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'page' });
  });

  it('assigns to an agent and a team, counts the tabs, and unassigns', async () => {
    const assign = await gateway.query('mutation { assignConversation(accountId: 1, displayId: 1, agentId: 2) { __typename ... on Agent { id name role } } }', {}, ADMIN);
    expect(assign.data).toEqual({ assignConversation: { __typename: 'Agent', id: '2', name: 'Sam Agent', role: 'AGENT' } });
    const team = await gateway.query('mutation { setConversationTeam(accountId: 1, displayId: 1, teamId: 1) { id name } }', {}, ADMIN);
    expect(team.data).toEqual({ setConversationTeam: { id: '1', name: 'support' } });
    const mine = await list(AGENT, '(assigneeType: ME)');
    expect(mine.nodes.map((n) => n.displayId)).toEqual([1]);
    expect(mine.totalCount).toBe(mine.counts.mine);
    const read = await gateway.query('{ account(id: 1) { conversation(displayId: 1) { assignee { ... on Agent { name } } team { name } } } }', {}, AGENT);
    expect(read.data).toEqual({ account: { conversation: { assignee: { name: 'Sam Agent' }, team: { name: 'support' } } } });
    const cleared = await gateway.query('mutation { assignConversation(accountId: 1, displayId: 1) { __typename } setConversationTeam(accountId: 1, displayId: 1, teamId: null) { id } }', {}, ADMIN);
    expect(cleared.data).toEqual({ assignConversation: null, setConversationTeam: null });
  });

  it('replaces the label set, sets and clears the priority, and toggles the status', async () => {
    const set = await gateway.query('mutation { setConversationLabels(accountId: 1, displayId: 1, labels: ["billing", "vip"]) }', {}, AGENT);
    expect(set.data).toEqual({ setConversationLabels: ['billing', 'vip'] });
    const replaced = await gateway.query('mutation { setConversationLabels(accountId: 1, displayId: 1, labels: ["vip"]) }', {}, AGENT);
    expect(replaced.data).toEqual({ setConversationLabels: ['vip'] });
    const urgent = await gateway.query('mutation { setConversationPriority(accountId: 1, displayId: 1, priority: URGENT) { priority conversation { priority labels } } }', {}, AGENT);
    expect(urgent.data).toEqual({ setConversationPriority: { priority: 'URGENT', conversation: { priority: 'URGENT', labels: ['vip'] } } });
    const none = await gateway.query('mutation { updateAccountConversation(accountId: 1, displayId: 1, priority: null) { priority } }', {}, AGENT);
    expect(none.data).toEqual({ updateAccountConversation: { priority: null } });
    const toggled = await gateway.query('mutation { changeConversationStatus(accountId: 1, displayId: 1) { status success conversation { status } } }', {}, AGENT);
    expect(toggled.data).toEqual({ changeConversationStatus: { status: 'RESOLVED', success: true, conversation: { status: 'RESOLVED' } } });
    const reopened = await gateway.query('mutation { changeConversationStatus(accountId: 1, displayId: 1, status: OPEN) { status } }', {}, AGENT);
    expect(reopened.data).toEqual({ changeConversationStatus: { status: 'OPEN' } });
  });

  it('replaces custom attributes unless asked to merge, and removes them by key', async () => {
    const q = (m: string) => gateway.query(`mutation { ${m} }`, {}, AGENT);
    expect((await q('setConversationCustomAttributes(accountId: 1, displayId: 1, customAttributes: { order: "A-1", plan: "pro" })')).data).toEqual({
      setConversationCustomAttributes: { order: 'A-1', plan: 'pro' },
    });
    expect((await q('setConversationCustomAttributes(accountId: 1, displayId: 1, customAttributes: { plan: "free" })')).data).toEqual({
      setConversationCustomAttributes: { plan: 'free' },
    });
    expect((await q('setConversationCustomAttributes(accountId: 1, displayId: 1, customAttributes: { order: "B-2" }, merge: true)')).data).toEqual({
      setConversationCustomAttributes: { plan: 'free', order: 'B-2' },
    });
    expect((await q('removeConversationCustomAttributes(accountId: 1, displayId: 1, keys: ["plan"])')).data).toEqual({
      removeConversationCustomAttributes: { order: 'B-2' },
    });
  });

  it('filters conversations by typed conditions, and refuses an operator Chatwoot does not allow before any call', async () => {
    const result = await gateway.query<{ account: { filterConversations: { nodes: { displayId: number }[]; totalCount: number; counts: { assigned: number | null } } } }>(
      `{ account(id: 1) { filterConversations(filter: { conditions: [
          { attribute: STATUS, operator: EQUAL_TO, values: ["open"], next: AND },
          { attribute: INBOX_ID, operator: EQUAL_TO, values: ["2"] } ] }) { nodes { displayId } totalCount counts { assigned } } } }`,
      {},
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.account.filterConversations.nodes.map((n) => n.displayId).sort()).toEqual([inTeam.displayId, hidden.displayId].sort());
    expect(result.data!.account.filterConversations).toMatchObject({ totalCount: 2, counts: { assigned: null } });
    const bad = await gateway.query('{ account(id: 1) { filterConversations(filter: { conditions: [{ attribute: CREATED_AT, operator: CONTAINS, values: ["x"] }] }) { totalCount } } }', {}, ADMIN);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.conditions[0].operator' });
  });

  it('opens a conversation by inbox and contact with a first message, and counts it', async () => {
    const created = await gateway.query<{ createAccountConversation: { displayId: number; status: string; lastMessage: { content: string; messageType: string } } }>(
      'mutation { createAccountConversation(accountId: 1, input: { inboxId: 1, contactId: 1, status: PENDING, message: { content: "Hello from the team" } }) { displayId status lastMessage { content messageType } } }',
      {},
      AGENT,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAccountConversation).toMatchObject({ status: 'PENDING', lastMessage: { content: 'Hello from the team', messageType: 'OUTGOING' } });
    const counts = await gateway.query('{ account(id: 1) { conversationCounts(status: PENDING, inboxId: 1) { all } } }', {}, AGENT);
    expect(counts.data).toEqual({ account: { conversationCounts: { all: 31 } } });
  });

  it('refuses reporting events with FORBIDDEN enterprise_only against the community edition', async () => {
    const result = await gateway.query('{ account(id: 1) { conversation(displayId: 1) { reportingEvents { id } } } }', {}, ADMIN);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'enterprise_only' });
  });

  it('sends an agent typing status', async () => {
    const result = await gateway.query('mutation { setAgentTypingStatus(accountId: 1, displayId: 1, status: ON, private: true) { displayId status private } }', {}, AGENT);
    expect(result.data).toEqual({ setAgentTypingStatus: { displayId: 1, status: 'ON', private: true } });
    expect(simulator.store.conversations.find((c) => c.displayId === 1)?.typingStatus).toBe('on');
  });
});

describe('conversation reporting events against an Enterprise simulator', () => {
  it('lists the events of a conversation', async () => {
    const simulator = await startSimulator({ edition: 'enterprise' });
    const gateway = await startApplicationGateway(simulator.url);
    try {
      const result = await gateway.query('{ account(id: 1) { conversation(displayId: 1) { reportingEvents { name } } } }', {}, ADMIN);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ account: { conversation: { reportingEvents: expect.any(Array) } } });
    } finally {
      await gateway.close();
      await simulator.close();
    }
  });
});
