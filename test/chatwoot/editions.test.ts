import { startApplicationGateway } from '../support/application';
import type { TestGateway } from '../support/gateway';
import { type FakeChatwoot, type FakeReply, startFakeChatwoot } from '../support/servers';

/**
 * Enterprise-only routes: a Community Chatwoot answers Rails' routing 404 (an HTML page in production), which the
 * adapter reports as FORBIDDEN enterprise_only; Chatwoot's own record 404 (an unknown account) stays NOT_FOUND, and
 * a 404 on an operation every edition has stays NOT_FOUND whatever its body.
 */

const ROUTING_PAGE: FakeReply = { status: 404, headers: { 'content-type': 'text/html' }, body: "<html><body>The page you were looking for doesn't exist.</body></html>" };
const RECORD_404: FakeReply = { status: 404, body: { error: 'Resource could not be found' } };

describe('Enterprise-only routes on a Community Chatwoot', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    gateway = await startApplicationGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  const ask = (document: string, reply: FakeReply) => {
    chatwoot.reply(() => reply);
    return gateway.query(document, {}, { 'api-access-token': 'caller-token' });
  };

  it.each([
    ['auditLogs', '{ account(id: 1) { auditLogs { totalCount } } }'],
    ['reportingEvents', '{ account(id: 1) { reportingEvents { totalCount } } }'],
  ])('answers FORBIDDEN enterprise_only for %s when the route does not exist', async (_field, document) => {
    const result = await ask(document, ROUTING_PAGE);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'enterprise_only' });
    expect(result.errors?.[0]?.message).toContain('Chatwoot Enterprise only');
  });

  it("keeps Chatwoot's record 404 (an unknown account) as NOT_FOUND", async () => {
    const result = await ask('{ account(id: 1) { auditLogs { totalCount } } }', RECORD_404);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: { status: 404 } });
  });

  it('keeps a 404 of an operation every edition serves as NOT_FOUND', async () => {
    const result = await ask('{ account(id: 1) { webhooks { id } } }', ROUTING_PAGE);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
