import { startTestGateway, type TestGateway } from '../support/gateway';
import { captureLogs, type CapturedLogs } from '../support/logs';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';

/**
 * The secrets Chatwoot hands agents next to contacts and conversations (the inbox's HMAC token, secret and channel
 * passwords in the inbox an AccountConversation reads; a caller's token quoted back in an error) reach neither an
 * answer nor a log line, whatever the caller selects.
 */

const CALLER = 'caller-token-SECRET-9f8e7d6c';
const SECRETS = ['hmac-SECRET-1111', 'inbox-secret-SECRET-2222', 'imap-SECRET-3333', 'smtp-SECRET-4444', 'provider-SECRET-5555'];

describe('secrets next to contacts and conversations', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let logs: CapturedLogs;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => {
      if (request.path.endsWith('/inboxes/4')) {
        const [hmac_token, secret, imap_password, smtp_password, api_key] = SECRETS;
        return { body: { id: 4, name: 'Mail', channel_type: 'Channel::Email', hmac_token, secret, imap_password, smtp_password, provider_config: { api_key } } };
      }
      if (request.path.endsWith('/conversations/7')) return { body: { id: 7, account_id: 1, inbox_id: 4, meta: {} } };
      return { status: 422, body: { error: `token ${String(request.headers['api-access-token'])} is not allowed here` } };
    });
    const captured = captureLogs('trace');
    logs = captured.logs;
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_APPLICATION_API: 'true' }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it("never returns or logs the inbox's secrets, nor the caller's token quoted back", async () => {
    const read = await gateway.query(
      '{ account(id: 1) { conversation(displayId: 7) { inbox { id name channelType inboxIdentifier } } } }',
      {},
      { 'api-access-token': CALLER },
    );
    expect(read.data).toEqual({ account: { conversation: { inbox: { id: '4', name: 'Mail', channelType: 'EMAIL', inboxIdentifier: null } } } });
    const refused = await gateway.query('mutation { setContactLabels(accountId: 1, contactId: 3, labels: ["x"]) }', {}, { 'api-access-token': CALLER });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const secret of [...SECRETS, CALLER]) {
      expect(read.text + refused.text).not.toContain(secret);
      expect(logs.text()).not.toContain(secret);
    }
  });
});
