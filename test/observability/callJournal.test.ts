import type { ApolloServerPlugin } from '@apollo/server';
import { observabilityPlugin } from '../../src/observability/apolloPlugin';
import { CallJournal, MAX_LISTED_CALLS } from '../../src/observability/callJournal';
import { GatewayMetrics } from '../../src/observability/metrics';
import { createUpstreamObserver } from '../../src/observability/upstream';
import { captureLogs } from '../support/logs';

const TEMPLATE = '/public/api/v1/inboxes/:inbox/contacts/:contact';

describe('the calls of a request, collected for its one log line', () => {
  const metrics = () => new GatewayMetrics({ dispatchers: () => 0, callsInFlight: () => 0, callsQueued: () => 0 });
  const observe = (journal?: CallJournal, status = 200) => {
    const { logger, logs } = captureLogs('info');
    const observer = createUpstreamObserver(logger, metrics());
    const end = observer.start({ method: 'PATCH', pathTemplate: TEMPLATE, requestId: 'r-1', journal });
    end({ status });
    return logs;
  };

  it('lists a call on its request line instead of a line of its own while the request is open', () => {
    const journal = new CallJournal();
    journal.begin();
    const logs = observe(journal);
    expect(logs.lines).toEqual([]);
    expect(journal.take()).toEqual({ calls: [{ method: 'PATCH', path: TEMPLATE, status: 200, durationMs: expect.any(Number) }], unlisted: 0, failed: 0 });
  });

  it('logs a call that ends after its request was answered on a line of its own, and hands nothing out twice', () => {
    const journal = new CallJournal();
    journal.begin();
    observe(journal);
    expect(journal.take().calls).toHaveLength(1);
    const logs = observe(journal);
    expect(logs.lines).toEqual([
      expect.objectContaining({ msg: 'upstream call', requestId: 'r-1', upstream: { method: 'PATCH', path: TEMPLATE, status: 200, durationMs: expect.any(Number) } }),
    ]);
    expect(journal.take()).toEqual({ calls: [], unlisted: 0, failed: 0 });
  });

  it('logs a call made for no GraphQL request on a line of its own', () => {
    expect(observe().lines).toEqual([expect.objectContaining({ msg: 'upstream call', upstream: expect.objectContaining({ path: TEMPLATE }) })]);
  });

  it('lists at most MAX_LISTED_CALLS calls and counts the rest and the failures', () => {
    const journal = new CallJournal();
    journal.begin();
    for (let i = 0; i < MAX_LISTED_CALLS + 5; i += 1) journal.add({ method: 'PATCH', path: '/x', status: i < 3 ? 500 : 200, durationMs: 1 });
    journal.add({ method: 'PATCH', path: '/x', status: null, durationMs: 1, error: 'timeout' });
    const entry = journal.take();
    expect(entry.calls).toHaveLength(MAX_LISTED_CALLS);
    expect(entry.unlisted).toBe(6);
    expect(entry.failed).toBe(4);
  });

  it('shares one journal between the operations of a batch: each line takes what ended since the last, the last one closes it', () => {
    const journal = new CallJournal();
    journal.begin();
    journal.begin();
    journal.add({ method: 'GET', path: '/a', status: 200, durationMs: 1 });
    expect(journal.take().calls.map((c) => c.path)).toEqual(['/a']);
    expect(journal.add({ method: 'GET', path: '/b', status: 404, durationMs: 1 })).toBe(true);
    expect(journal.take()).toEqual({ calls: [expect.objectContaining({ path: '/b' })], unlisted: 0, failed: 1 });
    expect(journal.add({ method: 'GET', path: '/c', status: 200, durationMs: 1 })).toBe(false);
  });

  it('logs the calls of a request Apollo failed to answer (no willSendResponse comes) on its line', async () => {
    const { logger, logs } = captureLogs('info');
    const plugin: ApolloServerPlugin = observabilityPlugin(logger, metrics());
    const journal = new CallJournal();
    const requestContext = { contextValue: { call: { requestId: 'r-2', journal } }, response: {}, operationName: 'Read' } as never;
    await plugin.requestDidStart?.(requestContext);
    journal.add({ method: 'GET', path: TEMPLATE, status: 200, durationMs: 1 });
    await plugin.unexpectedErrorProcessingRequest?.({ requestContext, error: new Error('a plugin hook threw') });
    expect(logs.lines).toEqual([
      expect.objectContaining({ msg: 'graphql request', requestId: 'r-2', operation: 'Read', outcome: 'INTERNAL_SERVER_ERROR', upstream: [expect.objectContaining({ path: TEMPLATE })] }),
    ]);
    expect(journal.add({ method: 'GET', path: TEMPLATE, status: 200, durationMs: 1 })).toBe(false);
  });
});
