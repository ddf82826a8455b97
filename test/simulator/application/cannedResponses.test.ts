import { AGENT, useApplicationSimulator } from '../../support/application';

describe('canned responses against the simulator', () => {
  const app = useApplicationSimulator();

  it('lets an agent create, search, change and delete canned responses (Chatwoot has no policy for them)', async () => {
    const created = await app.gateway.query<{ createCannedResponse: { id: string } }>(
      'mutation { createCannedResponse(accountId: 1, input: { shortCode: "refund", content: "Your refund is on its way." }) { id shortCode } }',
      {},
      AGENT,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createCannedResponse.id;
    const byCode = await app.gateway.query('{ account(id: 1) { cannedResponses(search: "REF") { shortCode } } }', {}, AGENT);
    expect(byCode.data).toEqual({ account: { cannedResponses: [{ shortCode: 'refund' }] } });
    const byContent = await app.gateway.query('{ account(id: 1) { cannedResponses(search: "writing") { shortCode } } }', {}, AGENT);
    expect(byContent.data).toEqual({ account: { cannedResponses: [{ shortCode: 'thanks' }] } });
    const updated = await app.gateway.query(`mutation { updateCannedResponse(accountId: 1, id: ${id}, input: { content: "Refunded." }) { content } }`, {}, AGENT);
    expect(updated.data).toEqual({ updateCannedResponse: { content: 'Refunded.' } });
    const deleted = await app.gateway.query(`mutation { deleteCannedResponse(accountId: 1, id: ${id}) { id deleted } }`, {}, AGENT);
    expect(deleted.data).toEqual({ deleteCannedResponse: { id, deleted: true } });
    const all = await app.gateway.query('{ account(id: 1) { cannedResponses { shortCode } } }', {}, AGENT);
    expect(all.data).toEqual({ account: { cannedResponses: [{ shortCode: 'thanks' }] } });
  });

  it('refuses a short code already in use with BAD_USER_INPUT naming the field, and an unknown id with NOT_FOUND', async () => {
    const duplicate = await app.gateway.query('mutation { createCannedResponse(accountId: 1, input: { shortCode: "thanks", content: "Again" }) { id } }', {}, AGENT);
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: ['shortCode'] });
    const missing = await app.gateway.query('mutation { deleteCannedResponse(accountId: 1, id: 999) { id } }', {}, AGENT);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
