import { startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';
import { type FakeChatwoot, type RecordedRequest, startFakeChatwoot } from '../../support/servers';

/**
 * A reporting dashboard is one GraphQL request: the summary, the four summaries by dimension and a time series go
 * out concurrently, one upstream call each, and never more at once than the per-request bound.
 */

const DASHBOARD = `query Dashboard($since: DateTime, $until: DateTime) { account(id: 3) { reports {
  summary(since: $since, until: $until) { conversationsCount }
  byAgent(since: $since, until: $until) { id }
  byInbox(since: $since, until: $until) { id }
  byTeam(since: $since, until: $until) { id }
  byChannel(since: $since, until: $until) { channelType }
  timeseries(metric: CONVERSATIONS_COUNT, since: $since, until: $until) { value timestamp }
  again: summary(since: $since, until: $until) { resolutionsCount }
} } }`;
const RANGE = { since: '2026-01-01T00:00:00Z', until: '2026-01-08T00:00:00Z' };

/** Chatwoot's answer for each report path. */
function answer(request: RecordedRequest): unknown {
  if (request.path.endsWith('/reports/summary')) return { conversations_count: 4, resolutions_count: 2 };
  if (request.path.endsWith('/summary_reports/channel')) return { 'Channel::Api': { open: 1, resolved: 2, pending: 0, snoozed: 0, total: 3 } };
  if (request.path.endsWith('/reports')) return [{ value: 4, timestamp: 1767225600 }];
  return [{ id: 1, conversations_count: 1 }];
}

describe('a reports dashboard in one GraphQL request', () => {
  let chatwoot: FakeChatwoot;
  let inFlight = 0;
  let mostInFlight = 0;
  let expected = 0;
  let release: () => void = () => undefined;
  let allArrived = Promise.resolve();

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(async (request) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      if (inFlight === expected) release();
      // Hold each answer until `expected` calls are in flight together (a bound of 5 s keeps a broken gateway from
      // hanging the test; it then fails on the counts below).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([allArrived, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
      clearTimeout(timer);
      inFlight -= 1;
      return { body: answer(request) };
    });
  });
  afterAll(() => chatwoot.close());

  function expectTogether(count: number) {
    inFlight = 0;
    mostInFlight = 0;
    expected = count;
    allArrived = new Promise<void>((resolve) => (release = resolve));
  }

  it('makes exactly one call per report, all six concurrently, and answers every field', async () => {
    const gateway: TestGateway = await startApplicationGateway(chatwoot.url);
    try {
      expectTogether(6);
      const before = chatwoot.requests.length;
      const result = await gateway.query(DASHBOARD, RANGE, { 'api-access-token': 'caller-token' });
      expect(result.errors).toBeUndefined();
      const sent = chatwoot.requests.slice(before).map((r) => r.path).sort();
      expect(sent).toEqual([
        '/api/v2/accounts/3/reports',
        '/api/v2/accounts/3/reports/summary',
        '/api/v2/accounts/3/summary_reports/agent',
        '/api/v2/accounts/3/summary_reports/channel',
        '/api/v2/accounts/3/summary_reports/inbox',
        '/api/v2/accounts/3/summary_reports/team',
      ]);
      expect(mostInFlight).toBe(6);
      expect(result.data).toEqual({
        account: {
          reports: {
            summary: { conversationsCount: 4 },
            again: { resolutionsCount: 2 },
            byAgent: [{ id: '1' }],
            byInbox: [{ id: '1' }],
            byTeam: [{ id: '1' }],
            byChannel: [{ channelType: 'API' }],
            timeseries: [{ value: 4, timestamp: '2026-01-01T00:00:00.000Z' }],
          },
        },
      });
    } finally {
      await gateway.close();
    }
  });

  it('keeps to the per-request bound (GATEWAY_MAX_CONCURRENT_READS) when it is lower than the number of reports', async () => {
    const gateway = await startApplicationGateway(chatwoot.url, { GATEWAY_MAX_CONCURRENT_READS: '2' });
    try {
      expectTogether(2);
      const before = chatwoot.requests.length;
      const result = await gateway.query(DASHBOARD, RANGE, { 'api-access-token': 'caller-token' });
      expect(result.errors).toBeUndefined();
      expect(chatwoot.requests.length - before).toBe(6);
      expect(mostInFlight).toBe(2);
    } finally {
      await gateway.close();
    }
  });
});
