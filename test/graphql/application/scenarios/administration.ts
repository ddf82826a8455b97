import type { RequestScenario } from './types';

/** Exact requests of automation rules, webhooks, integrations and the help center (portals addressed by slug). */

const RULE = {
  id: 4,
  account_id: 3,
  name: 'Tag VIPs',
  description: 'Label VIP conversations',
  event_name: 'conversation_opened',
  active: true,
  conditions: [{ attribute_key: 'email', filter_operator: 'contains', values: ['@vip.example'], query_operator: null }],
  actions: [{ action_name: 'add_label', action_params: ['vip'] }],
  created_on: 1767225600,
};
const RULE_DATA = {
  id: '4',
  name: 'Tag VIPs',
  eventName: 'CONVERSATION_OPENED',
  active: true,
  conditions: [{ attributeKey: 'email', filterOperator: 'contains', values: ['@vip.example'], queryOperator: null }],
  actions: [{ actionName: 'add_label', actionParams: ['vip'] }],
  createdOn: '2026-01-01T00:00:00.000Z',
};
const RULE_FIELDS = 'id name eventName active conditions { attributeKey filterOperator values queryOperator } actions { actionName actionParams } createdOn';

const WEBHOOK = {
  id: 8,
  account_id: 3,
  name: 'CRM',
  url: 'https://crm.example/hooks',
  subscriptions: ['conversation_created', 'inbox_created'],
  inbox: { id: 2, name: 'Website' },
  secret: 'whsec-must-never-show-123',
};
const WEBHOOK_DATA = { id: '8', name: 'CRM', url: 'https://crm.example/hooks', subscriptions: ['CONVERSATION_CREATED', 'INBOX_CREATED'], inbox: { id: '2', name: 'Website' }, hasSecret: true };
const WEBHOOK_FIELDS = 'id name url subscriptions inbox { id name } hasSecret';

const HOOK = { id: 6, app_id: 'dialogflow', account_id: 3, status: 'enabled', hook_type: 'inbox', inbox: { id: 2, name: 'Website' }, settings: { project_id: 'p-1', credentials: { private_key: 'pk-must-never-show' } } };
const HOOK_DATA = { id: '6', appId: 'dialogflow', status: 'ENABLED', hookType: 'inbox', inbox: { id: '2' }, settingsKeys: ['credentials', 'project_id'] };
const HOOK_FIELDS = 'id appId status hookType inbox { id } settingsKeys';

const PORTAL = {
  id: 1,
  account_id: 3,
  slug: 'help',
  name: 'Help',
  color: '#1f93ff',
  custom_domain: null,
  header_text: 'How can we help?',
  homepage_link: 'https://example.com',
  page_title: 'Help',
  archived: false,
  config: { allowed_locales: [{ code: 'en', articles_count: 0, categories_count: 0 }], default_locale: 'en' },
  inbox: { id: 2, name: 'Website', channel_type: 'Channel::WebWidget', hmac_token: 'hmac-must-never-show', secret: 'inbox-secret-never' },
};
const PORTAL_DATA = { id: '1', slug: 'help', name: 'Help', headerText: 'How can we help?', archived: false, defaultLocale: 'en', allowedLocales: ['en'], inbox: { id: '2', name: 'Website', channelType: 'WEB_WIDGET' } };
const PORTAL_FIELDS = 'id slug name headerText archived defaultLocale allowedLocales inbox { id name channelType }';

export const administrationScenarios: RequestScenario[] = [
  {
    field: 'Account.automationRules',
    document: `{ account(id: 3) { automationRules { ${RULE_FIELDS} } } }`,
    reply: { body: { payload: [RULE] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/automation_rules' },
    data: { account: { automationRules: [RULE_DATA] } },
  },
  {
    field: 'Account.automationRule',
    document: '{ account(id: 3) { automationRule(id: 4) { id name } } }',
    reply: { body: { payload: RULE } },
    request: { method: 'GET', path: '/api/v1/accounts/3/automation_rules/4' },
    data: { account: { automationRule: { id: '4', name: 'Tag VIPs' } } },
  },
  {
    field: 'Mutation.createAutomationRule',
    document: `mutation { createAutomationRule(accountId: 3, input: {
      name: "Tag VIPs", eventName: CONVERSATION_OPENED, active: true,
      conditions: [{ attributeKey: "email", filterOperator: "contains", values: ["@vip.example"] }],
      actions: [{ actionName: "add_label", actionParams: ["vip"] }] }) { ${RULE_FIELDS} } }`,
    // Create answers the bare rule (E14).
    reply: { body: RULE },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/automation_rules',
      body: {
        name: 'Tag VIPs',
        event_name: 'conversation_opened',
        active: true,
        conditions: [{ attribute_key: 'email', filter_operator: 'contains', values: ['@vip.example'], query_operator: null }],
        actions: [{ action_name: 'add_label', action_params: ['vip'] }],
      },
    },
    data: { createAutomationRule: RULE_DATA },
  },
  {
    field: 'Mutation.updateAutomationRule',
    document: 'mutation { updateAutomationRule(accountId: 3, id: 4, input: { active: false }) { id active } }',
    reply: { body: { payload: { ...RULE, active: false } } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/automation_rules/4', body: { active: false } },
    data: { updateAutomationRule: { id: '4', active: false } },
  },
  {
    field: 'Mutation.deleteAutomationRule',
    document: 'mutation { deleteAutomationRule(accountId: 3, id: 4) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/automation_rules/4' },
    data: { deleteAutomationRule: { id: '4', deleted: true } },
  },
  {
    field: 'Account.webhooks',
    document: `{ account(id: 3) { webhooks { ${WEBHOOK_FIELDS} } } }`,
    reply: { body: { payload: { webhooks: [WEBHOOK] } } },
    request: { method: 'GET', path: '/api/v1/accounts/3/webhooks' },
    data: { account: { webhooks: [WEBHOOK_DATA] } },
  },
  {
    field: 'Mutation.createWebhook',
    document: `mutation { createWebhook(accountId: 3, input: { url: "https://crm.example/hooks", name: "CRM", subscriptions: [CONVERSATION_CREATED, INBOX_CREATED], inboxId: 2 }) { ${WEBHOOK_FIELDS} } }`,
    reply: { body: { payload: { webhook: WEBHOOK } } },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/webhooks',
      body: { url: 'https://crm.example/hooks', name: 'CRM', subscriptions: ['conversation_created', 'inbox_created'], inbox_id: 2 },
    },
    data: { createWebhook: WEBHOOK_DATA },
  },
  {
    field: 'Mutation.updateWebhook',
    document: 'mutation { updateWebhook(accountId: 3, id: 8, input: { subscriptions: [MESSAGE_CREATED] }) { id subscriptions } }',
    reply: { body: { payload: { webhook: { ...WEBHOOK, subscriptions: ['message_created'] } } } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/webhooks/8', body: { subscriptions: ['message_created'] } },
    data: { updateWebhook: { id: '8', subscriptions: ['MESSAGE_CREATED'] } },
  },
  {
    field: 'Mutation.deleteWebhook',
    document: 'mutation { deleteWebhook(accountId: 3, id: 8) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/webhooks/8' },
    data: { deleteWebhook: { id: '8', deleted: true } },
  },
  {
    field: 'Account.integrations',
    document: `{ account(id: 3) { integrations { id name enabled allowMultipleHooks hooks { ${HOOK_FIELDS} } } } }`,
    reply: { body: { payload: [{ id: 'dialogflow', name: 'Dialogflow', enabled: true, allow_multiple_hooks: true, hooks: [HOOK] }] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/integrations/apps' },
    data: { account: { integrations: [{ id: 'dialogflow', name: 'Dialogflow', enabled: true, allowMultipleHooks: true, hooks: [HOOK_DATA] }] } },
  },
  {
    field: 'Mutation.createIntegrationHook',
    document: `mutation { createIntegrationHook(accountId: 3, input: { appId: "dialogflow", inboxId: 2, status: ENABLED, settings: { project_id: "p-1" } }) { ${HOOK_FIELDS} } }`,
    reply: { body: HOOK },
    request: { method: 'POST', path: '/api/v1/accounts/3/integrations/hooks', body: { app_id: 'dialogflow', inbox_id: 2, status: 1, settings: { project_id: 'p-1' } } },
    data: { createIntegrationHook: HOOK_DATA },
  },
  {
    field: 'Mutation.updateIntegrationHook',
    document: 'mutation { updateIntegrationHook(accountId: 3, id: 6, input: { status: DISABLED }) { id status } }',
    reply: { body: { ...HOOK, status: 'disabled' } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/integrations/hooks/6', body: { status: 0 } },
    data: { updateIntegrationHook: { id: '6', status: 'DISABLED' } },
  },
  {
    field: 'Mutation.deleteIntegrationHook',
    document: 'mutation { deleteIntegrationHook(accountId: 3, id: 6) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/integrations/hooks/6' },
    data: { deleteIntegrationHook: { id: '6', deleted: true } },
  },
  {
    field: 'Account.portals',
    document: `{ account(id: 3) { portals { ${PORTAL_FIELDS} } } }`,
    reply: { body: { payload: [PORTAL], meta: { current_page: 1, portals_count: 1 } } },
    request: { method: 'GET', path: '/api/v1/accounts/3/portals' },
    data: { account: { portals: [PORTAL_DATA] } },
  },
  {
    field: 'Mutation.createPortal',
    document: `mutation { createPortal(accountId: 3, input: { name: "Help", slug: "help", headerText: "How can we help?", defaultLocale: "en", allowedLocales: ["en"] }) { ${PORTAL_FIELDS} } }`,
    reply: { body: PORTAL },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/portals',
      body: { name: 'Help', slug: 'help', header_text: 'How can we help?', config: { default_locale: 'en', allowed_locales: ['en'] } },
    },
    data: { createPortal: PORTAL_DATA },
  },
  {
    field: 'Mutation.updatePortal',
    // The slug is the address (E15), percent-encoded as one path segment.
    document: 'mutation { updatePortal(accountId: 3, slug: "help desk", input: { archived: true }) { id archived } }',
    reply: { body: { ...PORTAL, archived: true } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/portals/help%20desk', body: { archived: true } },
    data: { updatePortal: { id: '1', archived: true } },
  },
  {
    field: 'Mutation.createHelpCenterArticle',
    document: 'mutation { createHelpCenterArticle(accountId: 3, portalSlug: "help", input: { title: "Reset your password", content: "Click *Forgot*.", categoryId: 7, authorId: 1 }) { id title status portalId categoryId } }',
    reply: { body: { payload: { id: 11, title: 'Reset your password', content: 'Click *Forgot*.', status: 'draft', portal_id: 1, category_id: 7, author_id: 1 } } },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/portals/help/articles',
      body: { title: 'Reset your password', content: 'Click *Forgot*.', category_id: 7, author_id: 1 },
    },
    data: { createHelpCenterArticle: { id: '11', title: 'Reset your password', status: 'DRAFT', portalId: '1', categoryId: '7' } },
  },
  {
    field: 'Mutation.createHelpCenterArticle',
    // The status is a Rails enum: the document types it as its integer (published = 1).
    document: 'mutation { createHelpCenterArticle(accountId: 3, portalSlug: "help", input: { title: "Invoices", status: PUBLISHED, locale: "fr", associatedArticleId: 11 }) { id status locale } }',
    reply: { body: { payload: { id: 12, title: 'Invoices', status: 'published', locale: 'fr', portal_id: 1 } } },
    request: { method: 'POST', path: '/api/v1/accounts/3/portals/help/articles', body: { title: 'Invoices', status: 1, locale: 'fr', associated_article_id: 11 } },
    data: { createHelpCenterArticle: { id: '12', status: 'PUBLISHED', locale: 'fr' } },
  },
  {
    field: 'Mutation.createHelpCenterCategory',
    document: 'mutation { createHelpCenterCategory(accountId: 3, portalSlug: "help", input: { name: "Accounts", slug: "accounts", locale: "en", position: 1 }) { id name slug locale portalId } }',
    reply: { body: { payload: { id: 7, name: 'Accounts', slug: 'accounts', locale: 'en', position: 1, portal_id: 1 } } },
    request: { method: 'POST', path: '/api/v1/accounts/3/portals/help/categories', body: { name: 'Accounts', slug: 'accounts', locale: 'en', position: 1 } },
    data: { createHelpCenterCategory: { id: '7', name: 'Accounts', slug: 'accounts', locale: 'en', portalId: '1' } },
  },
];
