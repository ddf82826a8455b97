import { isObjectType } from 'graphql';
import { buildGatewaySchema } from '../../src/graphql/schema';
import { startSimulator, type Simulator } from '../../src/simulator';
import { APPLICATION_DEMO } from '../../src/simulator/application';
import { ADMIN, startApplicationGateway } from '../support/application';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { captureLogs, type CapturedLogs } from '../support/logs';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';

/**
 * The secrets Chatwoot puts in its Application API answers (the user's API and real-time tokens, an inbox's HMAC
 * token and secret, a bot's access token and secret) are in these fixtures, answered to every read of the account's
 * structure; none of them may reach a response or a log line, even at trace level, and none has a field.
 */

const SECRETS = {
  userToken: 'user-access-SECRET-a1b2c3',
  pubsub: 'user-pubsub-SECRET-d4e5f6',
  hmacIdentifier: 'user-hmacid-SECRET-0f0f0f',
  inboxHmac: 'inbox-hmac-SECRET-a7b8c9',
  inboxSecret: 'inbox-secret-SECRET-d0e1f2',
  botToken: 'bot-access-SECRET-a3b4c5',
  botSecret: 'bot-secret-SECRET-d6e7f8',
};
/**
 * Tokens that are public by design: a live-chat widget's website token is in the page's script tag, and the Client
 * API's contact real-time token belongs to the contact who asked for it.
 */
const PUBLIC_TOKENS = new Set([
  'AccountInbox.websiteToken',
  'Contact.pubsubToken',
  // A boolean: whether the webhook signs its deliveries, never the secret itself.
  'Webhook.hasSecret',
]);
const CALLER = { 'api-access-token': 'caller-token-SECRET-9a8b7c' };

const PROFILE = { id: 1, name: 'Ada', email: 'ada@example.com', access_token: SECRETS.userToken, pubsub_token: SECRETS.pubsub, hmac_identifier: SECRETS.hmacIdentifier, accounts: [{ id: 3, role: 'administrator' }] };
const INBOX = { id: 2, account_id: 3, name: 'Support', channel_type: 'Channel::Api', inbox_identifier: 'public-ident-1', hmac_token: SECRETS.inboxHmac, secret: SECRETS.inboxSecret, working_hours: [] };
const BOT = { id: 9, account_id: 3, name: 'Triage', access_token: SECRETS.botToken, secret: SECRETS.botSecret, bot_config: {} };
const AGENT = { id: 7, account_id: 3, name: 'Sam', role: 'agent', access_token: SECRETS.userToken, pubsub_token: SECRETS.pubsub };

/** What the fake answers for each path: every view carries its secrets. */
function answer(method: string, path: string): unknown {
  if (path === '/api/v1/profile') return PROFILE;
  if (method === 'POST' && /\/inboxes$/.test(path)) return INBOX;
  if (method === 'POST' && /\/agent_bots$/.test(path)) return BOT;
  if (/\/inboxes$/.test(path)) return { payload: [INBOX] };
  if (/\/inboxes\/\d+$/.test(path)) return INBOX;
  if (/\/agent_bot$/.test(path)) return { agent_bot: BOT };
  if (/\/agent_bots$/.test(path)) return [BOT];
  if (/\/agent_bots\/\d+$/.test(path)) return BOT;
  if (/\/inbox_members\/\d+$/.test(path)) return { payload: [AGENT] };
  if (/\/agents$/.test(path)) return [AGENT];
  if (/\/team_members$/.test(path)) return [AGENT];
  if (/\/teams\/\d+$/.test(path)) return { id: 4, account_id: 3, name: 'support' };
  return {};
}

const INBOX_FIELDS = 'id name channelType inboxIdentifier websiteToken members { id name email } agentBot { id name botConfig }';
const BOT_FIELDS = 'id name description outgoingUrl botType botConfig systemBot';
const DOCUMENTS = [
  '{ me { id name email accounts { role } } }',
  `{ account(id: 3) { inboxes { ${INBOX_FIELDS} } inbox(id: 2) { ${INBOX_FIELDS} } agentBots { ${BOT_FIELDS} } agentBot(id: 9) { ${BOT_FIELDS} } agents { id name email } team(id: 4) { members { id name } } } }`,
  `mutation { createInbox(accountId: 3, input: { name: "Support", channel: { type: API } }) { ${INBOX_FIELDS.replace(/ members.*$/, '')} } }`,
  `mutation { updateInbox(accountId: 3, id: 2, input: { name: "Support" }) { id name } }`,
  `mutation { createAgentBot(accountId: 3, input: { name: "Triage" }) { ${BOT_FIELDS} } }`,
  `mutation { updateAgentBot(accountId: 3, id: 9, input: { name: "Triage" }) { ${BOT_FIELDS} } }`,
  'mutation { updateMyProfile(input: { name: "Ada" }) { id name } }',
];

describe('Application API secrets stay secret', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let logs: CapturedLogs;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => ({ body: answer(request.method, request.path) }));
    const captured = captureLogs('trace');
    logs = captured.logs;
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_APPLICATION_API: 'true' }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it.each(DOCUMENTS)('returns no secret Chatwoot sent and logs none: %s', async (document) => {
    const result = await gateway.query(document, {}, CALLER);
    expect(result.errors).toBeUndefined();
    for (const secret of [...Object.values(SECRETS), CALLER['api-access-token']]) {
      expect(result.text).not.toContain(secret);
      expect(logs.text()).not.toContain(secret);
    }
  });

  it('has no field named like a token or secret, but the public website token of a live-chat widget', () => {
    const schema = buildGatewaySchema();
    const offending: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const name = `${type.name}.${field.name}`;
        if (/token|secret|password|hmac/i.test(field.name) && !PUBLIC_TOKENS.has(name)) offending.push(name);
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('Application API secrets the simulator sends, as Chatwoot does', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startSimulator();
    gateway = await startApplicationGateway(simulator.url);
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  it("drops the inbox and bot secrets Chatwoot's administrator views carry", async () => {
    const inbox = simulator.store.inboxes[0]!;
    const bot = simulator.application.structure.agentBots.find((b) => b.accountId === 1)!;
    // The simulator's own answer has them, so the gateway's mapping is what keeps them out.
    const raw = await fetch(`${simulator.url}/api/v1/accounts/1/inboxes/${inbox.id}`, { headers: ADMIN });
    const rawBot = await fetch(`${simulator.url}/api/v1/accounts/1/agent_bots/${bot.id}`, { headers: ADMIN });
    const upstream = (await raw.text()) + (await rawBot.text());
    const secrets = [inbox.hmacToken, simulator.application.structure.accountInboxes.get(inbox.id)!.secret, bot.accessToken, bot.secret];
    for (const secret of secrets) expect(upstream).toContain(secret);

    const result = await gateway.query(
      `{ account(id: 1) { inboxes { id name websiteToken } inbox(id: ${inbox.id}) { id agentBot { id } } agentBots { id name botConfig } agentBot(id: ${bot.id}) { id } } me { id } }`,
      {},
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    for (const secret of [...secrets, APPLICATION_DEMO.adminToken, APPLICATION_DEMO.adminPubsubToken]) expect(result.text).not.toContain(secret);
  });
});
