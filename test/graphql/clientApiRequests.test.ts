import { CLIENT_API_OPERATIONS } from '../../src/graphql/operations';
import { clientApiHandler } from '../support/clientApi';
import { SCENARIOS } from '../support/clientApiScenarios';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';

describe('Client API operations: the exact upstream request', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(clientApiHandler());
    gateway = await startTestGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  it('has a scenario for every field of the operations table', () => {
    expect(new Set(SCENARIOS.map((s) => s.field))).toEqual(new Set(CLIENT_API_OPERATIONS.map((o) => o.field)));
  });

  it.each(SCENARIOS.map((s) => [s.field, s] as const))('%s sends exactly the documented request', async (_field, scenario) => {
    const result = await gateway.query(scenario.query, scenario.variables);

    expect(result.errors).toBeUndefined();
    const sent = chatwoot.last();
    expect({ method: sent.method, path: sent.path, query: sent.query, body: sent.json }).toEqual(scenario.request);
    if (scenario.request.body !== undefined) expect(sent.headers['content-type']).toBe('application/json');
  });
});
