import type { RequestScenario } from './types';

/** The inbox partial as administrators get it: with the HMAC token and secret the gateway must drop. */
export const INBOX = {
  id: 2, account_id: 3, name: 'Support API', channel_type: 'Channel::Api', channel_id: 5, avatar_url: '', provider: null,
  greeting_enabled: false, greeting_message: null, enable_auto_assignment: true, working_hours_enabled: false, working_hours: [],
  timezone: 'UTC', out_of_office_message: null, csat_survey_enabled: false, allow_messages_after_resolved: true,
  lock_to_single_conversation: false, sender_name_type: 'friendly', business_name: null, inbox_identifier: 'pubInboxIdent0001',
  webhook_url: 'https://example.com/hook', hmac_token: 'inbox-hmac-SECRET-1', secret: 'inbox-secret-SECRET-1', hmac_mandatory: false,
};
const AGENT = { id: 7, account_id: 3, name: 'Sam Agent', role: 'agent' };
const BOT = { id: 9, account_id: 3, name: 'Triage', access_token: 'bot-access-SECRET-2' };

export const inboxScenarios: RequestScenario[] = [
  {
    field: 'Account.inboxes',
    document: '{ account(id: 3) { inboxes { id accountId name channelType channelId enableAutoAssignment senderNameType inboxIdentifier } } }',
    reply: { body: { payload: [INBOX, { ...INBOX, id: 3, channel_type: 'Channel::WebWidget', inbox_identifier: 'not-api' }] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/inboxes' },
    data: {
      account: {
        inboxes: [
          { id: '2', accountId: '3', name: 'Support API', channelType: 'API', channelId: '5', enableAutoAssignment: true, senderNameType: 'FRIENDLY', inboxIdentifier: 'pubInboxIdent0001' },
          { id: '3', accountId: '3', name: 'Support API', channelType: 'WEB_WIDGET', channelId: '5', enableAutoAssignment: true, senderNameType: 'FRIENDLY', inboxIdentifier: null },
        ],
      },
    },
  },
  {
    field: 'Account.inbox',
    document: '{ account(id: 3) { inbox(id: 2) { id name timezone } } }',
    reply: { body: INBOX },
    request: { method: 'GET', path: '/api/v1/accounts/3/inboxes/2' },
    data: { account: { inbox: { id: '2', name: 'Support API', timezone: 'UTC' } } },
  },
  {
    field: 'Mutation.createInbox',
    document: `mutation { createInbox(accountId: 3, input: {
      name: "Support API", greetingEnabled: true, greetingMessage: "Hi", senderNameType: PROFESSIONAL, businessName: "Acme",
      channel: { type: API, webhookUrl: "https://example.com/hook", hmacMandatory: true, additionalAttributes: { team: "a" } }
    }) { id channelType } }`,
    reply: { body: INBOX },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/inboxes',
      body: {
        name: 'Support API', greeting_enabled: true, greeting_message: 'Hi', sender_name_type: 'professional', business_name: 'Acme',
        channel: { type: 'api', webhook_url: 'https://example.com/hook', hmac_mandatory: true, additional_attributes: { team: 'a' } },
      },
    },
    data: { createInbox: { id: '2', channelType: 'API' } },
  },
  {
    field: 'Mutation.createInbox',
    document: `mutation { createInbox(accountId: 3, input: {
      name: "Website", channel: { type: WEB_WIDGET, websiteUrl: "https://acme.example", widgetColor: "#ff0000", replyTime: IN_A_FEW_HOURS, welcomeTitle: "Hello" }
    }) { id channelType } }`,
    reply: { body: { ...INBOX, id: 3, channel_type: 'Channel::WebWidget' } },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/inboxes',
      body: { name: 'Website', channel: { type: 'web_widget', website_url: 'https://acme.example', widget_color: '#ff0000', reply_time: 'in_a_few_hours', welcome_title: 'Hello' } },
    },
    data: { createInbox: { id: '3', channelType: 'WEB_WIDGET' } },
  },
  {
    field: 'Mutation.updateInbox',
    document: 'mutation { updateInbox(accountId: 3, id: 2, input: { name: "Renamed", enableAutoAssignment: false, channel: { webhookUrl: "https://example.com/v2" } }) { id name } }',
    reply: { body: { ...INBOX, name: 'Renamed' } },
    request: {
      method: 'PATCH',
      path: '/api/v1/accounts/3/inboxes/2',
      body: { name: 'Renamed', enable_auto_assignment: false, channel: { webhook_url: 'https://example.com/v2' } },
    },
    data: { updateInbox: { id: '2', name: 'Renamed' } },
  },
  {
    field: 'AccountInbox.members',
    document: '{ account(id: 3) { inbox(id: 2) { members { id name } } } }',
    prior: [{ path: '/api/v1/accounts/3/inboxes/2', reply: { body: INBOX } }],
    reply: { body: { payload: [AGENT] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/inbox_members/2' },
    data: { account: { inbox: { members: [{ id: '7', name: 'Sam Agent' }] } } },
  },
  {
    field: 'AccountInbox.agentBot',
    document: '{ account(id: 3) { inbox(id: 2) { agentBot { id name } } } }',
    prior: [{ path: '/api/v1/accounts/3/inboxes/2', reply: { body: INBOX } }],
    reply: { body: { agent_bot: BOT } },
    request: { method: 'GET', path: '/api/v1/accounts/3/inboxes/2/agent_bot' },
    data: { account: { inbox: { agentBot: { id: '9', name: 'Triage' } } } },
  },
  {
    field: 'AccountInbox.agentBot',
    document: '{ account(id: 3) { inbox(id: 2) { agentBot { id } } } }',
    prior: [{ path: '/api/v1/accounts/3/inboxes/2', reply: { body: INBOX } }],
    reply: { body: { agent_bot: {} } },
    request: { method: 'GET', path: '/api/v1/accounts/3/inboxes/2/agent_bot' },
    data: { account: { inbox: { agentBot: null } } },
  },
  {
    field: 'Mutation.setInboxAgentBot',
    document: 'mutation { setInboxAgentBot(accountId: 3, inboxId: 2, agentBotId: 9) { inboxId agentBotId } }',
    reply: { body: '' },
    request: { method: 'POST', path: '/api/v1/accounts/3/inboxes/2/set_agent_bot', body: { agent_bot: 9 } },
    data: { setInboxAgentBot: { inboxId: '2', agentBotId: '9' } },
  },
  {
    field: 'Mutation.setInboxAgentBot',
    document: 'mutation { setInboxAgentBot(accountId: 3, inboxId: 2, agentBotId: null) { inboxId agentBotId } }',
    reply: { body: '' },
    request: { method: 'POST', path: '/api/v1/accounts/3/inboxes/2/set_agent_bot', body: { agent_bot: null } },
    data: { setInboxAgentBot: { inboxId: '2', agentBotId: null } },
  },
  {
    field: 'Mutation.addInboxMembers',
    document: 'mutation { addInboxMembers(accountId: 3, inboxId: 2, userIds: [7]) { id } }',
    reply: { body: { payload: [AGENT] } },
    request: { method: 'POST', path: '/api/v1/accounts/3/inbox_members', body: { inbox_id: 2, user_ids: [7] } },
    data: { addInboxMembers: [{ id: '7' }] },
  },
  {
    field: 'Mutation.setInboxMembers',
    document: 'mutation { setInboxMembers(accountId: 3, inboxId: 2, userIds: [7, 8]) { id } }',
    reply: { body: { payload: [AGENT, { ...AGENT, id: 8 }] } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/inbox_members', body: { inbox_id: 2, user_ids: [7, 8] } },
    data: { setInboxMembers: [{ id: '7' }, { id: '8' }] },
  },
  {
    field: 'Mutation.removeInboxMembers',
    document: 'mutation { removeInboxMembers(accountId: 3, inboxId: 2, userIds: [8]) { userIds } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/inbox_members', body: { inbox_id: 2, user_ids: [8] } },
    data: { removeInboxMembers: { userIds: ['8'] } },
  },
  {
    field: 'Account.brandedEmailLayout',
    document: '{ account(id: 3) { brandedEmailLayout } }',
    reply: { body: { branded_email_layout: '<div>{{ content }}</div>' } },
    request: { method: 'GET', path: '/api/v1/accounts/3/branded_email_layout' },
    data: { account: { brandedEmailLayout: '<div>{{ content }}</div>' } },
  },
  {
    field: 'Mutation.setBrandedEmailLayout',
    document: 'mutation { setBrandedEmailLayout(accountId: 3, layout: "<p>{{ content }}</p>") }',
    reply: { body: { branded_email_layout: '<p>{{ content }}</p>' } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/branded_email_layout', body: { branded_email_layout: '<p>{{ content }}</p>' } },
    data: { setBrandedEmailLayout: '<p>{{ content }}</p>' },
  },
  {
    field: 'Mutation.setBrandedEmailLayout',
    document: 'mutation { setBrandedEmailLayout(accountId: 3, layout: null) }',
    reply: { body: { branded_email_layout: null } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/branded_email_layout', body: { branded_email_layout: null } },
    data: { setBrandedEmailLayout: null },
  },
];
