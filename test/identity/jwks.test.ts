import { SignJWT } from 'jose';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';
import { AUDIENCE, expectedHash, INBOX, INBOX_HMAC, ISSUER, type JwksServer, signingKey, type SigningKey, startJwksServer } from '../support/identity';

const CONTACT = `query Read($inbox: String!) { contact(inboxIdentifier: $inbox, contactIdentifier: "c1") { id } }`;

function sign(key: SigningKey, sub = 'user-42', kid = key.kid): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('10m')
    .sign(key.privateKey);
}

describe('verified identity with a JWKS endpoint', () => {
  let chatwoot: FakeChatwoot;
  let jwks: JwksServer;
  let gateway: TestGateway;
  let first: SigningKey;

  const read = (token: string, inbox = INBOX) => gateway.query(CONTACT, { inbox }, { authorization: `Bearer ${token}` });
  const start = async (env: Record<string, string> = {}) => {
    gateway = await startTestGateway(chatwoot.url, {
      GATEWAY_IDENTITY_JWKS_URL: jwks.jwksUrl,
      GATEWAY_IDENTITY_ISSUER: ISSUER,
      GATEWAY_IDENTITY_AUDIENCE: AUDIENCE,
      GATEWAY_IDENTITY_JWKS_TIMEOUT_MS: '300',
      GATEWAY_INBOX_HMAC_TOKENS: `${INBOX}=${INBOX_HMAC}`,
      ...env,
    });
  };

  beforeEach(async () => {
    chatwoot = await startFakeChatwoot();
    first = await signingKey('key-1');
    jwks = await startJwksServer([first.jwk]);
  });
  afterEach(async () => {
    await gateway?.close();
    await jwks.close();
    await chatwoot.close();
  });

  it('verifies a token against the fetched key set and sends the proof; the keys are fetched once and cached', async () => {
    await start();
    for (const sub of ['user-1', 'user-2', 'user-3']) {
      const result = await read(await sign(first, sub));
      expect(result.errors).toBeUndefined();
      const query = new URLSearchParams(chatwoot.last().query.slice(1));
      expect(query.get('identifier')).toBe(sub);
      expect(query.get('identifier_hash')).toBe(expectedHash(INBOX_HMAC, sub));
    }
    expect(jwks.fetches).toBe(1);
  });

  it('picks up a rotated key: a kid not in the cached set triggers one refetch', async () => {
    await start({ GATEWAY_IDENTITY_JWKS_COOLDOWN_MS: '0' });
    expect((await read(await sign(first))).errors).toBeUndefined();
    expect(jwks.fetches).toBe(1);

    const second = await signingKey('key-2');
    jwks.keys = [second.jwk];
    const result = await read(await sign(second));
    expect(result.errors).toBeUndefined();
    expect(jwks.fetches).toBe(2);

    // The retired key is gone from the refetched set: its tokens no longer verify.
    const retired = await read(await sign(first));
    expect(retired.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'unknown_key' });
  });

  it('refetches at most once per cooldown however many unknown kids arrive, refusing them with unknown_key', async () => {
    await start({ GATEWAY_IDENTITY_JWKS_COOLDOWN_MS: '600000' });
    expect((await read(await sign(first))).errors).toBeUndefined();
    const stranger = await signingKey('key-x');
    const results = await Promise.all(Array.from({ length: 10 }, async () => read(await sign(stranger))));

    for (const result of results) expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'unknown_key' });
    expect(jwks.fetches).toBe(1);
    expect(chatwoot.requests).toHaveLength(1);
  });

  it('a token signed by a key that claims a published kid is a bad signature', async () => {
    await start();
    const impostor = await signingKey('key-1');
    const result = await read(await sign(impostor));
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'bad_signature' });
    expect(chatwoot.requests).toHaveLength(0);
  });

  it.each(['down', 'error', 'hang', 'trickle'] as const)(
    'fails closed with UPSTREAM_UNAVAILABLE jwks_unavailable when the endpoint is %s, calling nothing upstream',
    async (behaviour) => {
      jwks.behaviour = behaviour;
      await start();
      const result = await read(await sign(first));

      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', reason: 'jwks_unavailable' });
      expect(result.data).toEqual({ contact: null });
      expect(chatwoot.requests).toHaveLength(0);
    },
  );

  it('does not hold up requests that need no identity while the endpoint hangs', async () => {
    jwks.behaviour = 'hang';
    await start({ GATEWAY_IDENTITY_JWKS_TIMEOUT_MS: '30000' });
    let settled = false;
    const waiting = read(await sign(first)).finally(() => {
      settled = true;
    });
    // Bounded wait until the gateway's key fetch has reached the endpoint (at most 100 polls of 20 ms).
    for (let poll = 0; poll < 100 && jwks.fetches === 0; poll += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(jwks.fetches).toBe(1);

    // A read on an inbox the gateway does not vouch for completes while the key lookup is still waiting.
    const plain = await gateway.query(CONTACT, { inbox: 'plainInbox' });
    expect(plain.errors).toBeUndefined();
    expect(settled).toBe(false);
    expect(chatwoot.requests.map((r) => r.path)).toEqual(['/public/api/v1/inboxes/plainInbox/contacts/c1']);

    jwks.dropPending();
    expect((await waiting).errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', reason: 'jwks_unavailable' });
    expect(chatwoot.requests).toHaveLength(1);
  });

  it('after a failed fetch, refuses at once for a while instead of fetching again per request, then recovers', async () => {
    jwks.behaviour = 'error';
    await start({ GATEWAY_IDENTITY_JWKS_COOLDOWN_MS: '1000' });
    const token = await sign(first);
    expect((await read(token)).errors?.[0]?.extensions?.reason).toBe('jwks_unavailable');
    const burst = await Promise.all(Array.from({ length: 5 }, () => read(token)));
    for (const result of burst) expect(result.errors?.[0]?.extensions?.reason).toBe('jwks_unavailable');
    expect(jwks.fetches).toBe(1);

    jwks.behaviour = 'serve';
    // Bounded: the back-off is the 1 s cooldown; the loop gives up after 50 tries of 100 ms.
    let recovered = false;
    for (let attempt = 0; attempt < 50 && !recovered; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      recovered = (await read(token)).errors === undefined;
    }
    expect(recovered).toBe(true);
    expect(chatwoot.requests).toHaveLength(1);
  });
});
