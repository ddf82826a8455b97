import { CallJournal, MAX_LISTED_CALLS } from '../../src/observability/callJournal';
import { GatewayMetrics } from '../../src/observability/metrics';
import { createUpstreamObserver } from '../../src/observability/upstream';
import { captureLogs } from '../support/logs';

describe('the calls of a request, collected for its one log line', () => {
  const observe = (journal?: CallJournal) => {
    const { logger, logs } = captureLogs('info');
    const observer = createUpstreamObserver(logger, new GatewayMetrics(() => 0));
    const end = observer.start({ method: 'PATCH', pathTemplate: '/public/api/v1/inboxes/:inbox/contacts/:contact', requestId: 'r-1', journal });
    end({ status: 200 });
    return logs;
  };

  it('lists a call on its request line instead of a line of its own while the request is open', () => {
    const journal = new CallJournal();
    const logs = observe(journal);
    expect(logs.lines).toEqual([]);
    expect(journal.calls).toEqual([{ method: 'PATCH', path: '/public/api/v1/inboxes/:inbox/contacts/:contact', status: 200, durationMs: expect.any(Number) }]);
  });

  it('logs a call that ends after its request was answered on a line of its own', () => {
    const journal = new CallJournal();
    journal.close();
    const logs = observe(journal);
    expect(logs.lines).toEqual([expect.objectContaining({ msg: 'upstream call', requestId: 'r-1', upstream: expect.objectContaining({ status: 200 }) })]);
    expect(journal.calls).toEqual([]);
  });

  it('logs a call made for no GraphQL request on a line of its own', () => {
    expect(observe().lines).toEqual([expect.objectContaining({ msg: 'upstream call' })]);
  });

  it('lists at most MAX_LISTED_CALLS calls and counts the rest and the failures', () => {
    const journal = new CallJournal();
    for (let i = 0; i < MAX_LISTED_CALLS + 5; i += 1) journal.add({ method: 'PATCH', path: '/x', status: i < 3 ? 500 : 200, durationMs: 1 });
    journal.add({ method: 'PATCH', path: '/x', status: null, durationMs: 1, error: 'timeout' });
    expect(journal.calls).toHaveLength(MAX_LISTED_CALLS);
    expect(journal.unlisted).toBe(6);
    expect(journal.failed).toBe(4);
  });
});
