import { request } from 'undici';
import { DEMO, type Simulator, startSimulator } from '../../src/simulator';
import { identifierHash } from '../../src/simulator/store';
import { startTestGateway, type TestGateway } from '../support/gateway';

const UPDATE = `
  mutation Update($inbox: String!, $contact: String!, $input: UpdateContactInput!) {
    updateContact(inboxIdentifier: $inbox, contactIdentifier: $contact, input: $input) {
      id sourceId name email phoneNumber customAttributes pubsubToken
    }
  }`;
const SHOW = `query Show($inbox: String!, $contact: String!) { contact(inboxIdentifier: $inbox, contactIdentifier: $contact) { id name email } }`;

async function harness(version: '4.15' | '4.16' = '4.16') {
  const simulator = await startSimulator({ chatwootVersion: version });
  const gateway = await startTestGateway(simulator.url);
  return { simulator, gateway, close: async () => (await gateway.close(), await simulator.close()) };
}

describe('the simulated Client API contacts, through the gateway', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let close: () => Promise<void>;

  beforeEach(async () => ({ simulator, gateway, close } = await harness()));
  afterEach(() => close());

  const update = (input: Record<string, unknown>, inbox: string = DEMO.inboxIdentifier, contact: string = DEMO.contactIdentifier) =>
    gateway.query(UPDATE, { inbox, contact, input });

  it('updates the demo contact and answers with the slim public contact of Chatwoot 4.16', async () => {
    const result = await update({ name: 'Alice Example', email: 'Alice@Example.ORG' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateContact).toEqual({
      id: '1',
      sourceId: DEMO.contactIdentifier,
      name: 'Alice Example',
      email: 'alice@example.org',
      phoneNumber: '+14155550100',
      customAttributes: null,
      pubsubToken: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
    });
    const read = await gateway.query(SHOW, { inbox: DEMO.inboxIdentifier, contact: DEMO.contactIdentifier });
    expect(read.data).toEqual({ contact: { id: '1', name: 'Alice Example', email: 'alice@example.org' } });
  });

  it('ignores blank names, as Chatwoot drops blank values on the public update', async () => {
    const result = await update({ name: '   ', phoneNumber: '+14155550199' });
    expect(result.data?.updateContact).toMatchObject({ name: 'Alice Demo', phoneNumber: '+14155550199' });
  });

  it.each([
    ['an unknown inbox', 'noSuchInbox0000000000000', DEMO.contactIdentifier],
    ['an unknown contact', DEMO.inboxIdentifier, '00000000-0000-0000-0000-000000000000'],
    ['a contact of another inbox', DEMO.inboxIdentifier, DEMO.secureContactIdentifier],
  ])('returns NOT_FOUND for %s', async (_label, inbox, contact) => {
    const result = await update({ name: 'X' }, inbox, contact);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: { status: 404 } });
  });

  it('returns BAD_USER_INPUT with Chatwoot message when a name is longer than 255 characters', async () => {
    const result = await update({ name: 'n'.repeat(256) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: ['name'] });
    expect(result.errors?.[0]?.message).toContain('Name is too long (maximum is 255 characters)');
  });

  it('merges the contact into the one that already has the e-mail instead of failing', async () => {
    const result = await update({ email: 'BOB@example.com' });
    expect(result.data?.updateContact).toMatchObject({ id: '2', sourceId: DEMO.contactIdentifier, email: 'bob@example.com' });
    expect(simulator.store.contacts.has(1)).toBe(false);
  });

  describe('identity validation (HMAC)', () => {
    const secure = (input: Record<string, unknown>) => update(input, DEMO.secureInboxIdentifier, DEMO.secureContactIdentifier);

    it('accepts a valid identifierHash and marks the contact verified', async () => {
      const hash = identifierHash(DEMO.secureInboxHmacToken, DEMO.secureContactExternalId);
      const result = await secure({ identifier: DEMO.secureContactExternalId, identifierHash: hash, name: 'Bob Verified' });
      expect(result.data?.updateContact).toMatchObject({ name: 'Bob Verified' });
      expect(simulator.store.contactInboxes.find((l) => l.sourceId === DEMO.secureContactIdentifier)?.hmacVerified).toBe(true);
    });

    it.each([
      ['a wrong hash', { identifier: DEMO.secureContactExternalId, identifierHash: 'f'.repeat(64) }],
      ['an upper-case hash', { identifier: DEMO.secureContactExternalId, identifierHash: identifierHash(DEMO.secureInboxHmacToken, DEMO.secureContactExternalId).toUpperCase() }],
      ['no hash on an inbox that requires one', {}],
    ])('fails with HTTP 500 explained as a failed identity check for %s', async (_label, proof) => {
      const result = await secure({ ...proof, name: 'Mallory' });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { status: 500 } });
      expect(result.errors?.[0]?.message).toContain('identifierHash');
      expect(simulator.store.contacts.get(2)?.name).toBe('Bob Demo');
    });

    it('reads a contact of an identity-validated inbox only with its identifierHash', async () => {
      const query = `query($i: String!, $c: String!, $id: String, $hash: String) {
        contact(inboxIdentifier: $i, contactIdentifier: $c, identifier: $id, identifierHash: $hash) { name } }`;
      const vars = { i: DEMO.secureInboxIdentifier, c: DEMO.secureContactIdentifier };
      const denied = await gateway.query(query, vars);
      expect(denied.data).toEqual({ contact: null });
      expect(denied.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      const hash = identifierHash(DEMO.secureInboxHmacToken, DEMO.secureContactExternalId);
      const allowed = await gateway.query(query, { ...vars, id: DEMO.secureContactExternalId, hash });
      expect(allowed.data).toEqual({ contact: { name: 'Bob Demo' } });
    });

    it('reports an unknown contact before checking the hash', async () => {
      const result = await update({ identifierHash: 'bad' }, DEMO.secureInboxIdentifier, 'missing');
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});

describe('the simulator imitating Chatwoot 4.15', () => {
  it('answers the update with the full record, custom attributes deep-merged', async () => {
    const { simulator, gateway, close } = await harness('4.15');
    try {
      simulator.store.contacts.get(1)!.customAttributes = { plan: 'free', limits: { seats: 1, storage: 5 } };
      const result = await gateway.query(UPDATE, {
        inbox: DEMO.inboxIdentifier,
        contact: DEMO.contactIdentifier,
        input: { customAttributes: { limits: { seats: 3 }, referrer: null } },
      });
      expect(result.data?.updateContact).toMatchObject({
        id: '1',
        sourceId: null,
        customAttributes: { plan: 'free', limits: { seats: 3, storage: 5 }, referrer: null },
      });
    } finally {
      await close();
    }
  });
});

describe('the simulator over plain HTTP', () => {
  let simulator: Simulator;
  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.close());

  const call = (method: 'POST' | 'PATCH' | 'GET', path: string, body?: string, headers: Record<string, string> = {}) =>
    request(`${simulator.url}${path}`, { method, body, headers: { 'content-type': 'application/json', ...headers } });

  it('creates a contact with status 200 and reuses it for the same source id', async () => {
    const path = `/public/api/v1/inboxes/${DEMO.inboxIdentifier}/contacts`;
    const first = await call('POST', path, JSON.stringify({ source_id: 'visitor-1', name: 'Vera' }));
    expect(first.statusCode).toBe(200);
    const created = (await first.body.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ source_id: 'visitor-1', name: 'Vera', email: null });
    const again = await call('POST', path, JSON.stringify({ source_id: 'visitor-1', name: 'Other' }));
    expect(await again.body.json()).toEqual(created);
  });

  it('answers 422 in Chatwoot shape, e-mail first, for an invalid e-mail and phone', async () => {
    const response = await call(
      'PATCH',
      `/public/api/v1/inboxes/${DEMO.inboxIdentifier}/contacts/${DEMO.contactIdentifier}`,
      JSON.stringify({ email: 'bad', phone_number: '123' }),
    );
    expect(response.statusCode).toBe(422);
    expect(await response.body.json()).toEqual({
      message: 'Email Invalid email, Phone number should be in e164 format',
      attributes: ['email', 'phone_number'],
    });
  });

  it('answers a malformed JSON body with 400, as JSON only when JSON was asked for', async () => {
    const path = `/public/api/v1/inboxes/${DEMO.inboxIdentifier}/contacts/${DEMO.contactIdentifier}`;
    const json = await call('PATCH', path, '{oops', { accept: 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(await json.body.json()).toEqual({ status: 400, error: 'Bad Request' });
    const html = await call('PATCH', path, '{oops');
    expect(html.statusCode).toBe(400);
    expect(await html.body.text()).toBe('');
  });

  it('answers an unknown inbox with Rails production 404 body', async () => {
    const response = await call('GET', '/public/api/v1/inboxes/nope/contacts/x');
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toEqual({ status: 404, error: 'Not Found' });
  });
});
