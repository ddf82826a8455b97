import { createHash } from 'node:crypto';
import { ALL_OPERATIONS } from '../../../src/graphql/operations';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { SERVICE, SERVICE_KEY, startPlatformGateway } from '../../support/platform';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';
import { PLATFORM_SCENARIOS } from './scenarios';

/**
 * Who may reach the Platform API: every refusal is coded and makes no upstream request, whichever Platform field is
 * asked for (every field's scenario document is tried).
 */

const PLATFORM_TOKEN = 'platform-app-token-0002';
const documents = PLATFORM_SCENARIOS.map((s) => [s.field, s.document] as const);

describe('Platform API refusals', () => {
  let chatwoot: FakeChatwoot;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ status: 500, body: { error: 'must not be called' } }));
  });
  afterAll(() => chatwoot.close());

  async function expectRefused(gateway: TestGateway, document: string, headers: Record<string, string>, expected: Record<string, unknown>) {
    const before = chatwoot.requests.length;
    const result = await gateway.query(document, {}, headers);
    expect(result.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining(expected)]);
    expect(chatwoot.requests.length - before).toBe(0);
  }

  it('lists every Platform operation among the documents tried', () => {
    expect(documents).toHaveLength(ALL_OPERATIONS.filter((op) => op.api === 'PLATFORM').length);
  });

  describe('with the Platform API switched off (the default)', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway(chatwoot.url, { CHATWOOT_PLATFORM_APP_TOKEN: PLATFORM_TOKEN, GATEWAY_SERVICE_KEYS: SERVICE_KEY });
    });
    afterAll(() => gateway.close());

    it.each(documents)('refuses %s with FORBIDDEN api_disabled', async (_field, document) => {
      await expectRefused(gateway, document, SERVICE, { code: 'FORBIDDEN', reason: 'api_disabled' });
    });
  });

  describe('with the Platform API on', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startPlatformGateway(chatwoot.url, PLATFORM_TOKEN, {
        GATEWAY_PLATFORM_OPERATIONS: PLATFORM_SCENARIOS.map((s) => s.field).filter((f) => f !== 'Mutation.platformDeleteAccount').join(','),
        GATEWAY_PLATFORM_BROWSER_OPERATIONS: 'PlatformQuery.agentBots',
        GATEWAY_CORS_ORIGINS: 'https://admin.example',
      });
    });
    afterAll(() => gateway.close());

    it.each(documents)('refuses %s without a service key: UNAUTHENTICATED missing_service_key', async (_field, document) => {
      await expectRefused(gateway, document, { 'api-access-token': 'a-user-token-is-not-enough' }, { code: 'UNAUTHENTICATED', reason: 'missing_service_key' });
    });

    it.each(documents)('refuses %s with a wrong service key: UNAUTHENTICATED bad_service_key', async (_field, document) => {
      await expectRefused(gateway, document, { 'x-gateway-service-key': `${SERVICE_KEY}-wrong` }, { code: 'UNAUTHENTICATED', reason: 'bad_service_key' });
    });

    it.each([
      ['an Origin', { origin: 'https://admin.example' }],
      ['a Sec-Fetch-Site', { 'sec-fetch-site': 'same-origin' }],
      ['a Cookie', { cookie: 'session=1' }],
    ])('refuses a browser-shaped request (%s) with a valid key: FORBIDDEN browser', async (_what, browser) => {
      for (const [field, document] of documents.filter(([f]) => f !== 'PlatformQuery.agentBots' && f !== 'Mutation.platformDeleteAccount')) {
        const before = chatwoot.requests.length;
        const result = await gateway.query(document, {}, { ...SERVICE, ...browser });
        expect({ field, errors: result.errors?.map((e) => e.extensions) }).toEqual({ field, errors: [expect.objectContaining({ code: 'FORBIDDEN', reason: 'browser' })] });
        expect(chatwoot.requests.length - before).toBe(0);
      }
    });

    it('serves a field the operator listed for browsers to a browser-shaped request', async () => {
      chatwoot.reply(() => ({ body: [] }));
      try {
        const result = await gateway.query('{ platform { agentBots { id } } }', {}, { ...SERVICE, origin: 'https://admin.example' });
        expect(result.errors).toBeUndefined();
        expect(chatwoot.last().headers['api-access-token']).toBe(PLATFORM_TOKEN);
      } finally {
        chatwoot.reply(() => ({ status: 500, body: { error: 'must not be called' } }));
      }
    });

    it('refuses a field the operator did not list: FORBIDDEN operation_not_allowed', async () => {
      await expectRefused(gateway, 'mutation { platformDeleteAccount(accountId: 9) { id } }', SERVICE, { code: 'FORBIDDEN', reason: 'operation_not_allowed' });
    });

    it('refuses a path-like id with BAD_USER_INPUT before any call', async () => {
      await expectRefused(gateway, '{ platform { user(id: "../1") { id } } }', SERVICE, { code: 'BAD_USER_INPUT' });
      await expectRefused(gateway, 'mutation { platformAddAccountUser(accountId: 9, userId: "4; drop") { userId } }', SERVICE, { code: 'BAD_USER_INPUT' });
    });
  });

  it('accepts a service key configured as its sha256 digest', async () => {
    chatwoot.reply(() => ({ body: [] }));
    const digest = createHash('sha256').update(SERVICE_KEY).digest('hex');
    const gateway = await startPlatformGateway(chatwoot.url, PLATFORM_TOKEN, { GATEWAY_SERVICE_KEYS: `sha256:${digest}` });
    try {
      const result = await gateway.query('{ platform { agentBots { id } } }', {}, SERVICE);
      expect(result.errors).toBeUndefined();
    } finally {
      await gateway.close();
      chatwoot.reply(() => ({ status: 500, body: { error: 'must not be called' } }));
    }
  });
});
