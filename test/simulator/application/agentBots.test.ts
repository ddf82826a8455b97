import { ADMIN, AGENT, useApplicationSimulator } from '../../support/application';

describe('account agent bots against the simulator', () => {
  const app = useApplicationSimulator();

  it("lists the account's bots and the installation's system bots", async () => {
    const result = await app.gateway.query('{ account(id: 1) { agentBots { name systemBot accountId } } }', {}, AGENT);
    expect(result.data).toEqual({
      account: { agentBots: [{ name: 'Helper', systemBot: true, accountId: null }, { name: 'Triage', systemBot: false, accountId: '1' }] },
    });
  });

  it('creates, changes and deletes a bot of the account', async () => {
    const created = await app.gateway.query<{ createAgentBot: { id: string } }>(
      'mutation { createAgentBot(accountId: 1, input: { name: "Greeter", outgoingUrl: "https://bot.example.com/greet", botConfig: { lang: "de" } }) { id name outgoingUrl botConfig } }',
      {},
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createAgentBot.id;
    const updated = await app.gateway.query(`mutation { updateAgentBot(accountId: 1, id: ${id}, input: { description: "Says hello" }) { description } }`, {}, ADMIN);
    expect(updated.data).toEqual({ updateAgentBot: { description: 'Says hello' } });
    const shown = await app.gateway.query(`{ account(id: 1) { agentBot(id: ${id}) { name description } } }`, {}, AGENT);
    expect(shown.data).toEqual({ account: { agentBot: { name: 'Greeter', description: 'Says hello' } } });
    const deleted = await app.gateway.query(`mutation { deleteAgentBot(accountId: 1, id: ${id}) { id deleted } }`, {}, ADMIN);
    expect(deleted.data).toEqual({ deleteAgentBot: { id, deleted: true } });
  });

  it('shows a system bot but answers NOT_FOUND when changing it, FORBIDDEN role for an agent first', async () => {
    const system = app.simulator.application.structure.agentBots.find((bot) => bot.accountId === null)!;
    const shown = await app.gateway.query(`{ account(id: 1) { agentBot(id: ${system.id}) { systemBot } } }`, {}, ADMIN);
    expect(shown.data).toEqual({ account: { agentBot: { systemBot: true } } });
    const notOwn = await app.gateway.query(`mutation { deleteAgentBot(accountId: 1, id: ${system.id}) { id } }`, {}, ADMIN);
    expect(notOwn.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Pundit runs before the lookup here: an agent is refused even for a bot that does not exist.
    const denied = await app.gateway.query('mutation { deleteAgentBot(accountId: 1, id: 999) { id } }', {}, AGENT);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
  });
});
