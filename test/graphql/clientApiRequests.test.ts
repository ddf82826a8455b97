import { useGatewayWithFakeChatwoot } from '../support/harness';
import { CLIENT_API_OPERATIONS } from '../../src/graphql/operations';
import { clientApiHandler } from '../support/clientApi';
import { SCENARIOS } from '../support/clientApiScenarios';

describe('Client API operations: the exact upstream request', () => {
  const harness = useGatewayWithFakeChatwoot({}, () => clientApiHandler());

  it('has a scenario for every field of the operations table', () => {
    expect(new Set(SCENARIOS.map((s) => s.field))).toEqual(new Set(CLIENT_API_OPERATIONS.map((o) => o.field)));
  });

  it.each(SCENARIOS.map((s) => [s.field, s] as const))('%s sends exactly the documented request', async (_field, scenario) => {
    const result = await harness.gateway.query(scenario.query, scenario.variables);

    expect(result.errors).toBeUndefined();
    const sent = harness.chatwoot.last();
    expect({ method: sent.method, path: sent.path, query: sent.query, body: sent.json }).toEqual(scenario.request);
    if (scenario.request.body !== undefined) expect(sent.headers['content-type']).toBe('application/json');
  });
});
