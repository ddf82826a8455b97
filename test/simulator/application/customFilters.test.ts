import { ADMIN, AGENT, useApplicationSimulator } from '../../support/application';

const QUERY = { payload: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: null }] };

describe('saved filters against the simulator', () => {
  const app = useApplicationSimulator();
  const create = (name: string, type: string, headers: Record<string, string>) =>
    app.gateway.query<{ createCustomFilter: { id: string } }>(
      `mutation($query: JSONObject!) { createCustomFilter(accountId: 1, input: { name: "${name}", type: ${type}, query: $query }) { id name type query } }`,
      { query: QUERY },
      headers,
    );

  it('keeps each user to their own filters, of the kind asked for (conversations by default)', async () => {
    const mine = await create('Open ones', 'CONVERSATION', AGENT);
    expect(mine.data?.createCustomFilter).toMatchObject({ name: 'Open ones', type: 'CONVERSATION', query: QUERY });
    await create('Leads', 'CONTACT', AGENT);
    await create('Admin view', 'CONVERSATION', ADMIN);
    expect((await app.gateway.query('{ account(id: 1) { customFilters { name } } }', {}, AGENT)).data).toEqual({ account: { customFilters: [{ name: 'Open ones' }] } });
    expect((await app.gateway.query('{ account(id: 1) { customFilters(type: CONTACT) { name } } }', {}, AGENT)).data).toEqual({ account: { customFilters: [{ name: 'Leads' }] } });
    const id = mine.data!.createCustomFilter.id;
    const foreign = await app.gateway.query(`{ account(id: 1) { customFilter(id: ${id}) { id } } }`, {}, ADMIN);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('changes and deletes a filter of the caller', async () => {
    const created = await create('Temp', 'REPORT', AGENT);
    const id = created.data!.createCustomFilter.id;
    const updated = await app.gateway.query(`mutation { updateCustomFilter(accountId: 1, id: ${id}, input: { name: "Weekly", type: CONVERSATION }) { name type } }`, {}, AGENT);
    expect(updated.data).toEqual({ updateCustomFilter: { name: 'Weekly', type: 'CONVERSATION' } });
    const deleted = await app.gateway.query(`mutation { deleteCustomFilter(accountId: 1, id: ${id}) { id deleted } }`, {}, AGENT);
    expect(deleted.data).toEqual({ deleteCustomFilter: { id, deleted: true } });
    const gone = await app.gateway.query(`{ account(id: 1) { customFilter(id: ${id}) { id } } }`, {}, AGENT);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
