import { useGatewayWithFakeChatwoot } from '../support/harness';
import { slimContact } from '../support/servers';

/**
 * avatarUrl is fetched by Chatwoot, from inside its network: loopback, link-local, private and unique-local
 * addresses are refused, in every spelling the URL parser accepts, before anything is sent.
 */

const CREATE = `mutation($url: ImageUrl) {
  createContact(inboxIdentifier: "inbox-a", input: { name: "A", avatarUrl: $url }) { sourceId }
}`;
const UPDATE = `mutation($url: ImageUrl) {
  updateContact(inboxIdentifier: "inbox-a", contactIdentifier: "contact-1", input: { avatarUrl: $url }) { id }
}`;
const BULK = `mutation($url: ImageUrl) {
  updateContacts(items: [
    { inboxIdentifier: "inbox-a", contactIdentifier: "contact-1", input: { avatarUrl: $url } },
    { inboxIdentifier: "inbox-a", contactIdentifier: "contact-2", input: { avatarUrl: "https://cdn.example.com/b.png" } }
  ]) { index error { code message } contact { id } }
}`;

const PRIVATE_URLS = [
  'http://127.0.0.1/a.png',
  'http://127.1/a.png',
  'http://0x7f.0.0.1/a.png',
  'http://2130706433/a.png',
  'http://[::1]/a.png',
  'http://[::ffff:127.0.0.1]/a.png',
  'http://169.254.169.254/latest/meta-data',
  'http://10.1.2.3/a.png',
  'http://172.16.0.1/a.png',
  'http://192.168.1.1/a.png',
  'http://[fd00::1]/a.png',
  'http://[fe80::1]/a.png',
  'http://0.0.0.0/a.png',
  'http://localhost/a.png',
  'http://LOCALHOST./a.png',
  'https://avatars.localhost/a.png',
];

describe('avatarUrl pointing inside the network', () => {
  const harness = useGatewayWithFakeChatwoot();

  it.each(PRIVATE_URLS)('refuses %s in createContact, updateContact and updateContacts, before calling Chatwoot', async (url) => {
    for (const [document, name] of [
      [CREATE, 'createContact'],
      [UPDATE, 'updateContact'],
    ] as const) {
      const result = await harness.gateway.query(document, { url });
      expect(result.errors?.map((e) => [e.path, e.extensions])).toEqual([[[name], { code: 'BAD_USER_INPUT', field: 'avatarUrl' }]]);
      expect(result.errors?.[0]?.message).toMatch(/avatarUrl names a loopback, link-local or private address/);
    }
    expect(harness.chatwoot.requests).toHaveLength(0);

    const bulk = await harness.gateway.query<{ updateContacts: Array<{ index: number; error: { code: string } | null }> }>(BULK, { url });
    expect(bulk.data?.updateContacts.map((r) => [r.index, r.error?.code ?? null])).toEqual([
      [0, 'BAD_USER_INPUT'],
      [1, null],
    ]);
    expect(harness.chatwoot.requests.map((r) => r.path)).toEqual(['/public/api/v1/inboxes/inbox-a/contacts/contact-2']);
  });

  it.each(['https://cdn.example.com/a.png', 'http://93.184.216.34/a.png', 'https://[2001:db8::1]/a.png', 'https://localhost.example.com/a.png'])(
    'passes the public URL %s on to Chatwoot',
    async (url) => {
      const result = await harness.gateway.query(UPDATE, { url });
      expect(result.errors).toBeUndefined();
      expect(harness.chatwoot.last().json).toEqual({ avatar_url: url });
    },
  );
});

describe('GATEWAY_ALLOW_PRIVATE_URLS=true', () => {
  const harness = useGatewayWithFakeChatwoot({ GATEWAY_ALLOW_PRIVATE_URLS: 'true' }, () => () => ({ body: slimContact() }));

  it('passes a private avatarUrl on, for operators whose Chatwoot serves images from their own network', async () => {
    const result = await harness.gateway.query(UPDATE, { url: 'http://10.1.2.3/a.png' });
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.last().json).toEqual({ avatar_url: 'http://10.1.2.3/a.png' });
  });
});
