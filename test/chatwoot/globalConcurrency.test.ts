import { createServer, type ServerResponse } from 'node:http';
import { ChatwootTransport } from '../../src/chatwoot/transport';
import { listenOnLoopback, type RunningServer, slimContact } from '../support/servers';

/**
 * GATEWAY_MAX_UPSTREAM_CONCURRENCY bounds the calls in flight across every dispatcher: callers who choose distinct
 * request options (each combination gets its own connection pool) still share it.
 */
describe('the global bound of upstream calls in flight', () => {
  let upstream: RunningServer;
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    upstream = await listenOnLoopback(
      createServer((req, res) => {
        req.resume();
        held.push(res);
      }),
    );
  });
  afterAll(async () => {
    for (const res of held) res.destroy();
    await upstream.close();
  });

  async function until(condition: () => boolean, what: string): Promise<void> {
    const end = Date.now() + 5_000;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('holds calls of two dispatchers to one bound, counting the waiting ones as queued, not in flight', async () => {
    const transport = new ChatwootTransport({
      baseUrl: upstream.url,
      apiAccessToken: null,
      userAgent: 'concurrency-test',
      maxResponseBytes: 65_536,
      defaultTimeoutMs: 10_000,
      allowInsecureTls: true,
      maxConcurrency: 4,
      env: {},
    });
    try {
      // Two connection pools: one verifying TLS, one not (the upstream is plain HTTP, so both reach it alike).
      const calls = Array.from({ length: 12 }, (_v, i) =>
        transport.send({}, { method: 'GET', path: `/public/api/v1/inboxes/abc/contacts/c${i}`, options: { ignoreSslIssues: i % 2 === 0 } }),
      );
      await until(() => held.length >= 4, 'four calls at the upstream');
      // Time for any call beyond the bound to arrive, were it not held back.
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(held).toHaveLength(4);
      expect(transport.dispatchers.size).toBe(2);
      expect(transport.callsInFlight).toBe(4);
      expect(transport.callsQueued).toBe(8);

      // Answering frees slots for the waiting calls, in turn.
      const answer = () => {
        while (held.length > 0) held.shift()!.end(JSON.stringify(slimContact()));
      };
      let answered = 0;
      const settled = Promise.all(calls.map((c) => c.then(() => (answered += 1))));
      while (answered < 12) {
        answer();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await settled;
      expect(transport.callsInFlight).toBe(0);
      expect(transport.callsQueued).toBe(0);
    } finally {
      await transport.close();
    }
  });
});
