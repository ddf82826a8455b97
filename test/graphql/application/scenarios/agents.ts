import type { RequestScenario } from './types';

const AGENT = {
  id: 7, account_id: 3, name: 'Sam Agent', available_name: 'Sam', email: 'sam@example.com', role: 'agent',
  availability_status: 'busy', auto_offline: true, confirmed: false, thumbnail: '', custom_role_id: null, provider: 'email',
};

export const agentScenarios: RequestScenario[] = [
  {
    field: 'Account.agents',
    document: '{ account(id: 3) { agents { id accountId name availableName email role availabilityStatus autoOffline confirmed provider } } }',
    reply: { body: [AGENT] },
    request: { method: 'GET', path: '/api/v1/accounts/3/agents' },
    data: {
      account: {
        agents: [{ id: '7', accountId: '3', name: 'Sam Agent', availableName: 'Sam', email: 'sam@example.com', role: 'AGENT', availabilityStatus: 'BUSY', autoOffline: true, confirmed: false, provider: 'email' }],
      },
    },
  },
  {
    field: 'Mutation.inviteAgent',
    document: 'mutation { inviteAgent(accountId: 3, input: { name: "Sam Agent", email: "sam@example.com", role: AGENT, availability: BUSY, autoOffline: true }) { id role } }',
    reply: { body: AGENT },
    request: { method: 'POST', path: '/api/v1/accounts/3/agents', body: { name: 'Sam Agent', email: 'sam@example.com', role: 'agent', availability: 'busy', auto_offline: true } },
    data: { inviteAgent: { id: '7', role: 'AGENT' } },
  },
  {
    field: 'Mutation.updateAgent',
    document: 'mutation { updateAgent(accountId: 3, id: 7, input: { role: ADMINISTRATOR, name: "Sam A." }) { id role name } }',
    reply: { body: { ...AGENT, role: 'administrator', name: 'Sam A.' } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/agents/7', body: { name: 'Sam A.', role: 'administrator' } },
    data: { updateAgent: { id: '7', role: 'ADMINISTRATOR', name: 'Sam A.' } },
  },
  {
    field: 'Mutation.removeAgent',
    document: 'mutation { removeAgent(accountId: 3, id: 7) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/agents/7' },
    data: { removeAgent: { id: '7', deleted: true } },
  },
];
