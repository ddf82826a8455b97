import { startTestGateway, type TestGateway } from '../support/gateway';
import { captureLogs, type CapturedLogs } from '../support/logs';
import { type FakeChatwoot, type RecordedRequest, startFakeChatwoot } from '../support/servers';

/**
 * Chatwoot's administration answers are full of secrets: the webhook signing secret, integration hook settings (API
 * keys), the HMAC token and secret of the inbox a portal embeds, agent-bot tokens and secrets recorded in the audit
 * log. Every field of every part-3 type is selected below; none of those values may reach a response or a log line.
 */

const SECRETS = {
  webhook: 'whsec-SECRET-5a6b7c8d9e',
  hookKey: 'sk-SECRET-openai-1234567890',
  hookToken: 'xoxb-SECRET-slack-0987654321',
  inboxHmac: 'hmac-SECRET-portal-inbox-aa11',
  inboxSecret: 'secret-SECRET-portal-inbox-bb22',
  botToken: 'bot-SECRET-access-token-cc33',
  botSecret: 'bot-SECRET-secret-dd44',
  password: 'imap-SECRET-password-ee55',
};

const INBOX = { id: 2, name: 'Website', channel_type: 'Channel::WebWidget', hmac_token: SECRETS.inboxHmac, secret: SECRETS.inboxSecret, imap_password: SECRETS.password };
const WEBHOOK = { id: 8, name: 'CRM', url: 'https://crm.example/h', subscriptions: ['message_created'], account_id: 3, secret: SECRETS.webhook, inbox: INBOX };
const HOOK = { id: 6, app_id: 'openai', status: 'enabled', hook_type: 'account', account_id: 3, inbox: INBOX, settings: { api_key: SECRETS.hookKey, bot_token: SECRETS.hookToken } };
const PORTAL = { id: 1, slug: 'help', name: 'Help', account_id: 3, config: { default_locale: 'en', allowed_locales: ['en'] }, inbox: INBOX };
const AUDIT = {
  per_page: 25,
  total_entries: 2,
  current_page: 1,
  audit_logs: [
    { id: 1, action: 'update', auditable_type: 'AgentBot', auditable_id: 4, audited_changes: { name: ['a', 'b'], access_token: SECRETS.botToken, secret: [null, SECRETS.botSecret] } },
    { id: 2, action: 'update', auditable_type: 'Inbox', auditable_id: 2, audited_changes: { hmac_token: SECRETS.inboxHmac, imap_password: SECRETS.password, provider_config: { api_key: SECRETS.hookKey } } },
  ],
};

/** Answers by path, each carrying the secrets Chatwoot would send. */
function reply(request: RecordedRequest): unknown {
  const path = request.path.replace('/api/v1/accounts/3', '');
  if (path === '/webhooks') return { payload: { webhooks: [WEBHOOK] } };
  if (path.startsWith('/webhooks')) return { payload: { webhook: WEBHOOK } };
  if (path === '/integrations/apps') return { payload: [{ id: 'openai', name: 'OpenAI', enabled: true, hooks: [HOOK], settings: HOOK.settings }] };
  if (path.startsWith('/integrations/hooks')) return HOOK;
  if (path === '/portals') return { payload: [PORTAL], meta: { current_page: 1, portals_count: 1 } };
  if (path.startsWith('/portals')) return PORTAL;
  if (path === '/audit_logs') return AUDIT;
  return {};
}

const INBOX_FIELDS = 'inbox { id name channelType channelId avatarUrl provider }';
const DOCUMENTS = [
  `{ account(id: 3) { webhooks { id accountId name url subscriptions hasSecret ${INBOX_FIELDS} } } }`,
  `mutation { createWebhook(accountId: 3, input: { url: "https://crm.example/h" }) { id hasSecret ${INBOX_FIELDS} } }`,
  `mutation { updateWebhook(accountId: 3, id: 8, input: { name: "x" }) { id hasSecret ${INBOX_FIELDS} } }`,
  `{ account(id: 3) { integrations { id name description shortDescription hookType enabled allowMultipleHooks hooks { id appId accountId status hookType referenceId settingsKeys ${INBOX_FIELDS} } } } }`,
  `mutation { createIntegrationHook(accountId: 3, input: { appId: "openai", settings: { api_key: "${SECRETS.hookKey}" } }) { id settingsKeys ${INBOX_FIELDS} } }`,
  `mutation { updateIntegrationHook(accountId: 3, id: 6, input: { settings: { bot_token: "${SECRETS.hookToken}" } }) { id settingsKeys } }`,
  `{ account(id: 3) { portals { id accountId slug name color customDomain headerText homepageLink pageTitle archived defaultLocale allowedLocales ${INBOX_FIELDS} } } }`,
  `mutation { updatePortal(accountId: 3, slug: "help", input: { name: "Help" }) { id ${INBOX_FIELDS} } }`,
  '{ account(id: 3) { auditLogs { nodes { id action auditableType auditableId associatedType associatedId userType userId username auditedChanges version comment requestUuid remoteAddress createdAt } } } }',
];

describe("part 3's secrets stay secret", () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let logs: CapturedLogs;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => ({ body: reply(request) }));
    const captured = captureLogs('trace');
    logs = captured.logs;
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_APPLICATION_API: 'true' }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it.each(DOCUMENTS.map((d) => [d.slice(0, 60), d] as const))('%s', async (_name, document) => {
    const result = await gateway.query(document, {}, { 'api-access-token': 'caller-token-1234' });
    expect(result.errors).toBeUndefined();
    for (const secret of Object.values(SECRETS)) {
      expect({ secret, inResponse: result.text.includes(secret) }).toEqual({ secret, inResponse: false });
      expect({ secret, inLogs: logs.text().includes(secret) }).toEqual({ secret, inLogs: false });
    }
  });

  it('keeps the harmless audited changes, nested secrets dropped too', async () => {
    const result = await gateway.query<{ account: { auditLogs: { nodes: { auditedChanges: unknown }[] } } }>(
      '{ account(id: 3) { auditLogs { nodes { auditedChanges } } } }',
      {},
      { 'api-access-token': 'caller-token-1234' },
    );
    expect(result.data!.account.auditLogs.nodes.map((n) => n.auditedChanges)).toEqual([{ name: ['a', 'b'] }, {}]);
  });
});
