import { generateKeyPair, SignJWT } from 'jose';
import { useGatewayWithFakeChatwoot } from '../support/harness';
import { slimContact } from '../support/servers';
import { expectedHash, INBOX, INBOX_HMAC, OTHER_HMAC, OTHER_INBOX, secretEnv, signToken } from '../support/identity';

const CONTACT = `
  query Read($inbox: String!, $contact: String!, $identifier: String, $identifierHash: String) {
    contact(inboxIdentifier: $inbox, contactIdentifier: $contact, identifier: $identifier, identifierHash: $identifierHash) { id sourceId }
  }`;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('verified contact identity (HS256 secret)', () => {
  const harness = useGatewayWithFakeChatwoot(secretEnv());
  const read = (headers: Record<string, string>, variables: Record<string, unknown> = {}) =>
    harness.gateway.query(CONTACT, { inbox: INBOX, contact: 'contact-1', ...variables }, headers);

  it('sends the verified identifier and its HMAC, computed independently here, on a contact read', async () => {
    const result = await read(bearer(await signToken({ sub: 'user-42' })));

    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.requests).toHaveLength(1);
    const query = new URLSearchParams(harness.chatwoot.last().query.slice(1));
    expect(harness.chatwoot.last().path).toBe(`/public/api/v1/inboxes/${INBOX}/contacts/contact-1`);
    expect(query.get('identifier')).toBe('user-42');
    expect(query.get('identifier_hash')).toBe(expectedHash(INBOX_HMAC, 'user-42'));
  });

  it('keys the HMAC with the token of the inbox named, not another configured one', async () => {
    const token = await signToken({ sub: 'user-42' });
    await harness.gateway.query(CONTACT, { inbox: OTHER_INBOX, contact: 'contact-1' }, bearer(token));

    const query = new URLSearchParams(harness.chatwoot.last().query.slice(1));
    expect(query.get('identifier_hash')).toBe(expectedHash(OTHER_HMAC, 'user-42'));
  });

  it('accepts a caller-supplied identifier and hash that equal the verified ones', async () => {
    const result = await read(bearer(await signToken({ sub: 'user-42' })), {
      identifier: 'user-42',
      identifierHash: expectedHash(INBOX_HMAC, 'user-42'),
    });
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.requests).toHaveLength(1);
  });

  it.each([
    ['identifier', { identifier: 'user-43' }],
    ['identifierHash', { identifierHash: expectedHash(INBOX_HMAC, 'user-43') }],
  ])('refuses a caller-supplied %s that differs from the token with FORBIDDEN identity_mismatch, calling nothing', async (_field, variables) => {
    const result = await read(bearer(await signToken({ sub: 'user-42' })), variables);

    expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'identity_mismatch' });
    expect(result.data).toEqual({ contact: null });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('sends an inbox it does not vouch for exactly as today, token or not', async () => {
    const token = await signToken({ sub: 'user-42' });
    await harness.gateway.query(CONTACT, { inbox: 'plainInbox', contact: 'c', identifier: 'x', identifierHash: 'h'.repeat(64) }, bearer(token));
    expect(harness.chatwoot.last().query).toBe(`?identifier=x&identifier_hash=${'h'.repeat(64)}`);

    // Not even a broken token matters there: it is never looked at.
    const result = await harness.gateway.query(CONTACT, { inbox: 'plainInbox', contact: 'c' }, bearer('not-a-jwt'));
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.last().query).toBe('');
  });

  it('passes the caller\'s own proof through unchanged on a covered inbox when no bearer token is sent', async () => {
    await read({}, { identifier: 'user-7', identifierHash: 'a'.repeat(64) });
    expect(harness.chatwoot.last().query).toBe(`?identifier=user-7&identifier_hash=${'a'.repeat(64)}`);
  });

  it('ignores an Authorization header of another scheme (a proxy\'s Basic credentials)', async () => {
    const result = await read({ authorization: 'Basic dXNlcjpwYXNz' });
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.last().query).toBe('');
  });

  it('verifies the token once per HTTP request however many fields need it', async () => {
    const token = await signToken({ sub: 'user-42' });
    const result = await harness.gateway.query(
      `query { a: contact(inboxIdentifier: "${INBOX}", contactIdentifier: "c1") { id }
               b: contact(inboxIdentifier: "${OTHER_INBOX}", contactIdentifier: "c2") { id }
               c: inbox(identifier: "${INBOX}") { contact(identifier: "c3") { id } } }`,
      {},
      bearer(token),
    );
    expect(result.errors).toBeUndefined();
    const hashes = harness.chatwoot.requests
      .filter((r) => r.path.includes('/contacts/'))
      .map((r) => [r.path.split('/').pop(), new URLSearchParams(r.query.slice(1)).get('identifier_hash')]);
    expect(hashes.sort()).toEqual([
      ['c1', expectedHash(INBOX_HMAC, 'user-42')],
      ['c2', expectedHash(OTHER_HMAC, 'user-42')],
      ['c3', expectedHash(INBOX_HMAC, 'user-42')],
    ]);
  });

  it('accepts a numeric identifier claim as its digits, the way Chatwoot reads it', async () => {
    await read(bearer(await signToken({ claims: { sub: 1234 as unknown as string } })));
    const query = new URLSearchParams(harness.chatwoot.last().query.slice(1));
    expect(query.get('identifier')).toBe('1234');
    expect(query.get('identifier_hash')).toBe(expectedHash(INBOX_HMAC, '1234'));
  });

  it('allows the configured clock tolerance (30 s by default) past exp, and no more', async () => {
    expect((await read(bearer(await signToken({ expiresIn: -10 })))).errors).toBeUndefined();
    const late = await read(bearer(await signToken({ expiresIn: -45 })));
    expect(late.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'expired' });
  });

  it('proves the identity on federation entity references of a covered inbox', async () => {
    const result = await harness.gateway.query(
      'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Contact { sourceId } } }',
      { r: [{ __typename: 'Contact', inboxIdentifier: INBOX, sourceId: 'contact-1' }] },
      bearer(await signToken({ sub: 'user-42' })),
    );
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.last().query).toBe(`?identifier=user-42&identifier_hash=${expectedHash(INBOX_HMAC, 'user-42')}`);
  });

  describe('refuses a token that cannot be trusted with UNAUTHENTICATED and a reason, before any call', () => {
    const otherSecret = Buffer.from('another-secret-of-at-least-32-bytes-long!!', 'utf8');
    const cases: Array<[string, () => Promise<string>]> = [
      ['expired', () => signToken({ expiresIn: -120 })],
      ['not_yet_valid', () => signToken({ notBefore: 600 })],
      ['bad_signature', () => signToken({}, otherSecret)],
      ['wrong_audience', () => signToken({ audience: 'another-site' })],
      ['wrong_issuer', () => signToken({ issuer: 'https://evil.invalid/' })],
      ['missing_claim', () => signToken({ expiresIn: null })],
      ['malformed', async () => 'not.a.jwt'],
      ['malformed', async () => 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0'],
      ['unsupported_algorithm', () => signToken({ alg: 'HS512' }, Buffer.from('x'.repeat(64)))],
      ['unsupported_algorithm', async () => unsignedToken()],
      ['unsupported_algorithm', async () => rs256Token()],
      ['invalid_claim', () => signToken({ sub: '' })],
    ];
    it.each(cases)('%s', async (reason, make) => {
      const result = await read(bearer(await make()));

      expect(result.status).toBe(200);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
      expect(result.data).toEqual({ contact: null });
      expect(harness.chatwoot.requests).toHaveLength(0);
    });

    it('missing_claim when the identifier claim is absent', async () => {
      const result = await read(bearer(await signToken({ sub: null, claims: { uid: 'x' } })));
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'missing_claim' });
      expect(harness.chatwoot.requests).toHaveLength(0);
    });

    it('malformed for "Bearer" with no token', async () => {
      const result = await read({ authorization: 'Bearer ' });
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed' });
      expect(harness.chatwoot.requests).toHaveLength(0);
    });
  });

  describe('every Client API operation on a covered inbox', () => {
    const token = () => signToken({ sub: 'user-42', claims: { email: 'Claimed@Example.com', name: 'Claimed Name' } });
    const proofOf = (index = -1) => {
      const request = harness.chatwoot.requests.at(index)!;
      const query = new URLSearchParams(request.query.slice(1));
      const body = (request.json ?? {}) as Record<string, unknown>;
      return {
        identifier: query.get('identifier') ?? body.identifier,
        identifierHash: query.get('identifier_hash') ?? body.identifier_hash,
      };
    };
    const proven = { identifier: 'user-42', identifierHash: expectedHash(INBOX_HMAC, 'user-42') };

    it('createContact sends the proof and fills e-mail and name from the claims the caller left out', async () => {
      const result = await harness.gateway.query(
        `mutation { createContact(inboxIdentifier: "${INBOX}", input: { name: "Own Name" }) { id } }`,
        {},
        bearer(await token()),
      );
      expect(result.errors).toBeUndefined();
      expect(harness.chatwoot.last().json).toEqual({
        identifier: 'user-42',
        identifier_hash: proven.identifierHash,
        name: 'Own Name',
        email: 'Claimed@Example.com',
      });
    });

    it('updateContact sends the proof in the body and leaves e-mail and name alone', async () => {
      await harness.gateway.query(
        `mutation { updateContact(inboxIdentifier: "${INBOX}", contactIdentifier: "c1", input: { phoneNumber: "+14155550123" }) { id } }`,
        {},
        bearer(await token()),
      );
      expect(harness.chatwoot.last().json).toEqual({ identifier: 'user-42', identifier_hash: proven.identifierHash, phone_number: '+14155550123' });
    });

    it('updateContacts sends the proof on every item of a covered inbox and none on others', async () => {
      const result = await harness.gateway.query(
        `mutation { updateContacts(items: [
            { inboxIdentifier: "${INBOX}", contactIdentifier: "c1", input: { name: "A" } },
            { inboxIdentifier: "plainInbox", contactIdentifier: "c2", input: { name: "B" } },
            { inboxIdentifier: "${INBOX}", contactIdentifier: "c3", input: { name: "C" } } ]) { index error { code } } }`,
        {},
        bearer(await token()),
      );
      expect(result.errors).toBeUndefined();
      const bodies = Object.fromEntries(harness.chatwoot.requests.map((r) => [r.path.split('/').pop(), r.json]));
      expect(bodies).toEqual({
        c1: { name: 'A', identifier: 'user-42', identifier_hash: proven.identifierHash },
        c2: { name: 'B' },
        c3: { name: 'C', identifier: 'user-42', identifier_hash: proven.identifierHash },
      });
    });

    it('updateContacts with one mismatched item is refused whole, before any call', async () => {
      const result = await harness.gateway.query(
        `mutation { updateContacts(items: [
            { inboxIdentifier: "${INBOX}", contactIdentifier: "c1", input: { name: "A" } },
            { inboxIdentifier: "${INBOX}", contactIdentifier: "c3", input: { identifier: "someone-else" } } ]) { index } }`,
        {},
        bearer(await token()),
      );
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'identity_mismatch' });
      expect(harness.chatwoot.requests).toHaveLength(0);
    });

    it('conversations and messages carry the proof in the query string', async () => {
      harness.chatwoot.reply((request) => {
        if (request.path.endsWith('/messages')) return { body: [] };
        if (request.path.endsWith('/conversations')) return { body: [{ id: 7, status: 'open', messages: [] }] };
        return { body: slimContact({ source_id: 'c1' }) };
      });
      const result = await harness.gateway.query(
        `query { contact(inboxIdentifier: "${INBOX}", contactIdentifier: "c1") { conversations { displayId messages { id } } } }`,
        {},
        bearer(await token()),
      );
      expect(result.errors).toBeUndefined();
      expect(harness.chatwoot.requests.map((r) => r.path.split('/').slice(-2).join('/'))).toEqual([
        'contacts/c1',
        'c1/conversations',
        '7/messages',
      ]);
      for (const index of [0, 1, 2]) expect(proofOf(index)).toEqual(proven);
    });

    it('sendMessage carries the proof, and a bad token stops it before the call', async () => {
      harness.chatwoot.reply(() => ({ body: { id: 9, content: 'hi', message_type: 0, created_at: 1 } }));
      const send = (headers: Record<string, string>) =>
        harness.gateway.query(
          `mutation { sendMessage(inboxIdentifier: "${INBOX}", contactIdentifier: "c1", displayId: 7, input: { content: "hi" }) { id } }`,
          {},
          headers,
        );
      expect((await send(bearer(await token()))).errors).toBeUndefined();
      expect(harness.chatwoot.last().json).toEqual({ content: 'hi' });
      expect(proofOf()).toEqual(proven);

      harness.chatwoot.requests.length = 0;
      const refused = await send(bearer(await signToken({ expiresIn: -60 })));
      expect(refused.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'expired' });
      expect(harness.chatwoot.requests).toHaveLength(0);
    });
  });
});

/** A token with alg "none": never accepted, whatever the configuration. */
function unsignedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'user-42', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
}

/** An RS256 token where only HS256 is allowed (the classic key-confusion attempt). */
async function rs256Token(): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ sub: 'user-42' }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime('5m').sign(privateKey);
}

