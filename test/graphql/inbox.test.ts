import { useGatewayWithFakeChatwoot } from '../support/harness';
import { clientApiHandler, INBOX } from '../support/clientApi';
import { slimContact } from '../support/servers';

describe('inbox and createContact', () => {
  const harness = useGatewayWithFakeChatwoot({}, () => clientApiHandler());

  it('returns the public inbox in camelCase with its weekly schedule', async () => {
    const result = await harness.gateway.query(`{ inbox(identifier: "${INBOX}") {
      identifier name timezone workingHoursEnabled csatSurveyEnabled greetingEnabled identityValidationEnabled
      workingHours { dayOfWeek closedAllDay openAllDay openHour openMinutes closeHour closeMinutes }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      inbox: {
        identifier: INBOX,
        name: 'Website',
        timezone: 'Europe/Berlin',
        workingHoursEnabled: true,
        csatSurveyEnabled: true,
        greetingEnabled: false,
        identityValidationEnabled: false,
        workingHours: [
          { dayOfWeek: 0, closedAllDay: true, openAllDay: false, openHour: null, openMinutes: null, closeHour: null, closeMinutes: null },
          { dayOfWeek: 1, closedAllDay: false, openAllDay: false, openHour: 9, openMinutes: 30, closeHour: 17, closeMinutes: 0 },
        ],
      },
    });
  });

  it('returns null with NOT_FOUND when Chatwoot knows no such inbox', async () => {
    harness.chatwoot.reply(() => ({ status: 404, body: { status: 404, error: 'Not Found' } }));
    const result = await harness.gateway.query(`{ inbox(identifier: "nope") { name } }`);
    expect(result.data).toEqual({ inbox: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: { status: 404, method: 'GET' } });
  });

  it('refuses a blank inbox identifier with BAD_USER_INPUT before calling Chatwoot', async () => {
    const result = await harness.gateway.query(`{ inbox(identifier: "  ") { name } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inboxIdentifier' });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('reads a contact through the inbox, with the inbox it was reached through', async () => {
    const result = await harness.gateway.query(`{ inbox(identifier: "${INBOX}") { contact(identifier: "c/1") { id sourceId inboxIdentifier name } } }`);
    expect(result.data).toEqual({ inbox: { contact: { id: '42', sourceId: 'c/1', inboxIdentifier: INBOX, name: 'Alice' } } });
    expect(harness.chatwoot.last().path).toBe(`/public/api/v1/inboxes/${INBOX}/contacts/c%2F1`);
  });

  it('returns a null contact with NOT_FOUND when the inbox has no such contact, keeping the inbox', async () => {
    harness.chatwoot.reply((r) => (r.path.includes('/contacts/') ? { status: 404, body: { status: 404, error: 'Not Found' } } : clientApiHandler()(r)));
    const result = await harness.gateway.query(`{ inbox(identifier: "${INBOX}") { name contact(identifier: "gone") { id } } }`);
    expect(result.data).toEqual({ inbox: { name: 'Website', contact: null } });
    expect(result.errors?.[0]).toMatchObject({ path: ['inbox', 'contact'], extensions: { code: 'NOT_FOUND' } });
  });

  it('refuses a blank contact identifier on Inbox.contact with BAD_USER_INPUT', async () => {
    const result = await harness.gateway.query(`{ inbox(identifier: "${INBOX}") { contact(identifier: "") { id } } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contactIdentifier' });
    expect(harness.chatwoot.requests.some((r) => r.path.includes('/contacts'))).toBe(false);
  });

  it('returns the created contact, whose sourceId addresses it from then on', async () => {
    const result = await harness.gateway.query(
      `mutation { createContact(inboxIdentifier: "${INBOX}", input: { name: "Neo" }) { id sourceId inboxIdentifier name pubsubToken } }`,
    );
    expect(result.data).toEqual({
      createContact: { id: '43', sourceId: 'new-contact', inboxIdentifier: INBOX, name: 'Alice', pubsubToken: slimContact().pubsub_token },
    });
    expect(harness.chatwoot.last().json).toEqual({ name: 'Neo' });
  });

  it('reports NOT_FOUND when creating a contact in an unknown inbox', async () => {
    harness.chatwoot.reply(() => ({ status: 404, body: { status: 404, error: 'Not Found' } }));
    const result = await harness.gateway.query(`mutation { createContact(inboxIdentifier: "nope", input: {}) { id } }`);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reports Chatwoot refusing an invalid field as BAD_USER_INPUT naming the field', async () => {
    harness.chatwoot.reply(() => ({ status: 422, body: { message: 'Name is too long (maximum is 255 characters)', attributes: ['name'] } }));
    const result = await harness.gateway.query(`mutation { createContact(inboxIdentifier: "${INBOX}", input: { name: "x" }) { id } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: ['name'] });
    expect(result.errors?.[0]?.message).toContain('Name is too long');
  });

  it('refuses an invalid e-mail address in createContact before calling Chatwoot', async () => {
    const result = await harness.gateway.query(`mutation { createContact(inboxIdentifier: "${INBOX}", input: { email: "not-an-email" }) { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(harness.chatwoot.requests).toHaveLength(0);
  });
});
