import { useGatewayWithFakeChatwoot } from '../support/harness';
import { VERSION } from '../../src/version';

const UPDATE = `
  mutation Update($inbox: String!, $contact: String!, $input: UpdateContactInput!, $options: RequestOptionsInput) {
    updateContact(inboxIdentifier: $inbox, contactIdentifier: $contact, input: $input, options: $options) {
      id sourceId inboxIdentifier name email phoneNumber identifier avatarUrl customAttributes pubsubToken
    }
  }`;

const SERVER_TOKEN = 'server-token-secret-123';

describe('updateContact', () => {
  const harness = useGatewayWithFakeChatwoot({ CHATWOOT_API_ACCESS_TOKEN: SERVER_TOKEN });

  const update = (input: Record<string, unknown>, headers?: Record<string, string>) =>
    harness.gateway.query(UPDATE, { inbox: 'inbox-abc', contact: 'contact-1', input }, headers);

  it.each([
    ['identifier', 'identifier', 'user-77'],
    ['identifierHash', 'identifier_hash', 'a'.repeat(64)],
    ['email', 'email', 'new@example.com'],
    ['name', 'name', 'Alice Liddell'],
    ['phoneNumber', 'phone_number', '+14155550123'],
    ['avatarUrl', 'avatar_url', 'https://cdn.example.com/a/avatar.png'],
    ['customAttributes', 'custom_attributes', { plan: 'pro', seats: 3, nested: { a: [1, 2] } }],
  ])('sends %s alone as %s when it is the only field set', async (field, wireName, value) => {
    const result = await update({ [field]: value });

    expect(result.errors).toBeUndefined();
    const request = harness.chatwoot.last();
    expect(request.method).toBe('PATCH');
    expect(request.path).toBe('/public/api/v1/inboxes/inbox-abc/contacts/contact-1');
    expect(request.json).toEqual({ [wireName]: value });
  });

  it('sends every field together in one PATCH with the exact body', async () => {
    const input = {
      identifier: 'user-77',
      identifierHash: 'f'.repeat(64),
      email: 'alice@example.com',
      name: 'Alice',
      phoneNumber: '+4915123456789',
      avatarUrl: 'http://img.example.com/alice.jpg',
      customAttributes: { plan: 'pro' },
    };
    await update(input);

    expect(harness.chatwoot.requests).toHaveLength(1);
    expect(harness.chatwoot.last().json).toEqual({
      identifier: 'user-77',
      identifier_hash: 'f'.repeat(64),
      email: 'alice@example.com',
      name: 'Alice',
      phone_number: '+4915123456789',
      avatar_url: 'http://img.example.com/alice.jpg',
      custom_attributes: { plan: 'pro' },
    });
  });

  it('sends an explicit null as JSON null and leaves omitted fields out', async () => {
    await update({ name: null, email: 'a@example.com' });
    expect(harness.chatwoot.last().text).toBe('{"email":"a@example.com","name":null}');
  });

  it('returns the contact Chatwoot answers with, in camelCase, with the inbox it was reached through', async () => {
    const result = await update({ name: 'Alice' });
    expect(result.data).toEqual({
      updateContact: {
        id: '42',
        sourceId: 'contact-1',
        inboxIdentifier: 'inbox-abc',
        name: 'Alice',
        email: 'alice@example.com',
        phoneNumber: '+14155550123',
        identifier: null,
        avatarUrl: null,
        customAttributes: null,
        pubsubToken: 'pubsubTokenAAAAAAAAAAAAA',
      },
    });
  });

  it('maps the full contact record older Chatwoot versions return, custom attributes included', async () => {
    harness.chatwoot.reply(() => ({
      body: {
        id: 7,
        name: 'Alice',
        email: 'alice@example.com',
        phone_number: null,
        account_id: 1,
        identifier: 'user-77',
        custom_attributes: { plan: 'pro', nested: { a: 1 } },
        additional_attributes: {},
        contact_type: 'lead',
      },
    }));
    const result = await update({ customAttributes: { plan: 'pro' } });
    expect(result.data?.updateContact).toMatchObject({
      id: '7',
      identifier: 'user-77',
      customAttributes: { plan: 'pro', nested: { a: 1 } },
      sourceId: null,
      pubsubToken: null,
    });
  });

  it('sends JSON with accept, content-type, a gateway user-agent and the configured token', async () => {
    await update({ name: 'Alice' });
    const { headers } = harness.chatwoot.last();
    expect(headers['content-type']).toBe('application/json');
    expect(headers.accept).toBe('application/json');
    expect(headers['user-agent']).toContain(`chatwoot-graphql-gateway/${VERSION}`);
    expect(headers['api-access-token']).toBe(SERVER_TOKEN);
    expect(headers['api_access_token']).toBeUndefined();
  });

  it.each(['api-access-token', 'api_access_token'])(
    'forwards the caller token from the %s header instead of the configured one',
    async (headerName) => {
      await update({ name: 'Alice' }, { [headerName]: 'caller-token-456' });
      expect(harness.chatwoot.last().headers['api-access-token']).toBe('caller-token-456');
    },
  );

  it('reuses one keep-alive connection for consecutive calls', async () => {
    await update({ name: 'A' });
    await update({ name: 'B' });
    await update({ name: 'C' });
    const ports = new Set(harness.chatwoot.requests.map((r) => r.remotePort));
    expect(harness.chatwoot.requests).toHaveLength(3);
    expect(ports.size).toBe(1);
  });
});

describe('contact query', () => {
  const harness = useGatewayWithFakeChatwoot();

  it('reads the contact with a GET and no body', async () => {
    const result = await harness.gateway.query(
      'query($i: String!, $c: String!) { contact(inboxIdentifier: $i, contactIdentifier: $c) { id name sourceId } }',
      { i: 'inbox-abc', c: 'contact-1' },
    );
    expect(result.data).toEqual({ contact: { id: '42', name: 'Alice', sourceId: 'contact-1' } });
    const request = harness.chatwoot.last();
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/public/api/v1/inboxes/inbox-abc/contacts/contact-1');
    expect(request.text).toBe('');
    expect(request.headers['content-type']).toBeUndefined();
  });

  it('sends identifier and identifier_hash in the query string when given', async () => {
    await harness.gateway.query(
      'query { contact(inboxIdentifier: "i", contactIdentifier: "c", identifier: "user 1&x", identifierHash: "abc") { id } }',
    );
    expect(harness.chatwoot.last().url).toBe('/public/api/v1/inboxes/i/contacts/c?identifier=user+1%26x&identifier_hash=abc');
  });

  it('answers null with a NOT_FOUND error when Chatwoot has no such contact', async () => {
    harness.chatwoot.reply(() => ({ status: 404, body: { status: 404, error: 'Not Found' } }));
    const result = await harness.gateway.query(
      'query { contact(inboxIdentifier: "inbox-abc", contactIdentifier: "missing") { id } }',
    );
    expect(result.data).toEqual({ contact: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.path).toEqual(['contact']);
  });
});
