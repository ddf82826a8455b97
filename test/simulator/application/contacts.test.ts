import { startSimulator, type Simulator } from '../../../src/simulator';
import { ADMIN, AGENT, startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';

/** Account contacts through the gateway against the simulator: pages, search, filters, labels, merges, errors. */

type ContactPage = { nodes: { id: string; name: string }[]; page: number; perPage: number; totalCount?: number; hasNextPage: boolean };

describe('account contacts against the simulator', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startSimulator();
    gateway = await startApplicationGateway(simulator.url);
    for (let i = 1; i <= 20; i++) {
      simulator.store.addContact({ name: `Customer ${String(i).padStart(2, '0')}`, email: `c${i}@shop.example`, customAttributes: { tier: i % 2 ? 'gold' : 'silver' } });
    }
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  it('pages the list 15 at a time with the total, sorted as asked', async () => {
    const q = (args: string) => gateway.query<{ account: { contacts: ContactPage } }>(`{ account(id: 1) { contacts${args} { nodes { id name } page perPage totalCount hasNextPage } } }`, {}, AGENT);
    const first = (await q('(sort: { field: NAME, descending: true })')).data!.account.contacts;
    expect(first).toMatchObject({ page: 1, perPage: 15, totalCount: 22, hasNextPage: true });
    expect(first.nodes[0]!.name).toBe('Customer 20');
    const second = (await q('(page: 2, sort: { field: NAME })')).data!.account.contacts;
    expect(second).toMatchObject({ page: 2, totalCount: 22, hasNextPage: false });
    expect(second.nodes).toHaveLength(7);
  });

  it('searches without inventing a total: hasNextPage comes from has_more', async () => {
    const result = await gateway.query<{ account: { searchContacts: ContactPage } }>(
      '{ account(id: 1) { searchContacts(query: "shop.example") { nodes { name } page perPage hasNextPage } } }',
      {},
      AGENT,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.account.searchContacts).toMatchObject({ page: 1, perPage: 15, hasNextPage: true });
    expect(result.data!.account.searchContacts.nodes).toHaveLength(15);
  });

  it('filters by a custom attribute and by a standard one joined with OR', async () => {
    const result = await gateway.query<{ account: { filterContacts: ContactPage } }>(
      `{ account(id: 1) { filterContacts(filter: { conditions: [
          { customAttributeKey: "tier", operator: EQUAL_TO, values: ["gold"], next: OR },
          { attribute: NAME, operator: CONTAINS, values: ["alice"] } ] }) { nodes { name } totalCount } } }`,
      {},
      AGENT,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.account.filterContacts.totalCount).toBe(11);
    expect(result.data!.account.filterContacts.nodes.map((n) => n.name)).toContain('Alice Demo');
  });

  it('names the condition a filter gets wrong, before any call', async () => {
    const cases: [string, string][] = [
      ['{ attribute: NAME, operator: IS_GREATER_THAN, values: ["a"] }', 'filter.conditions[0].operator'],
      ['{ attribute: NAME, operator: EQUAL_TO, values: ["a"], next: AND }', 'filter.conditions[0].next'],
      ['{ attribute: NAME, operator: EQUAL_TO, values: ["a"] }, { attribute: EMAIL, operator: CONTAINS, values: [] }', 'filter.conditions[0].next'],
      ['{ attribute: CREATED_AT, operator: IS_LESS_THAN, values: ["yesterday"] }', 'filter.conditions[0].values[0]'],
      ['{ operator: EQUAL_TO, values: ["a"] }', 'filter.conditions[0]'],
    ];
    for (const [conditions, field] of cases) {
      const result = await gateway.query(`{ account(id: 1) { filterContacts(filter: { conditions: [${conditions}] }) { totalCount } } }`, {}, AGENT);
      expect({ conditions, extensions: result.errors?.[0]?.extensions }).toEqual({ conditions, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
    }
  });

  it('creates a contact in an inbox, refuses a duplicate e-mail, and merges attributes on update', async () => {
    const created = await gateway.query<{ createAccountContact: { id: string; contactInboxes: { sourceId: string; inbox: { id: string; channelType: string } }[] } }>(
      'mutation { createAccountContact(accountId: 1, input: { inboxId: 1, name: "Carol", email: "Carol@Example.com", customAttributes: { plan: "pro", seats: 3 } }) { id email contactInboxes { sourceId inbox { id channelType } } } }',
      {},
      AGENT,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAccountContact.contactInboxes).toEqual([{ sourceId: expect.any(String), inbox: { id: '1', channelType: 'API' } }]);
    const id = created.data!.createAccountContact.id;
    const duplicate = await gateway.query('mutation { createAccountContact(accountId: 1, input: { email: "carol@example.com" }) { id } }', {}, AGENT);
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const updated = await gateway.query(`mutation { updateAccountContact(accountId: 1, id: ${id}, input: { customAttributes: { seats: 5 } }) { customAttributes } }`, {}, AGENT);
    expect(updated.data).toEqual({ updateAccountContact: { customAttributes: { plan: 'pro', seats: 5 } } });
  });

  it('replaces the label set of a contact', async () => {
    const set = await gateway.query('mutation { setContactLabels(accountId: 1, contactId: 1, labels: ["vip", "billing"]) }', {}, AGENT);
    expect(set.data).toEqual({ setContactLabels: ['vip', 'billing'] });
    await gateway.query('mutation { setContactLabels(accountId: 1, contactId: 1, labels: ["billing"]) }', {}, AGENT);
    const read = await gateway.query('{ account(id: 1) { contact(id: 1) { labels } } }', {}, AGENT);
    expect(read.data).toEqual({ account: { contact: { labels: ['billing'] } } });
    const withLabel = await gateway.query<{ account: { contacts: ContactPage } }>('{ account(id: 1) { contacts(labels: ["billing"]) { nodes { name } totalCount } } }', {}, AGENT);
    expect(withLabel.data!.account.contacts).toEqual({ nodes: [{ name: 'Alice Demo' }], totalCount: 1 });
  });

  it("merges a contact into another: the mergee's conversations move and it is gone", async () => {
    const { store } = simulator;
    const base = store.addContact({ name: 'Dana' });
    const mergee = store.addContact({ name: 'Dana (duplicate)' });
    const link = store.linkContact(mergee, store.inboxes[0]!);
    const conversation = store.addConversation(link);
    const merged = await gateway.query(`mutation { mergeContacts(accountId: 1, baseContactId: ${base.id}, mergeeContactId: ${mergee.id}) { id name conversations { displayId } } }`, {}, AGENT);
    expect(merged.errors).toBeUndefined();
    expect(merged.data).toEqual({ mergeContacts: { id: String(base.id), name: 'Dana', conversations: [{ displayId: conversation.displayId }] } });
    const gone = await gateway.query(`{ account(id: 1) { contact(id: ${mergee.id}) { id } } }`, {}, AGENT);
    expect(gone.data).toEqual({ account: { contact: null } });
  });

  it('lets only administrators delete a contact', async () => {
    const contact = simulator.store.addContact({ name: 'Eve' });
    const denied = await gateway.query(`mutation { deleteAccountContact(accountId: 1, id: ${contact.id}) { id } }`, {}, AGENT);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const deleted = await gateway.query(`mutation { deleteAccountContact(accountId: 1, id: ${contact.id}) { id deleted } }`, {}, ADMIN);
    expect(deleted.data).toEqual({ deleteAccountContact: { id: String(contact.id), deleted: true } });
  });

  it('links a contact to an inbox the agent works in, lists contactable inboxes, and refuses an inbox the agent is not in', async () => {
    const contact = simulator.store.addContact({ name: 'Finn' });
    const linked = await gateway.query(`mutation { linkContactToInbox(accountId: 1, contactId: ${contact.id}, inboxId: 1, sourceId: "finn-1") { sourceId inbox { id } } }`, {}, AGENT);
    expect(linked.data).toEqual({ linkContactToInbox: { sourceId: 'finn-1', inbox: { id: '1' } } });
    const refused = await gateway.query(`mutation { linkContactToInbox(accountId: 1, contactId: ${contact.id}, inboxId: 2) { sourceId } }`, {}, AGENT);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const inboxes = await gateway.query(`{ account(id: 1) { contact(id: ${contact.id}) { contactableInboxes { sourceId inbox { id } } } } }`, {}, AGENT);
    expect(inboxes.data).toEqual({ account: { contact: { contactableInboxes: [{ sourceId: 'finn-1', inbox: { id: '1' } }] } } });
  });
});
