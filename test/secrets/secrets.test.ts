import { captureLogs, type CapturedLogs } from '../support/logs';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Secrets: whatever Chatwoot answers (even an error body that quotes the token back), no response body and no log
 * line carries the configured token, a caller's token, the proxy password or an identifier hash. The fault, fuzz
 * and load suites check the same on everything they send.
 */

const TOKEN = 'configured-token-SECRET-0a1b2c3d';
const CALLER_TOKEN = 'caller-token-SECRET-4e5f6a7b';
const HASH = 'c0ffee'.repeat(10) + 'abcd';
const UPDATE = `mutation { updateContact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1", input: { identifier: "user-1", identifierHash: "${HASH}" }) { id } }`;
const READ = 'query { contact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1") { id } }';

describe('secrets stay secret', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let logs: CapturedLogs;
  const bodies: string[] = [];

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    const captured = captureLogs('trace');
    logs = captured.logs;
    gateway = await startTestGateway(chatwoot.url, { CHATWOOT_API_ACCESS_TOKEN: TOKEN, GATEWAY_RETRY_BASE_DELAY_MS: '5' }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it.each([401, 403, 404, 422, 429, 500, 503])(
    'does not repeat the token when Chatwoot quotes it back in a %i error',
    async (status) => {
      chatwoot.reply((request) => ({
        status,
        body: { error: `token ${String(request.headers['api-access-token'])} rejected for hash ${HASH}`, message: `bad token ${String(request.headers['api-access-token'])}` },
      }));
      for (const [document, headers] of [
        [UPDATE, {}],
        [READ, { 'api-access-token': CALLER_TOKEN }],
      ] as const) {
        const result = await gateway.query(document, undefined, headers);
        bodies.push(result.text);
        expect(result.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
      }
      for (const secret of [TOKEN, CALLER_TOKEN, HASH]) {
        for (const body of bodies) expect(body).not.toContain(secret);
        expect(logs.text()).not.toContain(secret);
      }
    },
  );

  it("keeps the rest of Chatwoot's message, with the secret cut out", async () => {
    chatwoot.reply(() => ({ status: 401, body: { error: `Invalid access token ${TOKEN}` } }));
    const result = await gateway.query(READ);
    expect(result.errors?.[0]?.message).toBe('Chatwoot refused the credentials (HTTP 401). Chatwoot says: Invalid access token [redacted]');
  });
});
