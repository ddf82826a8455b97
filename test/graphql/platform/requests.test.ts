import { ALL_OPERATIONS } from '../../../src/graphql/operations';
import { requestProblems } from '../../contract/application';
import type { TestGateway } from '../../support/gateway';
import { SERVICE, startPlatformGateway } from '../../support/platform';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';
import { PLATFORM_SCENARIOS } from './scenarios';

/**
 * Every Platform operation, exactly: the request Chatwoot receives carries the Platform App token and nothing of the
 * caller's (not even a caller's own api-access-token header), and validates against the official document.
 */

const PLATFORM_TOKEN = 'platform-app-token-0001';
const CALLER_TOKEN = 'caller-token-must-not-travel';

describe('exact upstream requests of the Platform API', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let reply = PLATFORM_SCENARIOS[0]!.reply;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => (request.path === '/platform/api/v1/accounts/9' && request.method === 'GET' ? { body: { id: 9, name: 'Tenant' } } : reply));
    gateway = await startPlatformGateway(chatwoot.url, PLATFORM_TOKEN, { CHATWOOT_API_ACCESS_TOKEN: 'server-client-api-token' });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('has a scenario for every Platform field', () => {
    const covered = new Set(PLATFORM_SCENARIOS.map((s) => s.field));
    expect(ALL_OPERATIONS.filter((op) => op.api === 'PLATFORM' && !covered.has(op.field)).map((op) => op.field)).toEqual([]);
  });

  it.each(PLATFORM_SCENARIOS.map((s) => [s.field, s] as const))('%s', async (_field, scenario) => {
    reply = scenario.reply;
    const before = chatwoot.requests.length;
    const result = await gateway.query(scenario.document, scenario.variables, { ...SERVICE, 'api-access-token': CALLER_TOKEN });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual(scenario.data);
    const request = chatwoot.requests[chatwoot.requests.length - 1]!;
    expect(chatwoot.requests.length - before).toBeGreaterThanOrEqual(1);
    expect({ method: request.method, path: request.path, query: request.query, body: request.json }).toEqual({
      method: scenario.request.method,
      path: scenario.request.path,
      query: scenario.request.query ?? '',
      body: scenario.request.body,
    });
    for (const sent of chatwoot.requests.slice(before)) {
      expect(sent.headers['api-access-token']).toBe(PLATFORM_TOKEN);
      expect(JSON.stringify(sent.headers) + sent.text).not.toContain(CALLER_TOKEN);
      expect(sent.headers['x-gateway-service-key']).toBeUndefined();
    }
    expect(requestProblems({ method: request.method, path: request.path, query: request.query, body: request.json })).toEqual([]);
    // The secrets in Chatwoot's answers (user and bot tokens) never reach the caller.
    expect(result.text).not.toMatch(/secret-token|pubsub-token/);
  });
});
