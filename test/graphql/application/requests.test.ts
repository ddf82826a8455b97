import { ALL_OPERATIONS } from '../../../src/graphql/operations';
import { requestProblems } from '../../contract/application';
import { startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';
import { APPLICATION_SCENARIOS, type RequestScenario } from './scenarios';

/**
 * Every Application operation, exactly: the request Chatwoot receives (method, path, query, JSON body key by key, the
 * caller's token and never the server's) and the data the caller gets; each request also validates against Chatwoot's
 * official document with its errata.
 */

const CALLER = 'caller-own-token-1234';
const SERVER = 'server-held-token-5678';

describe('exact upstream requests of the Application API', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let current: RequestScenario | undefined;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => current?.prior?.find((p) => p.path === request.path)?.reply ?? current?.reply ?? { status: 500 });
    gateway = await startApplicationGateway(chatwoot.url, { CHATWOOT_API_ACCESS_TOKEN: SERVER });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('has a scenario for every Application field bound to an operation', () => {
    const covered = new Set(APPLICATION_SCENARIOS.map((scenario) => scenario.field));
    const missing = ALL_OPERATIONS.filter((op) => op.api === 'APPLICATION' && !covered.has(op.field)).map((op) => op.field);
    expect(missing).toEqual([]);
  });

  it.each(APPLICATION_SCENARIOS.map((s, i) => [`${s.field} #${i + 1}`, s] as const))('%s', async (_name, scenario) => {
    current = scenario;
    const before = chatwoot.requests.length;
    const result = await gateway.query(scenario.document, scenario.variables, { 'api-access-token': CALLER });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual(scenario.data);
    const sent = chatwoot.requests.slice(before);
    expect(sent).toHaveLength(1 + (scenario.prior?.length ?? 0));
    expect(sent.slice(0, -1).map((r) => r.path)).toEqual((scenario.prior ?? []).map((p) => p.path));
    for (const prior of sent.slice(0, -1)) {
      expect(prior.headers['api-access-token']).toBe(CALLER);
      expect(requestProblems({ method: prior.method, path: prior.path, query: prior.query, body: prior.json })).toEqual([]);
    }
    const request = sent[sent.length - 1]!;
    expect({ method: request.method, path: request.path, query: request.query, body: request.json }).toEqual({
      method: scenario.request.method,
      path: scenario.request.path,
      query: scenario.request.query ?? '',
      body: scenario.request.body,
    });
    expect(request.headers['api-access-token']).toBe(CALLER);
    expect(request.text + JSON.stringify(request.headers)).not.toContain(SERVER);
    expect(requestProblems({ method: request.method, path: request.path, query: request.query, body: request.json })).toEqual([]);
  });
});
