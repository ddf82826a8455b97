import { startFakeChatwoot } from '../support/servers';
import { startTestGateway } from '../support/gateway';
import { useGatewayWithFakeChatwoot } from '../support/harness';

const UPDATE = `
  mutation Update($inbox: String!, $contact: String!) {
    updateContact(inboxIdentifier: $inbox, contactIdentifier: $contact, input: { name: "A" }) { id }
  }`;

describe('identifiers in the upstream path', () => {
  const harness = useGatewayWithFakeChatwoot();

  it.each([
    ['../x', '..%2Fx'],
    ['../../api/v1/accounts/1/contacts', '..%2F..%2Fapi%2Fv1%2Faccounts%2F1%2Fcontacts'],
    ['a/b', 'a%2Fb'],
    ['what?admin=1', 'what%3Fadmin%3D1'],
    ['frag#ment', 'frag%23ment'],
    ['%2F', '%252F'],
    ['...', '...'],
    ['.hidden', '.hidden'],
    ['sp ace', 'sp%20ace'],
    ['ünïcødé', '%C3%BCn%C3%AFc%C3%B8d%C3%A9'],
  ])('sends the contact identifier %j as the single segment %s', async (contact, encoded) => {
    const result = await harness.gateway.query(UPDATE, { inbox: 'inbox-abc', contact });
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.last().url).toBe(`/public/api/v1/inboxes/inbox-abc/contacts/${encoded}`);
  });

  it.each([['x/../../y', 'x%2F..%2F..%2Fy']])('sends the inbox identifier %j as the single segment %s', async (inbox, encoded) => {
    await harness.gateway.query(UPDATE, { inbox, contact: 'c1' });
    expect(harness.chatwoot.last().url).toBe(`/public/api/v1/inboxes/${encoded}/contacts/c1`);
  });

  // Encoded as %2E they would still be resolved: WHATWG URL parsing (and proxies that normalise) treats %2E%2E as "..".
  it.each([
    ['contact', '.'],
    ['contact', '..'],
    ['inbox', '..'],
    ['inbox', '.'],
  ])('refuses the %s identifier %j with BAD_USER_INPUT naming it, before calling Chatwoot', async (which, value) => {
    const variables = which === 'inbox' ? { inbox: value, contact: 'c1' } : { inbox: 'inbox-abc', contact: value };
    const result = await harness.gateway.query(UPDATE, variables);
    const field = which === 'inbox' ? 'inboxIdentifier' : 'contactIdentifier';
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(/must not be "\." or "\.\."/);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it.each([
    ['a lone high surrogate', 'abc\ud800'],
    ['a lone low surrogate', '\udc00xyz'],
    ['reversed pair', '\udc00\ud800'],
  ])('refuses an identifier holding %s as BAD_USER_INPUT naming it, not an internal error', async (_label, contact) => {
    const result = await harness.gateway.query(UPDATE, { inbox: 'inbox-abc', contact });
    expect(result.status).toBe(200);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'contactIdentifier' });
    expect(result.errors?.[0]?.message).toMatch(/well-formed Unicode/);
    expect(harness.gateway.internalErrors).toHaveLength(0);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses an identity proof holding a lone surrogate as BAD_USER_INPUT, instead of sending it altered', async () => {
    const read = 'query($id: String) { contact(inboxIdentifier: "inbox-abc", contactIdentifier: "c1", identifier: $id, identifierHash: "abc") { id } }';
    const result = await harness.gateway.query(read, { id: 'user\ud800' });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'identifier' });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('still sends an identifier with a well-formed surrogate pair (an emoji), UTF-8 encoded', async () => {
    const result = await harness.gateway.query(UPDATE, { inbox: 'inbox-abc', contact: 'a\u{1F600}' });
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.last().url).toBe('/public/api/v1/inboxes/inbox-abc/contacts/a%F0%9F%98%80');
  });

  it('refuses an identifier longer than 512 characters before calling Chatwoot', async () => {
    const result = await harness.gateway.query(UPDATE, { inbox: 'inbox-abc', contact: 'x'.repeat(513) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contactIdentifier' });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });
});

describe('a Chatwoot base URL with a path prefix', () => {
  it('puts the API path below the prefix', async () => {
    const chatwoot = await startFakeChatwoot();
    const gateway = await startTestGateway(`${chatwoot.url}/chatwoot/`);
    try {
      await gateway.query(UPDATE, { inbox: 'i', contact: 'c' });
      expect(chatwoot.last().url).toBe('/chatwoot/public/api/v1/inboxes/i/contacts/c');
    } finally {
      await gateway.close();
      await chatwoot.close();
    }
  });
});
