import { ErrorCode } from '../errors';
import type { Logger } from '../observability/logger';
import type { RealtimeMetrics } from '../observability/realtimeMetrics';
import { type CableEvent, type CableParams, identifierOf, presenceFrame, type ServerFrame, subscribeFrame, unsubscribeFrame } from './actionCable';
import { CableSocket, type CableSocketSettings } from './cableSocket';
import { RealtimeRefusal } from './errors';

/** What a GraphQL subscriber attached to the bridge hears. */
export interface BridgeListener {
  onEvent(event: CableEvent): void;
  /** The upstream link dropped and is back: events may have been missed (Chatwoot replays nothing). */
  onResync(): void;
  /** The bridge ended the subscription: null on shutdown, an error when Chatwoot no longer confirms it. */
  onEnd(error: RealtimeRefusal | null): void;
}

/** Returned once Chatwoot confirmed; release() detaches the subscriber (the last one unsubscribes upstream). */
export interface BridgeHandle {
  release(): void;
}

export interface BridgeSettings extends CableSocketSettings {
  /** Most upstream sockets. */
  readonly maxSockets: number;
  readonly confirmTimeoutMs: number;
  /** How often presence is refreshed while someone listens; the official clients' 20 s and 60 s when left out. */
  readonly presenceIntervalMs?: { readonly agent: number; readonly contact: number };
}

/** Official clients refresh presence every 20 s (dashboard) and 60 s (widget); so do we, while someone listens. */
const PRESENCE_INTERVAL_MS = { agent: 20_000, contact: 60_000 } as const;

/** Subscriptions sent at once after a reconnect, and the pause between two such waves. */
const RESUBSCRIBE_WAVE = 50;
const RESUBSCRIBE_WAVE_MS = 100;

/** One RoomChannel subscription upstream, shared by every GraphQL subscriber of the same identifier. */
interface Shared {
  readonly identifier: string;
  readonly params: CableParams;
  readonly socket: CableSocket;
  readonly listeners: Set<BridgeListener>;
  confirmed: boolean;
  /** Confirmed at least once: a later confirmation follows a reconnect and means RESYNC. */
  everConfirmed: boolean;
  waiters: Array<{ resolve: () => void; reject: (error: RealtimeRefusal) => void }>;
  confirmTimer?: NodeJS.Timeout;
  presenceTimer?: NodeJS.Timeout;
}

/**
 * The bridge to Chatwoot's ActionCable: a small pool of upstream sockets, each carrying many RoomChannel
 * subscriptions (Chatwoot authenticates each subscription, not the socket). There is exactly one upstream
 * subscription per distinct identifier, reference counted: the first subscriber subscribes, the last one to leave
 * unsubscribes. A subscribe Chatwoot does not confirm in time fails (a bad token gets no answer at all).
 */
export class RealtimeBridge {
  private readonly sockets = new Set<CableSocket>();
  private readonly shared = new Map<string, Shared>();
  private closed = false;

  constructor(
    private readonly settings: BridgeSettings,
    private readonly logger: Logger,
    private readonly metrics: RealtimeMetrics,
  ) {}

  /** Attaches `listener` to the subscription of `params`; resolves once Chatwoot confirmed it. */
  async subscribe(params: CableParams, listener: BridgeListener): Promise<BridgeHandle> {
    if (this.closed) throw new RealtimeRefusal('The gateway is shutting down.', ErrorCode.UPSTREAM_UNAVAILABLE, 'shutting_down');
    const identifier = identifierOf(params);
    let entry = this.shared.get(identifier);
    if (!entry) entry = this.open(identifier, params);
    entry.listeners.add(listener);
    const shared = entry;
    if (!shared.confirmed) {
      await new Promise<void>((resolve, reject) => shared.waiters.push({ resolve, reject }));
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.detach(shared, listener);
      },
    };
  }

  /** Sizes for the metrics. */
  get sizes(): { upstreamSockets: number; upstreamSubscriptions: number; subscribers: number } {
    let subscribers = 0;
    for (const entry of this.shared.values()) subscribers += entry.listeners.size;
    return { upstreamSockets: this.sockets.size, upstreamSubscriptions: this.shared.size, subscribers };
  }

  /** Upstream subscriptions Chatwoot has confirmed (and that are live now). */
  get confirmedSubscriptions(): number {
    let confirmed = 0;
    for (const entry of this.shared.values()) if (entry.confirmed) confirmed += 1;
    return confirmed;
  }

  /** Ends every subscriber (completed, not failed), unsubscribes upstream and closes every socket. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of [...this.shared.values()]) {
      const listeners = [...entry.listeners];
      this.teardown(entry, new RealtimeRefusal('The gateway is shutting down.', ErrorCode.UPSTREAM_UNAVAILABLE, 'shutting_down'));
      for (const listener of listeners) listener.onEnd(null);
    }
    await Promise.all([...this.sockets].map((socket) => socket.close()));
    this.sockets.clear();
  }

  private open(identifier: string, params: CableParams): Shared {
    const socket = this.pickSocket();
    const entry: Shared = { identifier, params, socket, listeners: new Set(), confirmed: false, everConfirmed: false, waiters: [] };
    this.shared.set(identifier, entry);
    socket.subscriptions.add(identifier);
    // Never the identifier itself: it holds the pubsub token.
    this.logger.debug({ socket: socket.id, kind: params.kind }, 'realtime: upstream subscription opened');
    // The deadline runs from now: a Chatwoot that cannot be reached fails the subscription as one that stays silent.
    this.startDeadline(entry);
    if (socket.isReady) this.sendSubscribe(entry);
    return entry;
  }

  /** The least loaded socket; a new one while the pool is not full and every socket already carries something. */
  private pickSocket(): CableSocket {
    let best: CableSocket | undefined;
    for (const socket of this.sockets) if (!best || socket.subscriptions.size < best.subscriptions.size) best = socket;
    if (best && (best.subscriptions.size === 0 || this.sockets.size >= this.settings.maxSockets)) return best;
    const socket = new CableSocket(this.settings, {
      onReady: (s) => this.onReady(s),
      onDown: (s, reason) => this.onDown(s, reason),
      onFrame: (s, frame) => this.onFrame(s, frame),
    });
    this.sockets.add(socket);
    this.logger.debug({ socket: socket.id }, 'realtime: upstream socket opened');
    return socket;
  }

  private sendSubscribe(entry: Shared): void {
    entry.socket.send(subscribeFrame(entry.identifier));
    this.startDeadline(entry);
  }

  /** Starts the confirmation deadline unless one is running. */
  private startDeadline(entry: Shared): void {
    if (entry.confirmTimer) return;
    entry.confirmTimer = setTimeout(() => this.unconfirmed(entry), this.settings.confirmTimeoutMs);
    entry.confirmTimer.unref();
  }

  private clearDeadline(entry: Shared): void {
    clearTimeout(entry.confirmTimer);
    entry.confirmTimer = undefined;
  }

  private unconfirmed(entry: Shared): void {
    this.metrics.refusals.inc({ reason: 'subscription_unconfirmed' });
    this.logger.warn({ socket: entry.socket.id, kind: entry.params.kind }, 'realtime: Chatwoot did not confirm a subscription');
    const error = new RealtimeRefusal(
      `Chatwoot did not confirm the realtime subscription within ${this.settings.confirmTimeoutMs} ms (or could not be reached).`,
      ErrorCode.UPSTREAM_UNAVAILABLE,
      'subscription_unconfirmed',
    );
    const listeners = entry.everConfirmed ? [...entry.listeners] : [];
    this.teardown(entry, error);
    for (const listener of listeners) listener.onEnd(error);
  }

  /**
   * Sends the socket's pending subscriptions, in waves after a reconnect: every subscribe costs Chatwoot database
   * reads and a presence broadcast, and a replica coming back must not send thousands at once.
   */
  private onReady(socket: CableSocket): void {
    let index = 0;
    for (const identifier of socket.subscriptions) {
      const entry = this.shared.get(identifier);
      if (!entry || entry.confirmed) continue;
      const wave = Math.floor(index++ / RESUBSCRIBE_WAVE);
      if (wave === 0) {
        this.sendSubscribe(entry);
        continue;
      }
      const timer = setTimeout(() => {
        if (socket.isReady && !entry.confirmed && this.shared.get(identifier) === entry) this.sendSubscribe(entry);
      }, wave * RESUBSCRIBE_WAVE_MS);
      timer.unref();
    }
  }

  private onDown(socket: CableSocket, reason: string): void {
    this.metrics.reconnects.inc({ reason: socket.subscriptions.size > 0 ? 'link_lost' : 'idle' });
    this.logger.warn({ socket: socket.id, reason, subscriptions: socket.subscriptions.size }, 'realtime: upstream socket dropped, reconnecting');
    for (const identifier of socket.subscriptions) {
      const entry = this.shared.get(identifier);
      if (!entry) continue;
      // A subscription that was live waits for the link to come back (then RESYNC); a new one keeps its deadline.
      if (entry.everConfirmed) this.clearDeadline(entry);
      entry.confirmed = false;
      clearInterval(entry.presenceTimer);
    }
  }

  private onFrame(socket: CableSocket, frame: ServerFrame): void {
    if (frame.type !== 'confirm' && frame.type !== 'reject' && frame.type !== 'event') return;
    const entry = this.shared.get(frame.identifier);
    if (!entry || entry.socket !== socket) {
      if (frame.type === 'event') this.metrics.eventsDropped.inc({ reason: 'no_subscriber' });
      return;
    }
    if (frame.type === 'event') {
      for (const listener of entry.listeners) listener.onEvent(frame.event);
      return;
    }
    if (frame.type === 'reject') {
      const error = new RealtimeRefusal('Chatwoot refused the realtime subscription.', ErrorCode.UPSTREAM_UNAVAILABLE, 'subscription_rejected');
      const listeners = entry.everConfirmed ? [...entry.listeners] : [];
      this.teardown(entry, error);
      for (const listener of listeners) listener.onEnd(error);
      return;
    }
    this.clearDeadline(entry);
    const resync = entry.everConfirmed;
    entry.confirmed = true;
    entry.everConfirmed = true;
    for (const waiter of entry.waiters.splice(0)) waiter.resolve();
    if (resync) for (const listener of entry.listeners) listener.onResync();
    this.startPresence(entry);
  }

  /** Subscribing marks the principal online; keep it so only while this subscription exists (someone listens). */
  private startPresence(entry: Shared): void {
    clearInterval(entry.presenceTimer);
    entry.presenceTimer = setInterval(() => {
      if (entry.listeners.size > 0 && entry.confirmed) entry.socket.send(presenceFrame(entry.identifier));
    }, (this.settings.presenceIntervalMs ?? PRESENCE_INTERVAL_MS)[entry.params.kind]);
    entry.presenceTimer.unref();
  }

  private detach(entry: Shared, listener: BridgeListener): void {
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0 && this.shared.get(entry.identifier) === entry) {
      this.teardown(entry, new RealtimeRefusal('Released.', ErrorCode.UPSTREAM_UNAVAILABLE, 'released'));
    }
  }

  /** Forgets the upstream subscription: unsubscribes (also a silent one, which Rails keeps registered), fails waiters. */
  private teardown(entry: Shared, error: RealtimeRefusal): void {
    if (this.shared.get(entry.identifier) === entry) this.shared.delete(entry.identifier);
    this.clearDeadline(entry);
    clearInterval(entry.presenceTimer);
    entry.socket.send(unsubscribeFrame(entry.identifier));
    entry.socket.subscriptions.delete(entry.identifier);
    this.logger.debug({ socket: entry.socket.id, kind: entry.params.kind, reason: error.reason }, 'realtime: upstream subscription closed');
    entry.listeners.clear();
    for (const waiter of entry.waiters.splice(0)) waiter.reject(error);
    if (entry.socket.subscriptions.size === 0 && !this.closed) {
      this.sockets.delete(entry.socket);
      void entry.socket.close();
      this.logger.debug({ socket: entry.socket.id }, 'realtime: idle upstream socket closed');
    }
  }
}
