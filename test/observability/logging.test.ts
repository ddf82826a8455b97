import { connect } from 'node:net';
import { deepJson, postRaw } from '../support/http';
import { captureLogs, type CapturedLogs, upstreamLines } from '../support/logs';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';

const TOKEN = 'configured-token-SECRET-9f8e7d';
const CALLER_TOKEN = 'caller-token-SECRET-1a2b3c';
const HASH = 'b'.repeat(64);
const GET_CONTACT = 'query Read($i: String!, $c: String!) { contact(inboxIdentifier: $i, contactIdentifier: $c) { id } }';
const UPDATE =
  'mutation Save($i: String!, $c: String!, $input: UpdateContactInput!) { updateContact(inboxIdentifier: $i, contactIdentifier: $c, input: $input) { id } }';

describe('structured logs', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let logs: CapturedLogs;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    const captured = captureLogs('debug');
    logs = captured.logs;
    gateway = await startTestGateway(chatwoot.url, { CHATWOOT_API_ACCESS_TOKEN: TOKEN }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    logs.clear();
    chatwoot.reply(() => ({ body: slimContact() }));
  });

  it('keeps a sane incoming x-request-id, returns it and sends it upstream', async () => {
    const result = await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' }, { 'x-request-id': 'req-42.abc' });
    expect(result.headers.get('x-request-id')).toBe('req-42.abc');
    expect(chatwoot.last().headers['x-request-id']).toBe('req-42.abc');
    expect(upstreamLines(logs)[0]?.requestId).toBe('req-42.abc');
  });

  it.each([
    ['too long', 'a'.repeat(200)],
    ['with spaces and quotes', 'id "injected" \\n next'],
  ])('replaces an incoming x-request-id that is %s with a fresh one', async (_label, incoming) => {
    const result = await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' }, { 'x-request-id': incoming });
    const id = result.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(chatwoot.last().headers['x-request-id']).toBe(id);
  });

  it('generates a request id when none is sent, a different one per request', async () => {
    const first = await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' });
    const second = await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' });
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });

  it('logs each upstream call once, with method, path template, status and duration, at info', async () => {
    await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' });
    const lines = upstreamLines(logs);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.upstream).toEqual({
      method: 'GET',
      path: '/public/api/v1/inboxes/:inbox/contacts/:contact',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(lines[0]?.level).toBe(30);
  });

  it('logs the status and failure kind of a failed call', async () => {
    chatwoot.reply(() => ({ status: 404, body: { error: 'Not Found' } }));
    await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'missing' });
    expect(upstreamLines(logs)[0]?.upstream).toMatchObject({ status: 404, error: 'http' });
  });

  it('never writes the configured token, a caller token, an identifier hash or an identifier into the logs', async () => {
    await gateway.query(UPDATE, { i: 'inbox-abc', c: 'contact-1', input: { identifierHash: HASH, name: 'x' } }, { 'api-access-token': CALLER_TOKEN });
    await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' });
    const text = logs.text();
    expect(logs.lines.length).toBeGreaterThanOrEqual(2);
    for (const secret of [TOKEN, CALLER_TOKEN, HASH, 'inbox-abc', 'contact-1']) expect(text).not.toContain(secret);
  });

  it('logs one info line per GraphQL request with its operation, outcome, duration and upstream calls', async () => {
    await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' }, { 'x-request-id': 'summary-1' });
    const lines = logs.lines.filter((l) => l.requestId === 'summary-1');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'graphql request',
        operation: 'Read',
        outcome: 'ok',
        durationMs: expect.any(Number),
        upstream: [{ method: 'GET', path: '/public/api/v1/inboxes/:inbox/contacts/:contact', status: 200, durationMs: expect.any(Number) }],
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('failedCalls');
    expect(lines[0]).not.toHaveProperty('unlistedCalls');
    expect(logs.lines.filter((l) => l.msg === 'upstream call')).toEqual([]);
  });

  it("puts the first error's code in the request line's outcome", async () => {
    chatwoot.reply(() => ({ status: 404, body: { error: 'Not Found' } }));
    await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'missing' }, { 'x-request-id': 'missing-1' });
    expect(logs.lines.filter((l) => l.requestId === 'missing-1')).toEqual([
      expect.objectContaining({ msg: 'graphql request', operation: 'Read', outcome: 'NOT_FOUND', failedCalls: 1 }),
    ]);
  });

  it('lists the calls of a bulk request on its one line, and counts the failed ones', async () => {
    chatwoot.reply((request) => (request.path.endsWith('/missing') ? { status: 404, body: { error: 'Not Found' } } : { body: slimContact() }));
    const items = ['a', 'missing', 'b'].map((c) => ({ inboxIdentifier: 'inbox-abc', contactIdentifier: c, input: { name: 'N' } }));
    await gateway.query('mutation Bulk($items: [UpdateContactItemInput!]!) { updateContacts(items: $items) { index } }', { items }, { 'x-request-id': 'bulk-1' });
    const lines = logs.lines.filter((l) => l.requestId === 'bulk-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'graphql request', operation: 'Bulk', outcome: 'ok', failedCalls: 1 });
    const calls = lines[0]?.upstream as Array<Record<string, unknown>>;
    expect(calls.map((c) => c.status).sort()).toEqual([200, 200, 404]);
    expect(calls.find((c) => c.status === 404)).toEqual({ method: 'PATCH', path: '/public/api/v1/inboxes/:inbox/contacts/:contact', status: 404, durationMs: expect.any(Number), error: 'http' });
  });

  it('writes no line for a request refused before GraphQL runs (it made no call)', async () => {
    const result = await postRaw(gateway.url, '{"query":', { 'x-request-id': 'refused-1' });
    expect(result.status).toBe(400);
    expect(logs.lines.filter((l) => l.requestId === 'refused-1')).toEqual([]);
  });

  it('answers BAD_USER_INPUT, not a network error, for custom attributes nested too deeply to send', async () => {
    const variables = `{"i":"inbox-abc","c":"contact-1","input":{"customAttributes":${deepJson(20_000, 'x')}}}`;
    const result = await postRaw(gateway.url, `{"query":${JSON.stringify(UPDATE)},"variables":${variables}}`);
    expect(result.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(upstreamLines(logs)).toHaveLength(0);
  });

  it('keeps answering, and logs nothing above info, after a client drops its connection mid-body', async () => {
    const { port } = new URL(gateway.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"query":`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const after = await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' });
    expect(after.errors).toBeUndefined();
    expect(logs.lines.filter((l) => (l.level as number) > 30)).toEqual([]);
  });
});

describe('structured logs of a batched HTTP request', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let logs: CapturedLogs;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ body: slimContact() }));
    const captured = captureLogs('info');
    logs = captured.logs;
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_HTTP_BATCHING: 'true' }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('writes one line per operation and logs each of their calls exactly once, under the one request id', async () => {
    const body = [
      { query: GET_CONTACT, variables: { i: 'inbox-abc', c: 'contact-1' } },
      { query: GET_CONTACT.replace('query Read', 'query ReadAgain'), variables: { i: 'inbox-abc', c: 'contact-2' } },
    ];
    const result = await postRaw(gateway.url, JSON.stringify(body), { 'x-request-id': 'batch-1' });
    expect(result.status).toBe(200);
    expect(chatwoot.requests).toHaveLength(2);
    const lines = logs.lines.filter((l) => l.requestId === 'batch-1' && l.msg === 'graphql request');
    expect(lines.map((l) => l.operation).sort()).toEqual(['Read', 'ReadAgain']);
    expect(upstreamLines(logs).filter((l) => l.requestId === 'batch-1')).toHaveLength(2);
  });
});
