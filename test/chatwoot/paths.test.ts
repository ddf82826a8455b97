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
    ['.', '%2E'],
    ['..', '%2E%2E'],
    ['sp ace', 'sp%20ace'],
    ['ünïcødé', '%C3%BCn%C3%AFc%C3%B8d%C3%A9'],
  ])('sends the contact identifier %j as the single segment %s', async (contact, encoded) => {
    const result = await harness.gateway.query(UPDATE, { inbox: 'inbox-abc', contact });
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.last().url).toBe(`/public/api/v1/inboxes/inbox-abc/contacts/${encoded}`);
  });

  it.each([
    ['..', '%2E%2E'],
    ['x/../../y', 'x%2F..%2F..%2Fy'],
  ])('sends the inbox identifier %j as the single segment %s', async (inbox, encoded) => {
    await harness.gateway.query(UPDATE, { inbox, contact: 'c1' });
    expect(harness.chatwoot.last().url).toBe(`/public/api/v1/inboxes/${encoded}/contacts/c1`);
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
