import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlpReceiver';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';

const TOKEN = 'tok-Secret-9f8e7d6c5b4a';
const INBOX = 'inbox-Secret-1a2b3c';
const CONTACTS = ['contact-Secret-aaa111', 'contact-Secret-bbb222'];
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const TWO_READS = `query TwoContacts($inbox: String!, $first: String!, $second: String!) {
  a: contact(inboxIdentifier: $inbox, contactIdentifier: $first) { id name }
  b: contact(inboxIdentifier: $inbox, contactIdentifier: $second) { id name }
}`;
const ONE_READ = 'query OneContact($inbox: String!, $first: String!) { a: contact(inboxIdentifier: $inbox, contactIdentifier: $first) { id name } }';

function otelEnv(receiver: OtlpReceiver, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '50',
    OTEL_SERVICE_NAME: 'gateway-under-test',
    ...extra,
  };
}

const byKind = (spans: ReceivedSpan[], kind: number) => spans.filter((s) => s.kind === kind);
const SERVER = 2;
const CLIENT = 3;

/** Waits (bounded) until the receiver holds a server span matching `match` and `clients` client spans under it. */
async function traceOf(receiver: OtlpReceiver, match: (span: ReceivedSpan) => boolean, clients: number) {
  const end = Date.now() + 15_000;
  for (;;) {
    const spans = receiver.spans();
    const servers = byKind(spans, SERVER).filter(match);
    const children = byKind(spans, CLIENT).filter((c) => servers.some((s) => s.spanId === c.parentSpanId));
    if (servers.length > 0 && children.length >= clients) return { servers, clients: children };
    if (Date.now() > end) throw new Error(`no exported trace (${spans.length} spans received)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
}

/**
 * Traced gateways run as their own processes (src/main.ts): the SDK registers itself globally and reads OTEL_* from
 * the process environment, as in production; and its exporter does not send from inside jest's module sandbox.
 */
describe('OpenTelemetry tracing', () => {
  let chatwoot: FakeChatwoot;
  let receiver: OtlpReceiver;
  let gateway: GatewayProcess;
  let firstAttempt = true;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot((request) => {
      const contact = request.path.split('/').pop();
      // The first read of the first contact gets a 503, so the gateway retries it once.
      if (contact === CONTACTS[0] && firstAttempt) {
        firstAttempt = false;
        return { status: 503, body: { error: 'busy' } };
      }
      if (contact === 'contact-missing') return { status: 404, body: { error: 'Not found' } };
      return { body: slimContact({ source_id: contact }) };
    });
    receiver = await startOtlpReceiver();
    gateway = await startGatewayProcess({
      ...otelEnv(receiver),
      CHATWOOT_BASE_URL: chatwoot.url,
      GATEWAY_RETRY_BASE_DELAY_MS: '1',
      LOG_LEVEL: 'info',
    });
  }, 40_000);
  afterAll(async () => {
    await gateway?.stop();
    await chatwoot.close();
    await receiver.close();
  });

  it('exports one server span continuing the incoming traceparent and one client span per upstream call, whose traceparent Chatwoot received', async () => {
    const answer = await post(
      gateway.url,
      TWO_READS,
      { inbox: INBOX, first: CONTACTS[0], second: CONTACTS[1] },
      { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`, 'api-access-token': TOKEN, 'x-request-id': 'req-trace-1' },
    );
    expect(answer.errors).toBeUndefined();

    const { servers, clients } = await traceOf(receiver, (s) => s.traceId === TRACE_ID, 2);
    expect(servers).toHaveLength(1);
    const server = servers[0]!;
    expect(server).toMatchObject({
      parentSpanId: PARENT_ID,
      name: 'query TwoContacts',
      serviceName: 'gateway-under-test',
      attributes: expect.objectContaining({
        'graphql.operation.name': 'TwoContacts',
        'graphql.operation.type': 'query',
        'http.request.method': 'POST',
        'http.response.status_code': 200,
        'gateway.request.id': 'req-trace-1',
      }),
    });
    expect(server.status.code ?? 0).not.toBe(2);

    expect(clients).toHaveLength(2);
    for (const client of clients) {
      expect(client).toMatchObject({
        traceId: TRACE_ID,
        name: 'GET /public/api/v1/inboxes/:inbox/contacts/:contact',
        attributes: expect.objectContaining({
          'http.request.method': 'GET',
          'url.template': '/public/api/v1/inboxes/:inbox/contacts/:contact',
          'server.address': '127.0.0.1',
          'server.port': chatwoot.port,
          'http.response.status_code': 200,
        }),
      });
    }
    const retried = clients.find((c) => c.attributes['http.request.resend_count'] === 1);
    const single = clients.find((c) => c.attributes['http.request.resend_count'] === undefined);
    expect(retried && single).toBeTruthy();

    // Three requests reached Chatwoot (the first contact's read twice): each carried its call's client span.
    const received = chatwoot.requests.filter((r) => String(r.headers.traceparent ?? '').includes(TRACE_ID));
    expect(received.map((r) => [r.path.split('/').pop(), r.headers.traceparent]).sort()).toEqual(
      [
        [CONTACTS[0], `00-${TRACE_ID}-${retried!.spanId}-01`],
        [CONTACTS[0], `00-${TRACE_ID}-${retried!.spanId}-01`],
        [CONTACTS[1], `00-${TRACE_ID}-${single!.spanId}-01`],
      ].sort(),
    );

    // Neither the token nor the identifiers (variables, path segments) nor a full URL left the process.
    const exported = receiver.bodies.join('\n');
    for (const secret of [TOKEN, INBOX, ...CONTACTS]) expect(exported).not.toContain(secret);
    expect(exported).not.toContain('url.full');
  });

  it('sets the server span status to the catalogue code, and the client span error to Chatwoot status', async () => {
    const answer = await post(gateway.url, ONE_READ, { inbox: INBOX, first: 'contact-missing' }, { 'x-request-id': 'req-404' });
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const { servers, clients } = await traceOf(receiver, (s) => s.attributes['gateway.request.id'] === 'req-404', 1);
    const server = servers[0]!;
    // No incoming traceparent: the trace starts at the gateway.
    expect(server.parentSpanId).toBeUndefined();
    expect(server.status).toMatchObject({ code: 2, message: 'NOT_FOUND' });
    expect(server.attributes['gateway.error.code']).toBe('NOT_FOUND');
    expect(clients[0]!.status).toMatchObject({ code: 2, message: '404' });
    expect(clients[0]!.attributes).toMatchObject({ 'error.type': '404', 'http.response.status_code': 404 });
  });

  it('records the upstream URL with its identifiers only when GATEWAY_TRACE_IDENTIFIERS=true, exports what is left at shutdown, and logs trace ids', async () => {
    const identified = await startGatewayProcess({
      ...otelEnv(receiver, { OTEL_BSP_SCHEDULE_DELAY: '60000' }),
      CHATWOOT_BASE_URL: chatwoot.url,
      GATEWAY_TRACE_IDENTIFIERS: 'true',
      LOG_LEVEL: 'info',
    });
    await post(
      identified.url,
      ONE_READ,
      { inbox: INBOX, first: CONTACTS[1] },
      { 'api-access-token': TOKEN, 'x-request-id': 'req-ids', traceparent: `00-${TRACE_ID.replace(/^4/, '5')}-${PARENT_ID}-01` },
    );
    // The batch would wait a minute: the graceful shutdown exports it.
    expect(await identified.stop()).toBe(0);
    const { servers, clients } = await traceOf(receiver, (s) => s.attributes['gateway.request.id'] === 'req-ids', 1);
    // The request's log line (flushed at shutdown), which lists its upstream call, carries its trace and the server span.
    const line = identified.logLines().find((l) => l.msg === 'graphql request' && l.requestId === 'req-ids');
    expect(line).toMatchObject({ trace_id: TRACE_ID.replace(/^4/, '5'), span_id: servers[0]!.spanId, upstream: [expect.objectContaining({ status: 200 })] });
    expect(clients[0]!.attributes['url.full']).toBe(`${chatwoot.url}/public/api/v1/inboxes/${INBOX}/contacts/${CONTACTS[1]}`);
    expect(receiver.bodies.join('\n')).not.toContain(TOKEN);
  }, 40_000);
});

describe('OpenTelemetry tracing when off', () => {
  let chatwoot: FakeChatwoot;
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    chatwoot = await startFakeChatwoot();
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    await chatwoot.close();
    await receiver.close();
  });

  it.each([
    ['OTEL_TRACES_EXPORTER=none', { OTEL_TRACES_EXPORTER: 'none' }],
    ['OTEL_SDK_DISABLED=true', { OTEL_SDK_DISABLED: 'true' }],
  ])('exports nothing and sends no traceparent upstream (%s)', async (_name, off) => {
    const env = { ...otelEnv(receiver, off), CHATWOOT_BASE_URL: chatwoot.url, LOG_LEVEL: 'silent' };
    expect(loadConfig(env).tracing.enabled).toBe(false);
    const gateway = await startGatewayProcess(env);
    const answer = await post(gateway.url, ONE_READ, { inbox: INBOX, first: CONTACTS[0] }, { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` });
    expect(answer.data).toEqual({ a: { id: '42', name: 'Alice' } });
    expect(await gateway.stop()).toBe(0);
    expect(receiver.bodies).toEqual([]);
    expect(chatwoot.last().headers.traceparent).toBeUndefined();
  }, 40_000);

  it('does not even load the OpenTelemetry SDK or its exporters when off', () => {
    const script = `
      const { loadConfig } = require('./src/config');
      const { startGateway } = require('./src/gateway');
      startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHATWOOT_BASE_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' }))
        .then(async (gateway) => {
          // Only the SDK side: @opentelemetry/api (its no-op globals) may be loaded by libraries such as Apollo's.
          const loaded = Object.keys(require.cache).filter((path) => /@opentelemetry\\/(sdk-|exporter-|otlp-|resources)/.test(path));
          await gateway.close();
          console.log(JSON.stringify(loaded));
        });`;
    const output = execFileSync(process.execPath, ['-r', './test/support/tsRegister.js', '-e', script], {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH },
      timeout: 60_000,
    });
    expect(JSON.parse(output.toString('utf8').trim().split('\n').pop()!)).toEqual([]);
  }, 70_000);

  it('is off by default: no OTEL_* variable, no tracing', () => {
    expect(loadConfig({}).tracing).toEqual({ enabled: false, serviceName: 'chatwoot-graphql-gateway', identifiers: false });
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'console' }).tracing.enabled).toBe(true);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }).tracing.enabled).toBe(true);
  });

  it('reports invalid tracing variables at start-up without repeating the endpoint', () => {
    let error: unknown;
    try {
      loadConfig({
        OTEL_TRACES_EXPORTER: 'jaeger',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318/user:pa55word',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/xml',
        GATEWAY_TRACE_IDENTIFIERS: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      expect.stringContaining('OTEL_TRACES_EXPORTER must list otlp, console, zipkin, none (got "jaeger")'),
      expect.stringContaining('OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL'),
      expect.stringContaining('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be one of'),
      expect.stringContaining('GATEWAY_TRACE_IDENTIFIERS must be true or false'),
    ]);
    expect(problems.join('\n')).not.toContain('pa55word');
  });
});
