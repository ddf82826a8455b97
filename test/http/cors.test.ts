import { fetch } from 'undici';
import { startTestGateway } from '../support/gateway';
import { startFakeChatwoot } from '../support/servers';
import { expectedHash, INBOX, INBOX_HMAC, secretEnv, signToken } from '../support/identity';

describe('CORS for a page that sends its sign-in token', () => {
  it('lets a listed origin send Authorization: its preflight allows the header and the proof goes upstream', async () => {
    const chatwoot = await startFakeChatwoot();
    const gateway = await startTestGateway(chatwoot.url, secretEnv({ GATEWAY_CORS_ORIGINS: 'https://app.example.com' }));
    try {
      const preflight = await fetch(gateway.url, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim());
      expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']));

      const result = await gateway.query(
        `query { contact(inboxIdentifier: "${INBOX}", contactIdentifier: "c1") { id } }`,
        {},
        { origin: 'https://app.example.com', authorization: `Bearer ${await signToken({ sub: 'user-42' })}` },
      );
      expect(result.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(result.errors).toBeUndefined();
      expect(chatwoot.last().query).toBe(`?identifier=user-42&identifier_hash=${expectedHash(INBOX_HMAC, 'user-42')}`);
    } finally {
      await gateway.close();
      await chatwoot.close();
    }
  });
});
