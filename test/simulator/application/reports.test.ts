import { request } from 'undici';
import { type Simulator, startSimulator } from '../../../src/simulator';
import { APPLICATION_DEMO } from '../../../src/simulator/application';
import { ADMIN, AGENT, startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';

/**
 * Reports, audit logs and reporting events against the simulator, through the real gateway: numbers computed from the
 * demo records, Chatwoot's 422s, administrator-only access and the Community/Enterprise edition switch.
 */

/** A range around now: the demo conversation's messages are stamped when the simulator starts. */
function around(now = Date.now()) {
  const day = 86_400_000;
  return { since: new Date(now - day).toISOString(), until: new Date(now + day).toISOString() };
}

async function raw(simulator: Simulator, path: string) {
  const response = await request(`${simulator.url}${path}`, { headers: { 'api-access-token': APPLICATION_DEMO.adminToken } });
  return { status: response.statusCode, text: await response.body.text() };
}

describe('the simulated reports, through the gateway', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startSimulator();
    gateway = await startApplicationGateway(simulator.url);
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  it("computes an administrator's summary, conversation counts and channel summary from the demo conversation", async () => {
    const result = await gateway.query(
      `query ($since: DateTime, $until: DateTime) { account(id: 1) { reports {
        summary(since: $since, until: $until) { conversationsCount incomingMessagesCount outgoingMessagesCount avgFirstResponseTime resolutionsCount }
        conversationCounts { open unattended unassigned }
        byChannel(since: $since, until: $until) { channelType open resolved total }
        byInbox(since: $since, until: $until) { id conversationsCount avgFirstResponseTime }
      } } }`,
      around(),
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      account: {
        reports: {
          // One conversation: the contact's message and one public reply (the private note is not counted).
          summary: { conversationsCount: 1, incomingMessagesCount: 1, outgoingMessagesCount: 1, avgFirstResponseTime: 600, resolutionsCount: 0 },
          conversationCounts: { open: 1, unattended: 0, unassigned: 1 },
          byChannel: [{ channelType: 'API', open: 1, resolved: 0, total: 1 }],
          byInbox: [
            { id: '1', conversationsCount: 1, avgFirstResponseTime: 600 },
            { id: '2', conversationsCount: 0, avgFirstResponseTime: null },
          ],
        },
      },
    });
  });

  it('refuses reports to agents: FORBIDDEN with reason role', async () => {
    const result = await gateway.query('{ account(id: 1) { reports { conversationCounts { open } } } }', {}, AGENT);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
  });

  it('answers BAD_USER_INPUT for a channel summary over more than six months (Chatwoot 422)', async () => {
    const result = await gateway.query('{ account(id: 1) { reports { byChannel(since: "2025-01-01T00:00:00Z", until: "2026-01-01T00:00:00Z") { total } } } }', {}, ADMIN);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: { status: 422 } });
  });

  it('refuses a range that ends before it starts, and a dimension without its id, before any call', async () => {
    const backwards = await gateway.query('{ account(id: 1) { reports { byTeam(since: "2026-02-01T00:00:00Z", until: "2026-01-01T00:00:00Z") { id } } } }', {}, ADMIN);
    expect(backwards.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'since' });
    const noId = await gateway.query('{ account(id: 1) { reports { summary(dimension: INBOX) { conversationsCount } } } }', {}, ADMIN);
    expect(noId.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('serves both spellings of the conversations route, and answers 422 with an empty body without a type', async () => {
    const account = await raw(simulator, '/api/v2/accounts/1/reports/conversations?type=account');
    const agents = await raw(simulator, '/api/v2/accounts/1/reports/conversations/?type=agent');
    expect(JSON.parse(account.text)).toEqual({ open: 1, unattended: 0, unassigned: 1, pending: 0 });
    expect(JSON.parse(agents.text)).toHaveLength(2);
    expect(await raw(simulator, '/api/v2/accounts/1/reports/conversations/')).toEqual({ status: 422, text: '' });
    expect(await raw(simulator, '/api/v2/accounts/1/reports/outgoing_messages_count?group_by=planet')).toEqual({ status: 422, text: '' });
  });

  it("counts each agent's outgoing messages and lists agents' conversation counts", async () => {
    const result = await gateway.query(
      `query ($since: DateTime, $until: DateTime) { account(id: 1) { reports {
        outgoingMessagesCount(groupBy: AGENT, since: $since, until: $until) { id name outgoingMessagesCount }
        agentConversationCounts(userId: 2) { id name open }
      } } }`,
      around(),
      ADMIN,
    );
    expect(result.data).toEqual({
      account: {
        reports: {
          outgoingMessagesCount: [
            { id: '1', name: 'Ada Admin', outgoingMessagesCount: 1 },
            { id: '2', name: 'Sam Agent', outgoingMessagesCount: 0 },
          ],
          agentConversationCounts: [{ id: '2', name: 'Sam Agent', open: 0 }],
        },
      },
    });
  });
});

describe('the simulator edition switch for Enterprise-only routes', () => {
  it('answers FORBIDDEN enterprise_only for audit logs and reporting events from a Community Chatwoot', async () => {
    const simulator = await startSimulator();
    const gateway = await startApplicationGateway(simulator.url);
    try {
      expect(await raw(simulator, '/api/v1/accounts/1/conversations/1/reporting_events')).toEqual({ status: 404, text: '{"status":404,"error":"Not Found"}' });
      for (const field of ['auditLogs', 'reportingEvents']) {
        const result = await gateway.query(`{ account(id: 1) { ${field} { totalCount } } }`, {}, ADMIN);
        expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.reason])).toEqual([
          [`account.${field}`, 'FORBIDDEN', 'enterprise_only'],
        ]);
        expect(result.errors?.[0]?.message).toContain('Chatwoot Enterprise only');
      }
    } finally {
      await gateway.close();
      await simulator.close();
    }
  });

  describe('in the Enterprise edition', () => {
    let simulator: Simulator;
    let gateway: TestGateway;
    beforeAll(async () => {
      simulator = await startSimulator({ edition: 'enterprise' });
      gateway = await startApplicationGateway(simulator.url);
    });
    afterAll(async () => {
      await gateway.close();
      await simulator.close();
    });

    it('tells an unknown account (NOT_FOUND) from a missing route', async () => {
      const result = await gateway.query('{ account(id: 99) { auditLogs { totalCount } } }', {}, ADMIN);
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('answers an empty audit log while the feature is off, then the changes, newest first, without secrets', async () => {
      const document = '{ account(id: 1) { auditLogs { page perPage totalCount hasNextPage nodes { action auditableType auditedChanges } } } }';
      const created = await gateway.query('mutation { createWebhook(accountId: 1, input: { url: "https://audit.example/h" }) { id } }', {}, ADMIN);
      expect(created.errors).toBeUndefined();
      const off = await gateway.query(document, {}, ADMIN);
      expect(off.data).toEqual({ account: { auditLogs: { page: 1, perPage: 25, totalCount: 0, hasNextPage: false, nodes: [] } } });

      simulator.application.accounts.get(1)!.features.audit_logs = true;
      const on = await gateway.query<{ account: { auditLogs: { totalCount: number; nodes: { action: string; auditableType: string; auditedChanges: Record<string, unknown> }[] } } }>(document, {}, ADMIN);
      expect(on.data!.account.auditLogs.nodes[0]).toEqual({
        action: 'create',
        auditableType: 'Webhook',
        auditedChanges: { url: 'https://audit.example/h', subscriptions: expect.any(Array) },
      });
      const secret = simulator.application.administration.webhooks[0]!.secret;
      expect(on.text).not.toContain(secret);
      const agent = await gateway.query(document, {}, AGENT);
      expect(agent.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
    });

    it("serves a conversation's reporting events as a bare array, and 404 for an unknown conversation", async () => {
      const events = await raw(simulator, '/api/v1/accounts/1/conversations/1/reporting_events');
      expect(JSON.parse(events.text)).toEqual([expect.objectContaining({ name: 'first_response', value: 600, conversation_id: 1, inbox_id: 1, user_id: 1 })]);
      expect((await raw(simulator, '/api/v1/accounts/1/conversations/999/reporting_events')).status).toBe(404);
    });

    it('pages reporting events 25 at a time and filters them by name', async () => {
      const link = simulator.store.contactInboxes[0]!;
      for (let i = 0; i < 30; i++) {
        const conversation = simulator.store.addConversation(link, { status: 'resolved' });
        simulator.store.addMessage(conversation, { content: `question ${i}` });
        simulator.store.addMessage(conversation, { messageType: 1, content: `answer ${i}`, sender: { type: 'user', id: 1, name: 'Ada' } });
      }
      const page = (n: number, name = '') =>
        gateway.query<{ account: { reportingEvents: { page: number; totalCount: number; totalPages: number; hasNextPage: boolean; nodes: { name: string }[] } } }>(
          `{ account(id: 1) { reportingEvents(page: ${n}${name}) { page totalCount totalPages hasNextPage nodes { name } } } }`,
          {},
          ADMIN,
        );
      // 31 first responses (the demo conversation and 30 more) and 30 resolutions.
      const first = await page(1);
      expect(first.data!.account.reportingEvents).toMatchObject({ page: 1, totalCount: 61, totalPages: 3, hasNextPage: true });
      expect(first.data!.account.reportingEvents.nodes).toHaveLength(25);
      const last = await page(3);
      expect(last.data!.account.reportingEvents).toMatchObject({ page: 3, hasNextPage: false });
      expect(last.data!.account.reportingEvents.nodes).toHaveLength(11);
      const resolved = await page(1, ', name: CONVERSATION_RESOLVED');
      expect(resolved.data!.account.reportingEvents.totalCount).toBe(30);
      expect(new Set(resolved.data!.account.reportingEvents.nodes.map((n) => n.name))).toEqual(new Set(['conversation_resolved']));
    });
  });
});
