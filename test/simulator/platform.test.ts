import { startSimulator, type Simulator } from '../../src/simulator';
import { PLATFORM_DEMO } from '../../src/simulator/platform';
import { APPLICATION_DEMO } from '../../src/simulator/application';
import type { TestGateway } from '../support/gateway';
import { SERVICE, startPlatformGateway } from '../support/platform';

/** Provisioning against the simulator's Platform API, through the real gateway, as a backend would do it. */
describe('the Platform API against the simulator', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startSimulator();
    gateway = await startPlatformGateway(simulator.url, PLATFORM_DEMO.token, { GATEWAY_APPLICATION_API: 'true' });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  it('provisions an account, a user and the membership, and the user then works in the new account', async () => {
    const account = await gateway.query<{ platformCreateAccount: { id: string; name: string } }>(
      'mutation { platformCreateAccount(input: { name: "Tenant One" }) { id name status } }',
      {},
      SERVICE,
    );
    expect(account.errors).toBeUndefined();
    const accountId = account.data!.platformCreateAccount.id;
    const user = await gateway.query<{ platformCreateUser: { id: string } }>(
      'mutation { platformCreateUser(input: { name: "Tina", email: "tina@tenant.example", password: "Passw0rd!Passw0rd" }) { id email } }',
      {},
      SERVICE,
    );
    const userId = user.data!.platformCreateUser.id;
    const member = await gateway.query(`mutation { platformAddAccountUser(accountId: ${accountId}, userId: ${userId}, role: ADMINISTRATOR) { accountId userId role } }`, {}, SERVICE);
    expect(member.data).toEqual({ platformAddAccountUser: { accountId, userId, role: 'ADMINISTRATOR' } });
    const members = await gateway.query(`{ platform { account(id: ${accountId}) { name accountUsers { userId role } } } }`, {}, SERVICE);
    expect(members.data).toEqual({ platform: { account: { name: 'Tenant One', accountUsers: [{ userId, role: 'ADMINISTRATOR' }] } } });
    // Chatwoot's answers carried the user's API token: nothing of it reached the backend.
    const token = simulator.application.users.get(Number(userId))!.accessToken;
    expect(user.text + members.text).not.toContain(token);
  });

  it('attaches an existing user by e-mail instead of creating one, without revealing the user token', async () => {
    const attached = await gateway.query<{ platformCreateUser: { id: string; name: string } }>(
      'mutation { platformCreateUser(input: { name: "Someone Else", email: "ada@example.com" }) { id name accounts { id role } } }',
      {},
      SERVICE,
    );
    expect(attached.errors).toBeUndefined();
    expect(attached.data!.platformCreateUser).toMatchObject({ id: '1', accounts: [{ id: '1', role: 'ADMINISTRATOR' }] });
    expect(attached.text).not.toContain(APPLICATION_DEMO.adminToken);
    expect(attached.text).not.toContain(APPLICATION_DEMO.adminPubsubToken);
  });

  it('answers FORBIDDEN not_permissible for an account the Platform App did not create, and null for none at all', async () => {
    const foreign = await gateway.query('{ platform { account(id: 1) { id } } }', {}, SERVICE);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'not_permissible' });
    const missing = await gateway.query('{ platform { account(id: 999) { id } } }', {}, SERVICE);
    expect(missing.errors).toBeUndefined();
    expect(missing.data).toEqual({ platform: { account: null } });
  });

  it('creates a bot whose access token never reaches the caller, and mints an SSO link only through its mutation', async () => {
    const bot = await gateway.query<{ platformCreateAgentBot: { id: string } }>(
      'mutation { platformCreateAgentBot(input: { name: "Router", outgoingUrl: "https://bots.example/hook" }) { id name systemBot } }',
      {},
      SERVICE,
    );
    expect(bot.errors).toBeUndefined();
    const stored = simulator.platform.bots.find((b) => String(b.id) === bot.data!.platformCreateAgentBot.id)!;
    expect(bot.text).not.toContain(stored.accessToken);
    const user = await gateway.query<{ platformCreateUser: { id: string } }>('mutation { platformCreateUser(input: { name: "Sso", email: "sso@tenant.example" }) { id } }', {}, SERVICE);
    const link = await gateway.query<{ platformCreateUserSsoLink: { url: string } }>(
      `mutation { platformCreateUserSsoLink(id: ${user.data!.platformCreateUser.id}) { url } }`,
      {},
      SERVICE,
    );
    expect(link.data!.platformCreateUserSsoLink.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/login\?email=sso%40tenant\.example&sso_auth_token=[0-9a-f]{32}$/);
  });

  it('turns a user token sent to the Platform API into nothing: the gateway sends the Platform token only', async () => {
    const result = await gateway.query('{ platform { agentBots { id } } }', {}, { ...SERVICE, 'api-access-token': APPLICATION_DEMO.adminToken });
    expect(result.errors).toBeUndefined();
  });
});
