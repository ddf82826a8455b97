import { APPLICATION_DEMO } from '../../../src/simulator/application';
import { ADMIN, AGENT, useApplicationSimulator } from '../../support/application';

describe('the caller profile and the account hub against the simulator', () => {
  const app = useApplicationSimulator();

  it('answers me with the caller, its accounts and roles, and never the tokens Chatwoot returns', async () => {
    const result = await app.gateway.query('{ me { id name email accounts { role account { id name } } } }', {}, ADMIN);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      me: { id: '1', name: 'Ada Admin', email: 'ada@example.com', accounts: [{ role: 'ADMINISTRATOR', account: { id: '1', name: 'Demo Account' } }] },
    });
    expect(result.text).not.toContain(APPLICATION_DEMO.adminToken);
    expect(result.text).not.toContain(APPLICATION_DEMO.adminPubsubToken);
  });

  it('reads the account once however many of its fields are selected', async () => {
    const result = await app.gateway.query('{ account(id: 1) { id name locale status enabledFeatures supportEmail } }', {}, AGENT);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      account: { id: '1', name: 'Demo Account', locale: 'en', status: 'ACTIVE', supportEmail: 'support@example.com', enabledFeatures: expect.arrayContaining(['api_and_webhooks']) },
    });
  });

  it('lets an administrator create, rename and delete a label, and refuses an agent with FORBIDDEN role', async () => {
    const created = await app.gateway.query<{ createLabel: { id: string; title: string } }>(
      'mutation { createLabel(accountId: 1, input: { title: "Urgent", color: "#ff0000" }) { id title color } }',
      {},
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createLabel).toMatchObject({ title: 'urgent', color: '#ff0000' });
    const id = created.data!.createLabel.id;
    const denied = await app.gateway.query(`mutation { deleteLabel(accountId: 1, id: ${id}) { id } }`, {}, AGENT);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
    const deleted = await app.gateway.query(`mutation { deleteLabel(accountId: 1, id: ${id}) { id deleted } }`, {}, ADMIN);
    expect(deleted.data).toEqual({ deleteLabel: { id, deleted: true } });
    const list = await app.gateway.query<{ account: { labels: { title: string }[] } }>('{ account(id: 1) { labels { title } } }', {}, AGENT);
    expect(list.data?.account.labels.map((l) => l.title)).toEqual(['billing', 'vip']);
  });
});
