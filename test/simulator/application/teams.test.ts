import { ADMIN, AGENT, useApplicationSimulator } from '../../support/application';

type Members = { account: { team: { members: { id: string }[] } } };

describe('teams and their members against the simulator', () => {
  const app = useApplicationSimulator();
  const members = async (teamId: string) =>
    (await app.gateway.query<Members>(`{ account(id: 1) { team(id: ${teamId}) { members { id } } } }`, {}, ADMIN)).data?.account.team.members.map((m) => m.id);

  it('tells each caller whether they belong to a team', async () => {
    const document = '{ account(id: 1) { teams { name isMember } } }';
    expect((await app.gateway.query(document, {}, AGENT)).data).toEqual({ account: { teams: [{ name: 'support', isMember: true }] } });
    expect((await app.gateway.query(document, {}, ADMIN)).data).toEqual({ account: { teams: [{ name: 'support', isMember: false }] } });
  });

  it('creates a team, adds, replaces and removes its members, and deletes it', async () => {
    const created = await app.gateway.query<{ createTeam: { id: string } }>('mutation { createTeam(accountId: 1, input: { name: "billing", description: "Invoices" }) { id name description } }', {}, ADMIN);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTeam.id;
    const added = await app.gateway.query(`mutation { addTeamMembers(accountId: 1, teamId: ${id}, userIds: [2]) { id name } }`, {}, ADMIN);
    expect(added.data).toEqual({ addTeamMembers: [{ id: '2', name: 'Sam Agent' }] });
    const replaced = await app.gateway.query(`mutation { setTeamMembers(accountId: 1, teamId: ${id}, userIds: [1]) { id } }`, {}, ADMIN);
    expect(replaced.data).toEqual({ setTeamMembers: [{ id: '1' }] });
    expect(await members(id)).toEqual(['1']);
    const removed = await app.gateway.query(`mutation { removeTeamMembers(accountId: 1, teamId: ${id}, userIds: [1]) { userIds } }`, {}, ADMIN);
    expect(removed.data).toEqual({ removeTeamMembers: { userIds: ['1'] } });
    expect(await members(id)).toEqual([]);
    const deleted = await app.gateway.query(`mutation { deleteTeam(accountId: 1, id: ${id}) { id deleted } }`, {}, ADMIN);
    expect(deleted.data).toEqual({ deleteTeam: { id, deleted: true } });
    const gone = await app.gateway.query(`{ account(id: 1) { team(id: ${id}) { id } } }`, {}, ADMIN);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers BAD_USER_INPUT for member ids outside the account (Chatwoot says 401 Invalid User IDs) and changes nothing', async () => {
    const result = await app.gateway.query('mutation { setTeamMembers(accountId: 1, teamId: 1, userIds: [2, 999]) { id } }', {}, ADMIN);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'invalid_user_ids' });
    expect(await members('1')).toEqual(['2']);
  });

  it('refuses an agent changing a team with FORBIDDEN role, and a duplicate name with BAD_USER_INPUT', async () => {
    const denied = await app.gateway.query('mutation { updateTeam(accountId: 1, id: 1, input: { name: "x" }) { id } }', {}, AGENT);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
    const duplicate = await app.gateway.query('mutation { createTeam(accountId: 1, input: { name: "Support" }) { id } }', {}, ADMIN);
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
