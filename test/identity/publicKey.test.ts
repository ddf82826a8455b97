import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { selfSignedCertificate } from '../support/tls';
import { startTestGateway } from '../support/gateway';
import { startFakeChatwoot } from '../support/servers';
import { AUDIENCE, expectedHash, INBOX, INBOX_HMAC, ISSUER } from '../support/identity';

const CONTACT = `query { contact(inboxIdentifier: "${INBOX}", contactIdentifier: "c1") { id } }`;

async function tokenSignedWith(privatePem: string, alg = 'RS256'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg })
    .setSubject('user-9')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('5m')
    .sign(await importPKCS8(privatePem, alg));
}

describe('verified identity with a PEM public key', () => {
  it.each([
    ['an SPKI public key', () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return Promise.resolve({
        publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      });
    }],
    ['an X.509 certificate', async () => {
      const { key, cert } = await selfSignedCertificate();
      return { publicPem: cert, privatePem: key };
    }],
  ])('verifies tokens with %s, escaped newlines and all, and refuses another key\'s', async (_kind, makeKeys) => {
    const { publicPem, privatePem } = await makeKeys();
    const chatwoot = await startFakeChatwoot();
    const gateway = await startTestGateway(chatwoot.url, {
      // As it often arrives in a one-line environment variable.
      GATEWAY_IDENTITY_PUBLIC_KEY: publicPem.replace(/\n/g, '\\n'),
      GATEWAY_IDENTITY_ISSUER: ISSUER,
      GATEWAY_IDENTITY_AUDIENCE: AUDIENCE,
      GATEWAY_IDENTITY_ALGORITHMS: 'RS256',
      GATEWAY_INBOX_HMAC_TOKENS: `${INBOX}=${INBOX_HMAC}`,
    });
    try {
      const result = await gateway.query(CONTACT, {}, { authorization: `Bearer ${await tokenSignedWith(privatePem)}` });
      expect(result.errors).toBeUndefined();
      expect(chatwoot.last().query).toBe(`?identifier=user-9&identifier_hash=${expectedHash(INBOX_HMAC, 'user-9')}`);

      // Key confusion: an HS256 token "signed" with the public key as the secret must not pass.
      const confused = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('user-9').setIssuer(ISSUER)
        .setAudience(AUDIENCE).setExpirationTime('5m').sign(Buffer.from(publicPem));
      const refusedHs = await gateway.query(CONTACT, {}, { authorization: `Bearer ${confused}` });
      expect(refusedHs.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'unsupported_algorithm' });

      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const refused = await gateway.query(CONTACT, {}, { authorization: `Bearer ${await tokenSignedWith(stranger)}` });
      expect(refused.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'bad_signature' });
      expect(chatwoot.requests).toHaveLength(1);
    } finally {
      await gateway.close();
      await chatwoot.close();
    }
  });
});
