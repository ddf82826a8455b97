import { type FakeChatwoot, type FakeHandler, slimContact, startFakeChatwoot } from './servers';
import { startTestGateway, type TestGateway } from './gateway';

export interface GatewayHarness {
  /** The recording fake Chatwoot; its log and reply are reset before each test. */
  readonly chatwoot: FakeChatwoot;
  readonly gateway: TestGateway;
}

/**
 * Registers jest hooks that start a recording fake Chatwoot and the gateway in front of it for the enclosing
 * describe block, reset the fake before each test (empty log, answers with `reply`, by default a slim contact),
 * and close both after.
 */
export function useGatewayWithFakeChatwoot(
  env: Record<string, string> = {},
  reply: () => FakeHandler = () => () => ({ body: slimContact() }),
): GatewayHarness {
  const handle = {} as { chatwoot: FakeChatwoot; gateway: TestGateway };
  beforeAll(async () => {
    handle.chatwoot = await startFakeChatwoot(reply());
    handle.gateway = await startTestGateway(handle.chatwoot.url, env);
  });
  afterAll(async () => {
    await handle.gateway?.close();
    await handle.chatwoot?.close();
  });
  beforeEach(() => {
    handle.chatwoot.requests.length = 0;
    handle.chatwoot.reply(reply());
  });
  return {
    get chatwoot() {
      return handle.chatwoot;
    },
    get gateway() {
      return handle.gateway;
    },
  };
}
