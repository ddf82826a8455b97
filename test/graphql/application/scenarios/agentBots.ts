import type { RequestScenario } from './types';

/** Chatwoot's bot view for administrators, with the bot's token and secret the gateway must drop. */
const BOT = {
  id: 9, account_id: 3, name: 'Triage', description: 'Routes new chats', thumbnail: '', outgoing_url: 'https://bot.example.com/hook',
  bot_type: 'webhook', bot_config: { lang: 'en' }, system_bot: false, access_token: 'bot-access-SECRET-1', secret: 'bot-hmac-SECRET-1',
};

export const agentBotScenarios: RequestScenario[] = [
  {
    field: 'Account.agentBots',
    document: '{ account(id: 3) { agentBots { id accountId name description outgoingUrl botType botConfig systemBot } } }',
    reply: { body: [BOT, { ...BOT, id: 1, account_id: null, system_bot: true }] },
    request: { method: 'GET', path: '/api/v1/accounts/3/agent_bots' },
    data: {
      account: {
        agentBots: [
          { id: '9', accountId: '3', name: 'Triage', description: 'Routes new chats', outgoingUrl: 'https://bot.example.com/hook', botType: 'webhook', botConfig: { lang: 'en' }, systemBot: false },
          { id: '1', accountId: null, name: 'Triage', description: 'Routes new chats', outgoingUrl: 'https://bot.example.com/hook', botType: 'webhook', botConfig: { lang: 'en' }, systemBot: true },
        ],
      },
    },
  },
  {
    field: 'Account.agentBot',
    document: '{ account(id: 3) { agentBot(id: 9) { id name } } }',
    reply: { body: BOT },
    request: { method: 'GET', path: '/api/v1/accounts/3/agent_bots/9' },
    data: { account: { agentBot: { id: '9', name: 'Triage' } } },
  },
  {
    field: 'Mutation.createAgentBot',
    document: 'mutation { createAgentBot(accountId: 3, input: { name: "Triage", description: "Routes new chats", outgoingUrl: "https://bot.example.com/hook", avatarUrl: "https://example.com/bot.png", botConfig: { lang: "en" } }) { id name } }',
    reply: { body: BOT },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/agent_bots',
      body: { name: 'Triage', description: 'Routes new chats', outgoing_url: 'https://bot.example.com/hook', avatar_url: 'https://example.com/bot.png', bot_config: { lang: 'en' } },
    },
    data: { createAgentBot: { id: '9', name: 'Triage' } },
  },
  {
    field: 'Mutation.updateAgentBot',
    document: 'mutation { updateAgentBot(accountId: 3, id: 9, input: { outgoingUrl: "https://bot.example.com/v2" }) { id outgoingUrl } }',
    reply: { body: { ...BOT, outgoing_url: 'https://bot.example.com/v2' } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/agent_bots/9', body: { outgoing_url: 'https://bot.example.com/v2' } },
    data: { updateAgentBot: { id: '9', outgoingUrl: 'https://bot.example.com/v2' } },
  },
  {
    field: 'Mutation.deleteAgentBot',
    document: 'mutation { deleteAgentBot(accountId: 3, id: 9) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/agent_bots/9' },
    data: { deleteAgentBot: { id: '9', deleted: true } },
  },
];
