import { ADMIN, AGENT, useApplicationSimulator } from '../../support/application';

type Inboxes = { account: { inboxes: { id: string; name: string }[] } };

describe('inboxes, their members and bots against the simulator', () => {
  const app = useApplicationSimulator();
  const memberIds = async (inboxId: string) =>
    (await app.gateway.query<{ account: { inbox: { members: { id: string }[] } } }>(`{ account(id: 1) { inbox(id: ${inboxId}) { members { id } } } }`, {}, ADMIN)).data
      ?.account.inbox.members.map((m) => m.id);

  it('shows administrators every inbox and agents the inboxes they work in; another inbox is FORBIDDEN', async () => {
    const admin = await app.gateway.query<Inboxes>('{ account(id: 1) { inboxes { id } } }', {}, ADMIN);
    expect(admin.data?.account.inboxes.map((i) => i.id)).toEqual(['1', '2']);
    const agent = await app.gateway.query<Inboxes>('{ account(id: 1) { inboxes { id channelType } } }', {}, AGENT);
    expect(agent.data).toEqual({ account: { inboxes: [{ id: '1', channelType: 'API' }] } });
    const other = await app.gateway.query('{ account(id: 1) { inbox(id: 2) { id } } }', {}, AGENT);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('creates an API inbox whose public side the Client API serves, and updates it', async () => {
    const created = await app.gateway.query<{ createInbox: { id: string; inboxIdentifier: string; publicInbox: { identifier: string; name: string } } }>(
      'mutation { createInbox(accountId: 1, input: { name: "Partner API", greetingEnabled: true, channel: { type: API, webhookUrl: "https://example.com/hook" } }) { id channelType greetingEnabled inboxIdentifier publicInbox { identifier name } } }',
      {},
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const inbox = created.data!.createInbox;
    expect(inbox).toMatchObject({ channelType: 'API', greetingEnabled: true, publicInbox: { name: 'Partner API', identifier: inbox.inboxIdentifier } });
    const updated = await app.gateway.query(`mutation { updateInbox(accountId: 1, id: ${inbox.id}, input: { name: "Partners", senderNameType: PROFESSIONAL, businessName: "Acme" }) { name senderNameType businessName } }`, {}, ADMIN);
    expect(updated.data).toEqual({ updateInbox: { name: 'Partners', senderNameType: 'PROFESSIONAL', businessName: 'Acme' } });
  });

  it('creates a website inbox, which has no Client API side', async () => {
    const created = await app.gateway.query<{ createInbox: { websiteToken: string | null } }>(
      'mutation { createInbox(accountId: 1, input: { name: "Site", channel: { type: WEB_WIDGET, websiteUrl: "https://acme.example", widgetColor: "#123456" } }) { channelType websiteUrl widgetColor websiteToken inboxIdentifier publicInbox { identifier } } }',
      {},
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createInbox).toMatchObject({ channelType: 'WEB_WIDGET', websiteUrl: 'https://acme.example', widgetColor: '#123456', inboxIdentifier: null, publicInbox: null });
    expect(created.data?.createInbox.websiteToken).toEqual(expect.any(String));
  });

  it('refuses an agent creating an inbox with FORBIDDEN role', async () => {
    const denied = await app.gateway.query('mutation { createInbox(accountId: 1, input: { name: "X", channel: { type: API } }) { id } }', {}, AGENT);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
  });

  it('adds, replaces and removes inbox members; ids outside the account are BAD_USER_INPUT', async () => {
    expect(await memberIds('2')).toEqual(['1']);
    const added = await app.gateway.query('mutation { addInboxMembers(accountId: 1, inboxId: 2, userIds: [2]) { id } }', {}, ADMIN);
    expect(added.data).toEqual({ addInboxMembers: [{ id: '1' }, { id: '2' }] });
    const replaced = await app.gateway.query('mutation { setInboxMembers(accountId: 1, inboxId: 2, userIds: [2]) { id } }', {}, ADMIN);
    expect(replaced.data).toEqual({ setInboxMembers: [{ id: '2' }] });
    const invalid = await app.gateway.query('mutation { addInboxMembers(accountId: 1, inboxId: 2, userIds: [999]) { id } }', {}, ADMIN);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const removed = await app.gateway.query('mutation { removeInboxMembers(accountId: 1, inboxId: 2, userIds: [2]) { userIds } }', {}, ADMIN);
    expect(removed.data).toEqual({ removeInboxMembers: { userIds: ['2'] } });
    expect(await memberIds('2')).toEqual([]);
    await app.gateway.query('mutation { setInboxMembers(accountId: 1, inboxId: 2, userIds: [1]) { id } }', {}, ADMIN);
  });

  it('connects an agent bot to an inbox, shows it to the inbox agents, and disconnects it with null', async () => {
    const triage = app.simulator.application.structure.agentBots.find((bot) => bot.name === 'Triage')!;
    const none = await app.gateway.query('{ account(id: 1) { inbox(id: 1) { agentBot { id } } } }', {}, AGENT);
    expect(none.data).toEqual({ account: { inbox: { agentBot: null } } });
    const set = await app.gateway.query(`mutation { setInboxAgentBot(accountId: 1, inboxId: 1, agentBotId: ${triage.id}) { inboxId agentBotId } }`, {}, ADMIN);
    expect(set.data).toEqual({ setInboxAgentBot: { inboxId: '1', agentBotId: String(triage.id) } });
    const shown = await app.gateway.query('{ account(id: 1) { inbox(id: 1) { agentBot { name } } } }', {}, AGENT);
    expect(shown.data).toEqual({ account: { inbox: { agentBot: { name: 'Triage' } } } });
    await app.gateway.query('mutation { setInboxAgentBot(accountId: 1, inboxId: 1, agentBotId: null) { inboxId } }', {}, ADMIN);
    const cleared = await app.gateway.query('{ account(id: 1) { inbox(id: 1) { agentBot { id } } } }', {}, ADMIN);
    expect(cleared.data).toEqual({ account: { inbox: { agentBot: null } } });
  });

  it('sets the branded e-mail layout only with the feature on, reads it back and clears it', async () => {
    const document = 'mutation($layout: String) { setBrandedEmailLayout(accountId: 1, layout: $layout) }';
    const off = await app.gateway.query(document, { layout: '<p>{{ content }}</p>' }, ADMIN);
    expect(off.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    app.simulator.application.accounts.get(1)!.features.branded_email_templates = true;
    expect((await app.gateway.query(document, { layout: '<p>{{ content }}</p>' }, ADMIN)).data).toEqual({ setBrandedEmailLayout: '<p>{{ content }}</p>' });
    expect((await app.gateway.query('{ account(id: 1) { brandedEmailLayout } }', {}, ADMIN)).data).toEqual({ account: { brandedEmailLayout: '<p>{{ content }}</p>' } });
    expect((await app.gateway.query(document, { layout: null }, ADMIN)).data).toEqual({ setBrandedEmailLayout: null });
    const agent = await app.gateway.query('{ account(id: 1) { brandedEmailLayout } }', {}, AGENT);
    expect(agent.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
  });
});
