import { captureLogs } from '../support/logs';
import { GatewayMetrics } from '../../src/observability/metrics';
import { createUpstreamObserver, MAX_UPSTREAM_OPERATIONS, OTHER_OPERATION } from '../../src/observability/upstream';
import { getRaw, postRaw } from '../support/http';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';

const GET_CONTACT = 'query Read($i: String!, $c: String!) { contact(inboxIdentifier: $i, contactIdentifier: $c) { id } }';

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let metricsUrl: string;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    gateway = await startTestGateway(chatwoot.url);
    metricsUrl = gateway.url.replace('/graphql', '/metrics');
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('counts GraphQL requests by operation name and outcome', async () => {
    chatwoot.reply(() => ({ body: slimContact() }));
    await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'contact-1' });
    chatwoot.reply(() => ({ status: 404, body: { error: 'Not Found' } }));
    await gateway.query(GET_CONTACT, { i: 'inbox-abc', c: 'missing' });
    await gateway.query('{ nope }');

    const { status, headers, text } = await getRaw(metricsUrl);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/plain');
    expect(sample(text, 'gateway_graphql_requests_total', { operation: 'Read', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'gateway_graphql_requests_total', { operation: 'Read', outcome: 'NOT_FOUND' })).toBe(1);
    expect(sample(text, 'gateway_graphql_requests_total', { operation: 'anonymous', outcome: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
  });

  it('counts upstream calls by operation and status class, with a latency histogram, none in flight, and the dispatcher count', async () => {
    const { text } = await getRaw(metricsUrl);
    const operation = 'GET /public/api/v1/inboxes/:inbox/contacts/:contact';
    expect(sample(text, 'gateway_upstream_calls_total', { operation, status_class: '2xx' })).toBe(1);
    expect(sample(text, 'gateway_upstream_calls_total', { operation, status_class: '4xx' })).toBe(1);
    expect(sample(text, 'gateway_upstream_call_duration_seconds_count', { operation })).toBe(2);
    expect(sample(text, 'gateway_upstream_calls_in_flight')).toBe(0);
    expect(sample(text, 'gateway_upstream_calls_queued')).toBe(0);
    expect(sample(text, 'gateway_upstream_dispatchers')).toBe(1);
    expect(text).not.toContain('inbox-abc');
  });

  it('keeps each gateway in its own registry, so two in one process do not mix their counts', async () => {
    const other = await startTestGateway(chatwoot.url);
    try {
      const { text } = await getRaw(other.url.replace('/graphql', '/metrics'));
      expect(sample(text, 'gateway_graphql_requests_total', { operation: 'Read', outcome: 'ok' })).toBeUndefined();
      expect(sample(text, 'gateway_upstream_dispatchers')).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('labels operation names past the first 200 distinct ones as "other", so clients cannot grow the label set', async () => {
    const local = await startTestGateway(chatwoot.url);
    try {
      for (let i = 0; i < 205; i += 1) await local.query(`query Op${i} { __typename }`);
      const { text } = await getRaw(local.url.replace('/graphql', '/metrics'));
      expect(sample(text, 'gateway_graphql_requests_total', { operation: 'other', outcome: 'ok' })).toBe(5);
    } finally {
      await local.close();
    }
  });

  it('gives no label to operation names the document does not define, so junk names cannot squat the label slots', async () => {
    const local = await startTestGateway(chatwoot.url);
    try {
      const body = (operationName: string) => JSON.stringify({ query: 'query Real { __typename }', operationName });
      for (let i = 0; i < 210; i += 1) {
        const junk = await postRaw(local.url, body(`junk${i}`), { 'content-type': 'application/json' });
        expect(JSON.parse(junk.text).errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
      }
      await postRaw(local.url, body('Real'), { 'content-type': 'application/json' });

      const { text } = await getRaw(local.url.replace('/graphql', '/metrics'));
      expect(sample(text, 'gateway_graphql_requests_total', { operation: 'Real', outcome: 'ok' })).toBe(1);
      expect(sample(text, 'gateway_graphql_requests_total', { operation: 'unresolved', outcome: 'OPERATION_RESOLUTION_FAILURE' })).toBe(210);
      expect(text).not.toContain('junk');
    } finally {
      await local.close();
    }
  });
});

describe('upstream call metrics', () => {
  const observed = () => {
    const metrics = new GatewayMetrics({ dispatchers: () => 0, callsInFlight: () => 0, callsQueued: () => 0 });
    return { metrics, observer: createUpstreamObserver(captureLogs('silent').logger, metrics) };
  };

  it('counts each operation and status class on its own series, however often the bound children are reused', async () => {
    const { metrics, observer } = observed();
    const call = { method: 'PATCH', pathTemplate: '/public/api/v1/inboxes/:inbox/contacts/:contact' } as const;
    for (const status of [200, 200, 404, 500]) observer.start(call)({ status, ...(status >= 400 ? { errorKind: 'http' } : {}) });
    observer.start(call)({ status: 200, errorKind: 'unavailable' });
    observer.start({ method: 'GET', pathTemplate: call.pathTemplate })({ errorKind: 'timeout' });
    const text = await metrics.render();
    const operation = `PATCH ${call.pathTemplate}`;
    expect(sample(text, 'gateway_upstream_calls_total', { operation, status_class: '2xx' })).toBe(2);
    expect(sample(text, 'gateway_upstream_calls_total', { operation, status_class: '4xx' })).toBe(1);
    expect(sample(text, 'gateway_upstream_calls_total', { operation, status_class: '5xx' })).toBe(1);
    expect(sample(text, 'gateway_upstream_calls_total', { operation, status_class: 'error' })).toBe(1);
    expect(sample(text, 'gateway_upstream_call_duration_seconds_count', { operation })).toBe(5);
    expect(sample(text, 'gateway_upstream_calls_total', { operation: `GET ${call.pathTemplate}`, status_class: 'error' })).toBe(1);
  });

  it(`gives the first ${MAX_UPSTREAM_OPERATIONS} distinct operations a series each and counts the rest as "${OTHER_OPERATION}"`, async () => {
    const { metrics, observer } = observed();
    for (let i = 0; i < MAX_UPSTREAM_OPERATIONS + 3; i += 1) observer.start({ method: 'GET', pathTemplate: `/t${i}` })({ status: 200 });
    observer.start({ method: 'GET', pathTemplate: '/t0' })({ status: 200 });
    const text = await metrics.render();
    const operations = new Set([...text.matchAll(/^gateway_upstream_calls_total\{operation="([^"]*)"/gm)].map((m) => m[1]));
    expect(operations.size).toBe(MAX_UPSTREAM_OPERATIONS + 1);
    expect(sample(text, 'gateway_upstream_calls_total', { operation: OTHER_OPERATION, status_class: '2xx' })).toBe(3);
    expect(sample(text, 'gateway_upstream_calls_total', { operation: 'GET /t0', status_class: '2xx' })).toBe(2);
    expect(sample(text, 'gateway_upstream_call_duration_seconds_count', { operation: OTHER_OPERATION })).toBe(3);
  });
});
