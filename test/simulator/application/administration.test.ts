import { request } from 'undici';
import { type Simulator, startSimulator } from '../../../src/simulator';
import { APPLICATION_DEMO } from '../../../src/simulator/application';
import { ADMIN, AGENT, startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';

/**
 * Automation rules, webhooks, integrations and the help center against the simulator, through the real gateway:
 * who may do what, Chatwoot's wrapper shapes, validation answers and the slug addressing of portals.
 */

const RULE_INPUT = `{ name: "Tag VIPs", eventName: CONVERSATION_OPENED,
  conditions: [{ attributeKey: "email", filterOperator: "contains", values: ["@vip.example"] }],
  actions: [{ actionName: "add_label", actionParams: ["vip"] }] }`;

describe('the simulated administration API, through the gateway', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeEach(async () => {
    simulator = await startSimulator();
    gateway = await startApplicationGateway(simulator.url);
  });
  afterEach(async () => {
    await gateway.close();
    await simulator.close();
  });

  /** Chatwoot's raw answer, read around the gateway, to check the wrapper shapes the decoders rely on. */
  async function raw(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
    const response = await request(`${simulator.url}/api/v1/accounts/1${path}`, {
      method,
      headers: { 'api-access-token': APPLICATION_DEMO.adminToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  describe('administrator-only operations refuse agents with FORBIDDEN reason role', () => {
    const documents: [string, string][] = [
      ['Account.automationRules', '{ account(id: 1) { automationRules { id } } }'],
      ['Mutation.createAutomationRule', `mutation { createAutomationRule(accountId: 1, input: ${RULE_INPUT}) { id } }`],
      ['Account.webhooks', '{ account(id: 1) { webhooks { id } } }'],
      ['Mutation.createWebhook', 'mutation { createWebhook(accountId: 1, input: { url: "https://crm.example/h", subscriptions: [MESSAGE_CREATED] }) { id } }'],
      ['Mutation.createIntegrationHook', 'mutation { createIntegrationHook(accountId: 1, input: { appId: "openai", settings: { api_key: "k" } }) { id } }'],
      ['Mutation.createPortal', 'mutation { createPortal(accountId: 1, input: { name: "Docs", slug: "docs" }) { id } }'],
      ['Mutation.updatePortal', 'mutation { updatePortal(accountId: 1, slug: "help", input: { name: "Mine" }) { id } }'],
      ['Mutation.createHelpCenterArticle', 'mutation { createHelpCenterArticle(accountId: 1, portalSlug: "help", input: { title: "T" }) { id } }'],
      ['Mutation.createHelpCenterCategory', 'mutation { createHelpCenterCategory(accountId: 1, portalSlug: "help", input: { name: "C", slug: "c" }) { id } }'],
    ];
    it.each(documents)('%s', async (_field, document) => {
      const result = await gateway.query(document, {}, AGENT);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role', upstream: { status: 401 } });
      const asAdmin = await gateway.query(document, {}, ADMIN);
      expect(asAdmin.errors).toBeUndefined();
    });
  });

  it('creates, reads, changes and deletes an automation rule; Chatwoot wraps every answer but create', async () => {
    const created = await gateway.query<{ createAutomationRule: { id: string; eventName: string; conditions: unknown[] } }>(
      `mutation { createAutomationRule(accountId: 1, input: ${RULE_INPUT}) { id eventName conditions { attributeKey values } } }`,
      {},
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createAutomationRule.id;
    expect(created.data!.createAutomationRule).toEqual({ id, eventName: 'CONVERSATION_OPENED', conditions: [{ attributeKey: 'email', values: ['@vip.example'] }] });

    expect((await raw('GET', `/automation_rules/${id}`)).body).toEqual({ payload: expect.objectContaining({ id: Number(id) }) });
    expect((await raw('GET', '/automation_rules')).body).toEqual({ payload: [expect.objectContaining({ id: Number(id) })] });

    const updated = await gateway.query(`mutation { updateAutomationRule(accountId: 1, id: ${id}, input: { active: false }) { active name } }`, {}, ADMIN);
    expect(updated.data).toEqual({ updateAutomationRule: { active: false, name: 'Tag VIPs' } });
    const deleted = await gateway.query(`mutation { deleteAutomationRule(accountId: 1, id: ${id}) { id deleted } }`, {}, ADMIN);
    expect(deleted.data).toEqual({ deleteAutomationRule: { id, deleted: true } });
    const gone = await gateway.query(`{ account(id: 1) { automationRule(id: ${id}) { id } } }`, {}, ADMIN);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers BAD_USER_INPUT naming the field for an unsupported automation condition', async () => {
    const result = await gateway.query(
      'mutation { createAutomationRule(accountId: 1, input: { name: "x", eventName: MESSAGE_CREATED, conditions: [{ attributeKey: "shoe_size", filterOperator: "equal_to", values: [42] }], actions: [{ actionName: "add_label", actionParams: ["vip"] }] }) { id } }',
      {},
      ADMIN,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: ['conditions'] });
    expect(result.errors?.[0]?.message).toContain('shoe_size');
  });

  it('keeps webhooks under payload.webhooks / payload.webhook and shows whether there is a secret, never the secret', async () => {
    const created = await gateway.query<{ createWebhook: { id: string; hasSecret: boolean; subscriptions: string[]; inbox: { id: string } } }>(
      'mutation { createWebhook(accountId: 1, input: { url: "https://crm.example/hooks", name: "CRM", subscriptions: [INBOX_CREATED, MESSAGE_CREATED], inboxId: 1 }) { id hasSecret subscriptions inbox { id name } } }',
      {},
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createWebhook).toMatchObject({ hasSecret: true, subscriptions: ['INBOX_CREATED', 'MESSAGE_CREATED'], inbox: { id: '1' } });
    const listed = await raw('GET', '/webhooks');
    const [stored] = (listed.body as { payload: { webhooks: { secret: string }[] } }).payload.webhooks;
    expect(stored!.secret.length).toBeGreaterThan(10);

    const read = await gateway.query('{ account(id: 1) { webhooks { id url hasSecret } } }', {}, ADMIN);
    expect(read.data).toEqual({ account: { webhooks: [{ id: created.data!.createWebhook.id, url: 'https://crm.example/hooks', hasSecret: true }] } });
    expect(read.text + created.text).not.toContain(stored!.secret);
  });

  it('refuses a webhook URL twice in an account, and a malformed one before any call', async () => {
    const make = () => gateway.query('mutation { createWebhook(accountId: 1, input: { url: "https://crm.example/same" }) { id } }', {}, ADMIN);
    expect((await make()).errors).toBeUndefined();
    expect((await make()).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: ['url'] });
    const malformed = await gateway.query('mutation { createWebhook(accountId: 1, input: { url: "ftp://crm.example" }) { id } }', {}, ADMIN);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(malformed.errors?.[0]?.extensions?.upstream).toBeUndefined();
  });

  it('answers 422 for subscriptions outside the twelve webhook events', async () => {
    const refused = await raw('POST', '/webhooks', { url: 'https://crm.example/x', subscriptions: ['message_created', 'payment_received'] });
    expect(refused).toEqual({ status: 422, body: { message: 'Subscriptions Invalid events', attributes: ['subscriptions'] } });
  });

  it('deletes a webhook (Chatwoot answers 200 with no body) and it is gone', async () => {
    const created = await gateway.query<{ createWebhook: { id: string } }>('mutation { createWebhook(accountId: 1, input: { url: "https://a.example/x" }) { id } }', {}, ADMIN);
    const id = created.data!.createWebhook.id;
    expect((await raw('DELETE', `/webhooks/${id}`)).body).toBeUndefined();
    const again = await gateway.query(`mutation { deleteWebhook(accountId: 1, id: ${id}) { id } }`, {}, ADMIN);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists the integration catalogue to agents too, hook settings by name to administrators only', async () => {
    const created = await gateway.query(
      'mutation { createIntegrationHook(accountId: 1, input: { appId: "dialogflow", inboxId: 1, settings: { project_id: "p-1", credentials: { private_key: "pk-secret-value" } } }) { id appId status settingsKeys inbox { id } } }',
      {},
      ADMIN,
    );
    expect(created.data).toEqual({ createIntegrationHook: { id: '1', appId: 'dialogflow', status: 'ENABLED', settingsKeys: ['credentials', 'project_id'], inbox: { id: '1' } } });
    const document = '{ account(id: 1) { integrations { id enabled hooks { id settingsKeys } } } }';
    const asAdmin = await gateway.query<{ account: { integrations: { id: string; enabled: boolean; hooks: unknown[] }[] } }>(document, {}, ADMIN);
    const asAgent = await gateway.query<{ account: { integrations: { id: string; enabled: boolean; hooks: unknown[] }[] } }>(document, {}, AGENT);
    const dialogflow = (r: typeof asAdmin) => r.data!.account.integrations.find((app) => app.id === 'dialogflow');
    expect(dialogflow(asAdmin)).toEqual({ id: 'dialogflow', enabled: true, hooks: [{ id: '1', settingsKeys: ['credentials', 'project_id'] }] });
    expect(dialogflow(asAgent)).toEqual({ id: 'dialogflow', enabled: true, hooks: [{ id: '1', settingsKeys: null }] });
    expect(asAdmin.text + asAgent.text + created.text).not.toContain('pk-secret-value');

    const disabled = await gateway.query('mutation { updateIntegrationHook(accountId: 1, id: 1, input: { status: DISABLED }) { status } }', {}, ADMIN);
    expect(disabled.data).toEqual({ updateIntegrationHook: { status: 'DISABLED' } });
    const removed = await gateway.query('mutation { deleteIntegrationHook(accountId: 1, id: 1) { id deleted } }', {}, ADMIN);
    expect(removed.data).toEqual({ deleteIntegrationHook: { id: '1', deleted: true } });
  });

  it('addresses portals by slug, answers the portal list as {payload, meta} and the update bare', async () => {
    expect((await raw('GET', '/portals')).body).toEqual({ payload: [expect.objectContaining({ slug: 'help' })], meta: { current_page: 1, portals_count: 1 } });
    expect((await raw('PATCH', '/portals/help', { header_text: 'Hello' })).body).toEqual(expect.objectContaining({ slug: 'help', header_text: 'Hello' }));

    const created = await gateway.query('mutation { createPortal(accountId: 1, input: { name: "Docs", slug: "docs", defaultLocale: "fr", allowedLocales: ["fr", "en"] }) { slug defaultLocale allowedLocales inbox { id } } }', {}, ADMIN);
    expect(created.data).toEqual({ createPortal: { slug: 'docs', defaultLocale: 'fr', allowedLocales: ['fr', 'en'], inbox: null } });
    const renamed = await gateway.query('mutation { updatePortal(accountId: 1, slug: "docs", input: { slug: "manual", archived: true }) { slug archived } }', {}, ADMIN);
    expect(renamed.data).toEqual({ updatePortal: { slug: 'manual', archived: true } });
    const old = await gateway.query('mutation { updatePortal(accountId: 1, slug: "docs", input: { name: "x" }) { id } }', {}, ADMIN);
    expect(old.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const taken = await gateway.query('mutation { createPortal(accountId: 1, input: { name: "Again", slug: "help" }) { id } }', {}, ADMIN);
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: ['slug'] });
  });

  it('creates categories and articles under {payload}; an article is a draft unless told otherwise', async () => {
    const category = await gateway.query<{ createHelpCenterCategory: { id: string } }>(
      'mutation { createHelpCenterCategory(accountId: 1, portalSlug: "help", input: { name: "Billing", slug: "billing" }) { id name slug locale portalId } }',
      {},
      ADMIN,
    );
    expect(category.data).toEqual({ createHelpCenterCategory: { id: '1', name: 'Billing', slug: 'billing', locale: 'en', portalId: '1' } });
    const draft = await gateway.query(
      'mutation { createHelpCenterArticle(accountId: 1, portalSlug: "help", input: { title: "Refunds", content: "Within 30 days.", categoryId: 1 }) { title status categoryId authorId } }',
      {},
      ADMIN,
    );
    expect(draft.data).toEqual({ createHelpCenterArticle: { title: 'Refunds', status: 'DRAFT', categoryId: '1', authorId: '1' } });
    const published = await gateway.query('mutation { createHelpCenterArticle(accountId: 1, portalSlug: "help", input: { title: "Invoices", status: PUBLISHED }) { status } }', {}, ADMIN);
    expect(published.data).toEqual({ createHelpCenterArticle: { status: 'PUBLISHED' } });
    const shipping = await raw('POST', '/portals/help/categories', { name: 'Shipping', slug: 'shipping' });
    expect(shipping.body).toEqual({ payload: expect.objectContaining({ slug: 'shipping' }) });
    const nowhere = await gateway.query('mutation { createHelpCenterCategory(accountId: 1, portalSlug: "nope", input: { name: "C", slug: "c" }) { id } }', {}, ADMIN);
    expect(nowhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("shows the portal's inbox as a summary: never the HMAC token or secret Chatwoot embeds for administrators", async () => {
    const listed = await raw('GET', '/portals');
    const inbox = (listed.body as { payload: { inbox: Record<string, unknown> }[] }).payload[0]!.inbox;
    expect(inbox).toEqual(expect.objectContaining({ hmac_token: expect.any(String), secret: expect.any(String) }));
    const result = await gateway.query('{ account(id: 1) { portals { slug inbox { id name channelType } } } }', {}, ADMIN);
    expect(result.data).toEqual({ account: { portals: [{ slug: 'help', inbox: { id: '1', name: 'Website (demo)', channelType: 'API' } }] } });
    expect(result.text).not.toContain(String(inbox.hmac_token));
    expect(result.text).not.toContain(String(inbox.secret));
  });
});
