import type { RequestScenario } from './types';

const TEAM = { id: 4, account_id: 3, name: 'support', description: 'First line', allow_auto_assign: true, icon: null, icon_color: null, is_member: true };
const AGENT = { id: 7, account_id: 3, name: 'Sam Agent', email: 'sam@example.com', role: 'agent', availability_status: 'online' };

export const teamScenarios: RequestScenario[] = [
  {
    field: 'Account.teams',
    document: '{ account(id: 3) { teams { id accountId name description allowAutoAssign isMember } } }',
    reply: { body: [TEAM] },
    request: { method: 'GET', path: '/api/v1/accounts/3/teams' },
    data: { account: { teams: [{ id: '4', accountId: '3', name: 'support', description: 'First line', allowAutoAssign: true, isMember: true }] } },
  },
  {
    field: 'Account.team',
    document: '{ account(id: 3) { team(id: 4) { id name } } }',
    reply: { body: TEAM },
    request: { method: 'GET', path: '/api/v1/accounts/3/teams/4' },
    data: { account: { team: { id: '4', name: 'support' } } },
  },
  {
    field: 'Mutation.createTeam',
    document: 'mutation { createTeam(accountId: 3, input: { name: "support", description: "First line", allowAutoAssign: true }) { id name } }',
    reply: { body: TEAM },
    request: { method: 'POST', path: '/api/v1/accounts/3/teams', body: { name: 'support', description: 'First line', allow_auto_assign: true } },
    data: { createTeam: { id: '4', name: 'support' } },
  },
  {
    field: 'Mutation.updateTeam',
    document: 'mutation { updateTeam(accountId: 3, id: 4, input: { allowAutoAssign: false }) { id allowAutoAssign } }',
    reply: { body: { ...TEAM, allow_auto_assign: false } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/teams/4', body: { allow_auto_assign: false } },
    data: { updateTeam: { id: '4', allowAutoAssign: false } },
  },
  {
    field: 'Mutation.deleteTeam',
    document: 'mutation { deleteTeam(accountId: 3, id: 4) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/teams/4' },
    data: { deleteTeam: { id: '4', deleted: true } },
  },
  {
    field: 'Team.members',
    document: '{ account(id: 3) { team(id: 4) { members { id name accountId } } } }',
    prior: [{ path: '/api/v1/accounts/3/teams/4', reply: { body: TEAM } }],
    reply: { body: [AGENT] },
    request: { method: 'GET', path: '/api/v1/accounts/3/teams/4/team_members' },
    data: { account: { team: { members: [{ id: '7', name: 'Sam Agent', accountId: '3' }] } } },
  },
  {
    field: 'Mutation.addTeamMembers',
    document: 'mutation { addTeamMembers(accountId: 3, teamId: 4, userIds: [7, "8"]) { id } }',
    reply: { body: [AGENT, { ...AGENT, id: 8 }] },
    request: { method: 'POST', path: '/api/v1/accounts/3/teams/4/team_members', body: { user_ids: [7, 8] } },
    data: { addTeamMembers: [{ id: '7' }, { id: '8' }] },
  },
  {
    field: 'Mutation.setTeamMembers',
    document: 'mutation { setTeamMembers(accountId: 3, teamId: 4, userIds: [7]) { id } }',
    reply: { body: [AGENT] },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/teams/4/team_members', body: { user_ids: [7] } },
    data: { setTeamMembers: [{ id: '7' }] },
  },
  {
    field: 'Mutation.removeTeamMembers',
    document: 'mutation { removeTeamMembers(accountId: 3, teamId: 4, userIds: [7, 7]) { userIds } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/teams/4/team_members', body: { user_ids: [7] } },
    data: { removeTeamMembers: { userIds: ['7'] } },
  },
];
