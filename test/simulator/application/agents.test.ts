import { ADMIN, AGENT, useApplicationSimulator } from '../../support/application';

type Agents = { account: { agents: { id: string; name: string; role: string; confirmed: boolean }[] } };

describe('agents against the simulator', () => {
  const app = useApplicationSimulator();

  it('lists the account agents ordered by name, to agents too', async () => {
    const result = await app.gateway.query<Agents>('{ account(id: 1) { agents { id name role } } }', {}, AGENT);
    expect(result.errors).toBeUndefined();
    expect(result.data?.account.agents).toEqual([
      { id: '1', name: 'Ada Admin', role: 'ADMINISTRATOR' },
      { id: '2', name: 'Sam Agent', role: 'AGENT' },
    ]);
  });

  it('invites a new agent as an unconfirmed user, changes their role and removes them', async () => {
    const invited = await app.gateway.query<{ inviteAgent: { id: string; confirmed: boolean; role: string; email: string } }>(
      'mutation { inviteAgent(accountId: 1, input: { name: "Nia New", email: "Nia@Example.com", role: AGENT }) { id confirmed role email } }',
      {},
      ADMIN,
    );
    expect(invited.errors).toBeUndefined();
    expect(invited.data?.inviteAgent).toMatchObject({ confirmed: false, role: 'AGENT', email: 'nia@example.com' });
    const id = invited.data!.inviteAgent.id;
    const updated = await app.gateway.query(`mutation { updateAgent(accountId: 1, id: ${id}, input: { role: ADMINISTRATOR, availability: BUSY }) { role availabilityStatus } }`, {}, ADMIN);
    expect(updated.data).toEqual({ updateAgent: { role: 'ADMINISTRATOR', availabilityStatus: 'BUSY' } });
    const removed = await app.gateway.query(`mutation { removeAgent(accountId: 1, id: ${id}) { id deleted } }`, {}, ADMIN);
    expect(removed.data).toEqual({ removeAgent: { id, deleted: true } });
    const list = await app.gateway.query<Agents>('{ account(id: 1) { agents { id } } }', {}, ADMIN);
    expect(list.data?.account.agents.map((a) => a.id)).not.toContain(id);
  });

  it('answers FORBIDDEN role when an agent invites, and FORBIDDEN plan_limit past the agent limit', async () => {
    const document = 'mutation { inviteAgent(accountId: 1, input: { name: "X", email: "x@example.com", role: AGENT }) { id } }';
    const denied = await app.gateway.query(document, {}, AGENT);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
    app.simulator.application.structure.agentLimits.set(1, 2);
    try {
      const limited = await app.gateway.query(document, {}, ADMIN);
      expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'plan_limit' });
    } finally {
      app.simulator.application.structure.agentLimits.delete(1);
    }
  });

  it('answers NOT_FOUND for an agent that is not in the account, before the role check', async () => {
    const result = await app.gateway.query('mutation { updateAgent(accountId: 1, id: 999, input: { name: "Z" }) { id } }', {}, AGENT);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers BAD_USER_INPUT with the field for an address already in the account', async () => {
    const result = await app.gateway.query('mutation { inviteAgent(accountId: 1, input: { name: "Sam", email: "sam@example.com", role: AGENT }) { id } }', {}, ADMIN);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
