import { startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';

/** Inputs of the account-structure mutations the gateway refuses itself, before anything is sent to Chatwoot. */

const TOKEN = { 'api-access-token': 'caller-token-input-1' };

// Every row has its variables (or {}): jest reads a test function taking more arguments than the row as done-callback style.
const CASES: readonly (readonly [string, string, Record<string, unknown>])[] = [
  ['an empty member list (Rails reads it as missing)', 'mutation { addTeamMembers(accountId: 1, teamId: 1, userIds: []) { id } }', {}],
  ['a member id that is not a number', 'mutation { setTeamMembers(accountId: 1, teamId: 1, userIds: ["2/../3"]) { id } }', {}],
  ['more than 500 member ids', 'mutation($ids: [ID!]!) { addInboxMembers(accountId: 1, inboxId: 1, userIds: $ids) { id } }', { ids: Array.from({ length: 501 }, (_, i) => String(i + 1)) }],
  ['an inbox id that is not a number', 'mutation { removeInboxMembers(accountId: 1, inboxId: "abc", userIds: [1]) { userIds } }', {}],
  ['a website inbox without its website', 'mutation { createInbox(accountId: 1, input: { name: "Site", channel: { type: WEB_WIDGET } }) { id } }', {}],
  ['a website field on an API channel', 'mutation { createInbox(accountId: 1, input: { name: "Api", channel: { type: API, websiteUrl: "https://x.example" } }) { id } }', {}],
  ['a blank inbox name', 'mutation { createInbox(accountId: 1, input: { name: "  ", channel: { type: API } }) { id } }', {}],
  ['a bot id that is not a number', 'mutation { setInboxAgentBot(accountId: 1, inboxId: 1, agentBotId: "bot") { inboxId } }', {}],
  ['a branded layout over 262144 characters', 'mutation($layout: String) { setBrandedEmailLayout(accountId: 1, layout: $layout) }', { layout: 'x'.repeat(262_145) }],
];

describe('account-structure input checked before any upstream call', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ status: 500 }));
    gateway = await startApplicationGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it.each(CASES)('answers BAD_USER_INPUT for %s and sends nothing', async (_name, document, variables) => {
    const before = chatwoot.requests.length;
    const result = await gateway.query(document, variables, TOKEN);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toEqual(expect.stringMatching(/userIds|inboxId|websiteUrl|name|agentBotId|layout/));
    expect(chatwoot.requests.length).toBe(before);
  });
});
