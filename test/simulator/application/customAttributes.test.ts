import { ADMIN, AGENT, useApplicationSimulator } from '../../support/application';

describe('custom attribute definitions against the simulator', () => {
  const app = useApplicationSimulator();

  it('creates definitions of different models, lists them by model or all, changes and deletes one', async () => {
    const create = (key: string, model: string, type: string) =>
      app.gateway.query<{ createCustomAttributeDefinition: { id: string } }>(
        `mutation { createCustomAttributeDefinition(accountId: 1, input: { displayName: "${key}", key: "${key}", displayType: ${type}, model: ${model}, values: ["a", "b"] }) { id key model displayType values } }`,
        {},
        ADMIN,
      );
    const plan = await create('plan', 'CONTACT', 'LIST');
    expect(plan.data?.createCustomAttributeDefinition).toMatchObject({ key: 'plan', model: 'CONTACT', displayType: 'LIST', values: ['a', 'b'] });
    await create('order_id', 'CONVERSATION', 'NUMBER');
    const contacts = await app.gateway.query('{ account(id: 1) { customAttributeDefinitions(model: CONTACT) { key } } }', {}, AGENT);
    expect(contacts.data).toEqual({ account: { customAttributeDefinitions: [{ key: 'plan' }] } });
    const all = await app.gateway.query('{ account(id: 1) { customAttributeDefinitions { key } } }', {}, AGENT);
    expect(all.data).toEqual({ account: { customAttributeDefinitions: [{ key: 'plan' }, { key: 'order_id' }] } });
    const id = plan.data!.createCustomAttributeDefinition.id;
    const updated = await app.gateway.query(`mutation { updateCustomAttributeDefinition(accountId: 1, id: ${id}, input: { description: "Plan" }) { description updatedAt } }`, {}, ADMIN);
    expect(updated.data).toEqual({ updateCustomAttributeDefinition: { description: 'Plan', updatedAt: expect.any(String) } });
    const deleted = await app.gateway.query(`mutation { deleteCustomAttributeDefinition(accountId: 1, id: ${id}) { id deleted } }`, {}, ADMIN);
    expect(deleted.data).toEqual({ deleteCustomAttributeDefinition: { id, deleted: true } });
    const gone = await app.gateway.query(`{ account(id: 1) { customAttributeDefinition(id: ${id}) { id } } }`, {}, ADMIN);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a duplicate key in one model with BAD_USER_INPUT, and an agent with FORBIDDEN role', async () => {
    const document = 'mutation { createCustomAttributeDefinition(accountId: 1, input: { displayName: "Tier", key: "tier", displayType: TEXT, model: CONTACT }) { id } }';
    expect((await app.gateway.query(document, {}, ADMIN)).errors).toBeUndefined();
    const duplicate = await app.gateway.query(document, {}, ADMIN);
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: ['attributeKey'] });
    const denied = await app.gateway.query(document.replace('"tier"', '"tier2"'), {}, AGENT);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'role' });
  });
});
