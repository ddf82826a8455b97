import { buildGatewaySchema } from '../../../src/graphql/schema';
import { ALL_OPERATIONS } from '../../../src/graphql/operations';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { applicationProbes, type Probe } from '../../support/schemaProbes';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';

/**
 * The credential model, over every Application field the schema has (documents built from the schema, so fields
 * added later are covered too): each refusal is coded and makes no upstream request at all.
 */

const schema = buildGatewaySchema();
const applicationMutations = new Set(
  ALL_OPERATIONS.filter((op) => op.api === 'APPLICATION' && op.field.startsWith('Mutation.')).map((op) => op.field.slice('Mutation.'.length)),
);
const probes = applicationProbes(schema, applicationMutations, '1');
const SERVER_TOKEN = 'server-held-token-must-never-travel';

describe('the credential model', () => {
  let chatwoot: FakeChatwoot;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ status: 500, body: { error: 'the fake should not have been called' } }));
  });
  afterAll(() => chatwoot.close());

  async function expectRefused(gateway: TestGateway, probe: Probe, headers: Record<string, string>, expected: Record<string, unknown>) {
    const before = chatwoot.requests.length;
    const result = await gateway.query(probe.document, {}, headers);
    expect({ field: probe.field, errors: result.errors?.map((e) => e.extensions) }).toEqual({ field: probe.field, errors: [expect.objectContaining(expected)] });
    expect({ field: probe.field, upstreamRequests: chatwoot.requests.length - before }).toEqual({ field: probe.field, upstreamRequests: 0 });
  }

  it('covers the Application fields of the schema', () => {
    expect(probes.length).toBeGreaterThanOrEqual(10);
  });

  describe('with the Application API on and the server holding a token of its own', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway(chatwoot.url, { GATEWAY_APPLICATION_API: 'true', CHATWOOT_API_ACCESS_TOKEN: SERVER_TOKEN });
    });
    afterAll(() => gateway.close());

    it.each(probes.map((p) => [p.field, p] as const))('refuses %s without the caller token: UNAUTHENTICATED, nothing sent', async (_field, probe) => {
      await expectRefused(gateway, probe, {}, { code: 'UNAUTHENTICATED', reason: 'missing_token' });
    });

    it.each(['abc', '../1', '1/2', '0', '-1', '1.5', ' 1'])('refuses the id %j with BAD_USER_INPUT before any call', async (badId) => {
      // Every probe that passes an id: the account's own fields (under account(id:)) and mutations with id arguments.
      const badProbes = applicationProbes(schema, applicationMutations, badId).filter((p) => p.document.includes(JSON.stringify(badId)));
      expect(badProbes.length).toBeGreaterThan(5);
      for (const probe of badProbes) await expectRefused(gateway, probe, { 'api-access-token': 'caller-token' }, { code: 'BAD_USER_INPUT' });
    });

    it('sends the caller token, and never the server token, on an Application call', async () => {
      chatwoot.reply(() => ({ body: { payload: [] } }));
      try {
        const result = await gateway.query('{ account(id: 1) { labels { id } } }', {}, { 'api-access-token': 'caller-token' });
        expect(result.errors).toBeUndefined();
        const sent = chatwoot.last();
        expect(sent.headers['api-access-token']).toBe('caller-token');
        expect(JSON.stringify(sent.headers)).not.toContain(SERVER_TOKEN);
      } finally {
        chatwoot.reply(() => ({ status: 500, body: { error: 'the fake should not have been called' } }));
      }
    });
  });

  describe('with the Application API switched off (the default)', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway(chatwoot.url);
    });
    afterAll(() => gateway.close());

    it.each(probes.map((p) => [p.field, p] as const))('refuses %s with FORBIDDEN api_disabled, nothing sent', async (_field, probe) => {
      await expectRefused(gateway, probe, { 'api-access-token': 'caller-token' }, { code: 'FORBIDDEN', reason: 'api_disabled' });
    });
  });
});
