import { captureLogs } from '../support/logs';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';
import { expectedHash, INBOX, INBOX_HMAC, SECRET, secretEnv, signToken } from '../support/identity';
import { REDACTED_PATHS } from '../../src/observability/logger';

describe('identity secrets', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  const { logger, logs } = captureLogs('trace');

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    gateway = await startTestGateway(chatwoot.url, secretEnv({ LOG_LEVEL: 'trace' }), { logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('appear in no response and no log line, on success, refusal or an upstream failure', async () => {
    const good = await signToken({ sub: 'user-42' });
    const expired = await signToken({ sub: 'user-42', expiresIn: -60 });
    const hash = expectedHash(INBOX_HMAC, 'user-42');
    const texts: string[] = [];
    const read = async (token: string, variables: Record<string, unknown> = {}) => {
      const result = await gateway.query(
        'query R($i: String, $h: String) { contact(inboxIdentifier: "' + INBOX + '", contactIdentifier: "c1", identifier: $i, identifierHash: $h) { id } }',
        variables,
        { authorization: `Bearer ${token}` },
      );
      texts.push(result.text);
      return result;
    };

    expect((await read(good)).errors).toBeUndefined();
    expect((await read(expired)).errors?.[0]?.extensions?.reason).toBe('expired');
    expect((await read(good, { i: 'someone-else' })).errors?.[0]?.extensions?.reason).toBe('identity_mismatch');
    // Chatwoot's answer to a failed identity check, quoting what it was sent, as an unrescued error might.
    chatwoot.reply((request) => ({ status: 422, body: { message: `Identifier hash ${new URLSearchParams(request.query).get('identifier_hash')} is invalid`, attributes: [] } }));
    const failed = await read(good);
    expect(failed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(failed.errors?.[0]?.message).toContain('[redacted]');

    // The proof did go upstream, so the checks below are about the gateway's own output, not an empty run.
    expect(chatwoot.requests.some((r) => r.query.includes(hash))).toBe(true);
    const output = [...texts, logs.text()].join('\n');
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const secret of [SECRET, INBOX_HMAC, good, expired, hash]) expect(output).not.toContain(secret);
  });

  it('are censored by the logger wherever they are logged by name', () => {
    for (const path of ['secret', 'hmacToken', 'hmacTokens', 'jwt', 'bearer', 'identity.secret', 'identity.hmacTokens', 'identity.key']) {
      expect(REDACTED_PATHS).toContain(path);
    }
    logs.clear();
    logger.info({ secret: SECRET, hmacToken: INBOX_HMAC, jwt: 'eyJ.x.y', headers: { authorization: 'Bearer eyJ.x.y' } }, 'probe');
    expect(logs.text()).not.toContain(SECRET);
    expect(logs.text()).not.toContain(INBOX_HMAC);
    expect(logs.text()).not.toContain('eyJ.x.y');
    expect(logs.lines[0]).toMatchObject({ secret: '[redacted]', hmacToken: '[redacted]', jwt: '[redacted]' });
  });

  it('are cut out of any error the log quotes, such as a token a library put in its message', async () => {
    const token = await signToken();
    logs.clear();
    logger.error({ err: new Error(`could not parse ${token} at offset 3`) }, 'probe');
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).toContain('could not parse [redacted] at offset 3');
  });
});
