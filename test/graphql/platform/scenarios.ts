import type { RequestScenario } from '../application/scenarios/types';

const ACCOUNT = { id: 9, name: 'Tenant', locale: 'en', domain: null, support_email: null, features: { api_and_webhooks: true }, custom_attributes: {}, limits: { agents: 5 }, status: 'active' };
const MEMBER = { id: 90, account_id: 9, user_id: 4, role: 'administrator', inviter_id: null, created_at: '2026-01-05T09:00:00.000Z', updated_at: '2026-01-05T09:00:00.000Z', active_at: null, availability: 'online', auto_offline: true, custom_role_id: null };
const BOT = { id: 12, name: 'Router', description: 'Routes', thumbnail: '', outgoing_url: 'https://bots.example/hook', bot_type: 'webhook', bot_config: {}, account_id: 9, access_token: 'bot-secret-token-abc', system_bot: false };
const USER = { id: 4, name: 'Tina', display_name: null, email: 'tina@tenant.example', confirmed: true, custom_attributes: {}, access_token: 'user-secret-token-xyz', pubsub_token: 'user-pubsub-token-xyz', accounts: [{ id: 9, name: 'Tenant', role: 'administrator', active_at: null }] };

/** Every Platform operation, exactly (test/graphql/platform/requests.test.ts runs them). */
export const PLATFORM_SCENARIOS: RequestScenario[] = [
  {
    field: 'Mutation.platformCreateAccount',
    document: 'mutation { platformCreateAccount(input: { name: "Tenant", locale: "en", limits: { agents: 5 }, features: { help_center: false } }) { id name limits enabledFeatures status } }',
    reply: { body: ACCOUNT },
    request: { method: 'POST', path: '/platform/api/v1/accounts', body: { name: 'Tenant', locale: 'en', limits: { agents: 5 }, features: { help_center: false } } },
    data: { platformCreateAccount: { id: '9', name: 'Tenant', limits: { agents: 5 }, enabledFeatures: ['api_and_webhooks'], status: 'ACTIVE' } },
  },
  {
    field: 'PlatformQuery.account',
    document: '{ platform { account(id: 9) { id name } } }',
    reply: { body: ACCOUNT },
    request: { method: 'GET', path: '/platform/api/v1/accounts/9' },
    data: { platform: { account: { id: '9', name: 'Tenant' } } },
  },
  {
    field: 'Mutation.platformUpdateAccount',
    document: 'mutation { platformUpdateAccount(accountId: 9, input: { status: SUSPENDED }) { id status } }',
    reply: { body: { ...ACCOUNT, status: 'suspended' } },
    request: { method: 'PATCH', path: '/platform/api/v1/accounts/9', body: { status: 'suspended' } },
    data: { platformUpdateAccount: { id: '9', status: 'SUSPENDED' } },
  },
  {
    field: 'Mutation.platformDeleteAccount',
    document: 'mutation { platformDeleteAccount(accountId: 9) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/platform/api/v1/accounts/9' },
    data: { platformDeleteAccount: { id: '9', deleted: true } },
  },
  {
    field: 'PlatformAccount.accountUsers',
    document: '{ platform { account(id: 9) { accountUsers { userId role availability } } } }',
    reply: { body: [MEMBER] },
    // The account read comes first; the scenario checks the memberships call, the last one.
    request: { method: 'GET', path: '/platform/api/v1/accounts/9/account_users' },
    data: { platform: { account: { accountUsers: [{ userId: '4', role: 'ADMINISTRATOR', availability: 'ONLINE' }] } } },
  },
  {
    field: 'Mutation.platformAddAccountUser',
    document: 'mutation { platformAddAccountUser(accountId: 9, userId: 4, role: ADMINISTRATOR) { accountId userId role } }',
    reply: { body: MEMBER },
    request: { method: 'POST', path: '/platform/api/v1/accounts/9/account_users', body: { user_id: 4, role: 'administrator' } },
    data: { platformAddAccountUser: { accountId: '9', userId: '4', role: 'ADMINISTRATOR' } },
  },
  {
    field: 'Mutation.platformRemoveAccountUser',
    document: 'mutation { platformRemoveAccountUser(accountId: 9, userId: 4) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/platform/api/v1/accounts/9/account_users', body: { user_id: 4 } },
    data: { platformRemoveAccountUser: { id: '4', deleted: true } },
  },
  {
    field: 'PlatformQuery.agentBots',
    document: '{ platform { agentBots { id name outgoingUrl accountId } } }',
    reply: { body: [BOT] },
    request: { method: 'GET', path: '/platform/api/v1/agent_bots' },
    data: { platform: { agentBots: [{ id: '12', name: 'Router', outgoingUrl: 'https://bots.example/hook', accountId: '9' }] } },
  },
  {
    field: 'Mutation.platformCreateAgentBot',
    document: 'mutation { platformCreateAgentBot(input: { name: "Router", outgoingUrl: "https://bots.example/hook", accountId: 9 }) { id name } }',
    reply: { body: BOT },
    request: { method: 'POST', path: '/platform/api/v1/agent_bots', body: { name: 'Router', outgoing_url: 'https://bots.example/hook', account_id: 9 } },
    data: { platformCreateAgentBot: { id: '12', name: 'Router' } },
  },
  {
    field: 'PlatformQuery.agentBot',
    document: '{ platform { agentBot(id: 12) { id description } } }',
    reply: { body: BOT },
    request: { method: 'GET', path: '/platform/api/v1/agent_bots/12' },
    data: { platform: { agentBot: { id: '12', description: 'Routes' } } },
  },
  {
    field: 'Mutation.platformUpdateAgentBot',
    document: 'mutation { platformUpdateAgentBot(id: 12, input: { description: "Routes v2" }) { id description } }',
    reply: { body: { ...BOT, description: 'Routes v2' } },
    request: { method: 'PATCH', path: '/platform/api/v1/agent_bots/12', body: { description: 'Routes v2' } },
    data: { platformUpdateAgentBot: { id: '12', description: 'Routes v2' } },
  },
  {
    field: 'Mutation.platformDeleteAgentBot',
    document: 'mutation { platformDeleteAgentBot(id: 12) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/platform/api/v1/agent_bots/12' },
    data: { platformDeleteAgentBot: { id: '12', deleted: true } },
  },
  {
    field: 'Mutation.platformCreateUser',
    document: 'mutation { platformCreateUser(input: { name: "Tina", email: "tina@tenant.example", password: "Passw0rd!Passw0rd" }) { id email accounts { id role } } }',
    reply: { body: USER },
    request: { method: 'POST', path: '/platform/api/v1/users', body: { name: 'Tina', email: 'tina@tenant.example', password: 'Passw0rd!Passw0rd' } },
    data: { platformCreateUser: { id: '4', email: 'tina@tenant.example', accounts: [{ id: '9', role: 'ADMINISTRATOR' }] } },
  },
  {
    field: 'PlatformQuery.user',
    document: '{ platform { user(id: 4) { id name confirmed } } }',
    reply: { body: USER },
    request: { method: 'GET', path: '/platform/api/v1/users/4' },
    data: { platform: { user: { id: '4', name: 'Tina', confirmed: true } } },
  },
  {
    field: 'Mutation.platformUpdateUser',
    document: 'mutation { platformUpdateUser(id: 4, input: { displayName: "T." }) { id } }',
    reply: { body: { ...USER, display_name: 'T.' } },
    request: { method: 'PATCH', path: '/platform/api/v1/users/4', body: { display_name: 'T.' } },
    data: { platformUpdateUser: { id: '4' } },
  },
  {
    field: 'Mutation.platformDeleteUser',
    document: 'mutation { platformDeleteUser(id: 4) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/platform/api/v1/users/4' },
    data: { platformDeleteUser: { id: '4', deleted: true } },
  },
  {
    field: 'Mutation.platformCreateUserSsoLink',
    document: 'mutation { platformCreateUserSsoLink(id: 4) { url } }',
    reply: { body: { url: 'https://chatwoot.example/app/login?email=tina&sso_auth_token=one-time' } },
    request: { method: 'GET', path: '/platform/api/v1/users/4/login' },
    data: { platformCreateUserSsoLink: { url: 'https://chatwoot.example/app/login?email=tina&sso_auth_token=one-time' } },
  },
];
