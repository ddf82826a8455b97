import { Counter, Gauge, type Registry } from 'prom-client';

/** Current sizes the gauges read at scrape time. */
export interface RealtimeSizes {
  readonly connections: number;
  readonly subscribers: number;
  readonly upstreamSockets: number;
  readonly upstreamSubscriptions: number;
}

/**
 * Metrics of the realtime bridge. Labels are closed sets (event kinds of the schema, fixed reasons), so a client
 * cannot grow them.
 */
export class RealtimeMetrics {
  private sizes: () => RealtimeSizes = () => ({ connections: 0, subscribers: 0, upstreamSockets: 0, upstreamSubscriptions: 0 });

  readonly reconnects: Counter<'reason'>;
  readonly eventsDelivered: Counter<'audience'>;
  readonly eventsDropped: Counter<'reason'>;
  readonly refusals: Counter<'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    const gauge = (name: string, help: string, read: (s: RealtimeSizes) => number) => {
      const sizes = () => this.sizes();
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read(sizes()));
        },
      });
    };
    gauge('gateway_realtime_connections', 'GraphQL WebSocket connections open.', (s) => s.connections);
    gauge('gateway_realtime_subscribers', 'GraphQL subscriptions attached to the bridge.', (s) => s.subscribers);
    gauge('gateway_realtime_upstream_sockets', 'ActionCable sockets open to Chatwoot.', (s) => s.upstreamSockets);
    gauge('gateway_realtime_upstream_subscriptions', 'RoomChannel subscriptions held upstream (one per identifier).', (s) => s.upstreamSubscriptions);
    this.reconnects = new Counter({
      name: 'gateway_realtime_upstream_reconnects_total',
      help: 'Upstream ActionCable sockets that dropped and are being reconnected.',
      labelNames: ['reason'] as const,
      registers,
    });
    this.eventsDelivered = new Counter({
      name: 'gateway_realtime_events_delivered_total',
      help: 'Events handed to GraphQL subscribers, by audience (contact or agent).',
      labelNames: ['audience'] as const,
      registers,
    });
    this.eventsDropped = new Counter({
      name: 'gateway_realtime_events_dropped_total',
      help: 'Events not delivered: filtered out (private, other conversation or account, unknown kind) or overflowed.',
      labelNames: ['reason'] as const,
      registers,
    });
    this.refusals = new Counter({
      name: 'gateway_realtime_refusals_total',
      help: 'Connections and subscriptions refused, by reason.',
      labelNames: ['reason'] as const,
      registers,
    });
  }

  /** Where the gauges read their values (the gateway wires the bridge and the WebSocket server in). */
  observe(sizes: () => RealtimeSizes): void {
    this.sizes = sizes;
  }
}
