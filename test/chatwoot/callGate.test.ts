import { createServer, type ServerResponse } from 'node:http';
import { CallGate } from '../../src/chatwoot/callGate';
import { UpstreamTimeoutError } from '../../src/chatwoot/errors';
import { ChatwootTransport } from '../../src/chatwoot/transport';
import { listenOnLoopback, type RunningServer, slimContact } from '../support/servers';

describe('CallGate', () => {
  it('admits waiting calls in arrival order as slots are given back', async () => {
    const gate = new CallGate(1);
    expect(gate.enter()).toBeUndefined();
    const second = gate.enter();
    const third = gate.enter();
    const admitted: string[] = [];
    void second?.ready.then(() => admitted.push('second'));
    void third?.ready.then(() => admitted.push('third'));

    gate.leave();
    await second?.ready;
    gate.leave();
    await third?.ready;
    expect(admitted).toEqual(['second', 'third']);
    gate.leave();
    expect(gate.inFlight).toBe(0);
  });

  it('lets a withdrawn call leave the queue without taking a slot', async () => {
    const gate = new CallGate(1);
    gate.enter();
    const withdrawn = gate.enter()!;
    const next = gate.enter()!;
    expect(withdrawn.withdraw(new Error('deadline'))).toBe(true);
    await expect(withdrawn.ready).rejects.toThrow('deadline');
    expect(gate.queued).toBe(1);

    gate.leave();
    await next.ready;
    expect(next.withdraw(new Error('too late'))).toBe(false);
    expect(gate.inFlight).toBe(1);
  });
});

/** The transport bounds calls in flight to its 128 connections; one more must wait for a free connection. */
const CONNECTIONS = 128;
/** Long enough for 128 connections to open on a loaded machine before it passes. */
const DEADLINE_MS = 2_000;

describe('calls beyond the connection bound', () => {
  let upstream: RunningServer;
  let holding = true;
  let seen = 0;
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    upstream = await listenOnLoopback(
      createServer((req, res) => {
        req.resume();
        seen += 1;
        if (holding) held.push(res);
        else res.end(JSON.stringify(slimContact()));
      }),
    );
  });
  afterAll(async () => {
    for (const res of held) res.destroy();
    await upstream.close();
  });

  it('time out at their own deadline while they wait, and free the connections for later calls', async () => {
    const transport = new ChatwootTransport({
      baseUrl: upstream.url,
      apiAccessToken: 'server-token',
      userAgent: 'gate-test',
      maxResponseBytes: 65_536,
      defaultTimeoutMs: DEADLINE_MS,
      env: {},
    });
    try {
      const started = Date.now();
      const calls = Array.from({ length: CONNECTIONS + 2 }, (_, index) =>
        transport.send({}, { method: 'PATCH', path: `/public/api/v1/inboxes/abc/contacts/c${index}`, body: { name: 'A' } }).then(
          () => 'answered',
          (error: unknown) => error,
        ),
      );
      // Before the deadline: every connection carries a call and the two others wait. Waited for rather than slept:
      // opening 128 connections took more than a fixed 250 ms on a loaded machine.
      while (seen < CONNECTIONS && Date.now() - started < DEADLINE_MS - 500) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const seenBeforeDeadline = seen;
      const outcomes = await Promise.all(calls);
      const elapsed = Date.now() - started;

      expect(outcomes.every((outcome) => outcome instanceof UpstreamTimeoutError)).toBe(true);
      expect(seenBeforeDeadline).toBe(CONNECTIONS);
      // Nothing waited past its deadline (with a margin for a loaded machine).
      expect(outcomes).toHaveLength(CONNECTIONS + 2);
      expect(elapsed).toBeLessThan(DEADLINE_MS + 1500);

      holding = false;
      await expect(
        transport.send({}, { method: 'PATCH', path: '/public/api/v1/inboxes/abc/contacts/after', body: { name: 'A' } }),
      ).resolves.toMatchObject({ name: 'Alice' });
    } finally {
      await transport.close();
    }
  });
});
