import { Registry } from 'prom-client';
import { createLogger } from '../../src/observability/logger';
import { RealtimeMetrics } from '../../src/observability/realtimeMetrics';
import { RealtimeBridge } from '../../src/realtime/bridge';
import { type FakeActionCable, eventually, startFakeActionCable } from '../support/actionCable';

/** The bridge on its own, against the ActionCable fake: presence, and what one identifier costs upstream. */
describe('the ActionCable bridge', () => {
  let cable: FakeActionCable;
  let bridge: RealtimeBridge;
  const TOKEN = 'bridgeContactToken000001';

  beforeAll(async () => {
    cable = await startFakeActionCable();
    cable.contacts.add(TOKEN);
    bridge = new RealtimeBridge(
      {
        url: cable.cableUrl,
        origin: 'http://127.0.0.1',
        userAgent: 'test',
        staleAfterMs: 10_000,
        reconnectBaseMs: 20,
        reconnectMaxMs: 200,
        maxSockets: 2,
        confirmTimeoutMs: 2000,
        presenceIntervalMs: { agent: 50, contact: 50 },
      },
      createLogger({ level: 'silent' }),
      new RealtimeMetrics(new Registry()),
    );
  });
  afterAll(async () => {
    await bridge?.close();
    await cable?.close();
  });

  const listener = () => ({ events: [] as unknown[], onEvent(e: unknown) { this.events.push(e); }, onResync() {}, onEnd() {} });
  const presence = () => cable.commands.filter((c) => c.command === 'message' && c.data === '{"action":"update_presence"}').length;

  it('keeps presence alive only while a subscriber exists', async () => {
    const handle = await bridge.subscribe({ kind: 'contact', pubsubToken: TOKEN }, listener());
    await eventually(() => presence() >= 2, 10_000, 'presence refreshes');
    handle.release();
    await eventually(() => cable.commands.some((c) => c.command === 'unsubscribe'));
    const after = presence();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(presence()).toBe(after);
    // Nothing left: the idle socket is closed too.
    await eventually(() => cable.openSockets === 0, 10_000, 'idle socket closed');
  });

  it('subscribes everything again after a reconnect, in waves, and tells every subscriber to resync', async () => {
    const tokens = Array.from({ length: 120 }, (_, i) => `waveContactToken${String(i).padStart(8, '0')}`);
    for (const token of tokens) cable.contacts.add(token);
    let resyncs = 0;
    const handles = await Promise.all(
      tokens.map((pubsubToken) => bridge.subscribe({ kind: 'contact', pubsubToken }, { onEvent() {}, onResync: () => resyncs++, onEnd() {} })),
    );
    expect(cable.confirmedSubscriptions()).toHaveLength(120);
    const before = cable.commands.length;
    cable.dropAll();
    await eventually(() => resyncs === 120, 20_000, 'every subscriber resynced');
    const again = cable.commands.slice(before).filter((c) => c.command === 'subscribe');
    expect(new Set(again.map((c) => c.identifier)).size).toBe(120);
    for (const handle of handles) handle.release();
    await eventually(() => cable.confirmedSubscriptions().length === 0);
  });

  it('ends every subscriber on close, and refuses new ones after', async () => {
    let ended = 0;
    await bridge.subscribe({ kind: 'contact', pubsubToken: TOKEN }, { onEvent() {}, onResync() {}, onEnd: () => ended++ });
    await bridge.close();
    expect(ended).toBe(1);
    await expect(bridge.subscribe({ kind: 'contact', pubsubToken: TOKEN }, listener())).rejects.toMatchObject({ reason: 'shutting_down' });
    await eventually(() => cable.openSockets === 0);
  });
});
