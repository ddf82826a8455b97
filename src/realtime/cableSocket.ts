import WebSocket from 'ws';
import { CABLE_PROTOCOLS, parseServerFrame, type ServerFrame } from './actionCable';

/** How one upstream socket connects and decides that its link is dead. */
export interface CableSocketSettings {
  /** Chatwoot's ActionCable URL, ws(s)://host/cable. */
  readonly url: string;
  /** Sent as the upgrade's Origin: what a browser on Chatwoot's own pages sends, for proxies that filter on it. */
  readonly origin: string;
  readonly userAgent: string;
  /** Silence after which the link is cut and reconnected (Chatwoot pings every 3 s). */
  readonly staleAfterMs: number;
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
}

/** What the owner of a socket hears. */
export interface CableSocketHandler {
  /** The server said welcome: subscriptions may be sent (again, after a reconnect). */
  onReady(socket: CableSocket): void;
  /** The link dropped; a reconnect is scheduled. Subscriptions on it are gone upstream. */
  onDown(socket: CableSocket, reason: string): void;
  /** A frame other than welcome, ping and disconnect. */
  onFrame(socket: CableSocket, frame: ServerFrame): void;
}

let nextSocketId = 1;

/**
 * One upstream ActionCable connection (ws's client; TLS verified with Node's CAs and NODE_EXTRA_CA_CERTS, as the
 * HTTP calls are). It reconnects by itself, with exponential backoff and full jitter, until closed; any frame, the
 * 3-second pings included, proves the link alive, and a link silent for staleAfterMs is cut.
 */
export class CableSocket {
  readonly id = nextSocketId++;
  /** The owner's bookkeeping: which upstream subscriptions live on this socket. */
  readonly subscriptions = new Set<string>();
  private ws: WebSocket | undefined;
  private ready = false;
  private closed = false;
  private attempt = 0;
  private lastSeen = 0;
  private staleTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: CableSocketSettings,
    private readonly handler: CableSocketHandler,
  ) {
    this.connect();
  }

  /** True between the server's welcome and the link dropping. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Sends a command frame; false when the link is not ready (the owner re-sends on the next onReady). */
  send(frame: string): boolean {
    if (!this.ready || !this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(frame);
    return true;
  }

  /** Closes for good: no reconnect. Resolves once the socket is gone (cut after a short wait for a clean close). */
  async close(): Promise<void> {
    this.closed = true;
    this.ready = false;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.staleTimer);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => ws.terminate(), 1000);
      cut.unref();
      ws.once('close', () => {
        clearTimeout(cut);
        resolve();
      });
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000);
    });
  }

  private connect(): void {
    const ws = new WebSocket(this.settings.url, [...CABLE_PROTOCOLS], {
      headers: { origin: this.settings.origin, 'user-agent': this.settings.userAgent },
      handshakeTimeout: this.settings.staleAfterMs,
      perMessageDeflate: false,
      // One frame is one event; nothing legitimate comes near this.
      maxPayload: 4 * 1024 * 1024,
    });
    this.ws = ws;
    this.lastSeen = Date.now();
    ws.on('open', () => {
      this.lastSeen = Date.now();
      this.staleTimer = setInterval(() => this.checkStale(), Math.max(50, Math.floor(this.settings.staleAfterMs / 4)));
      this.staleTimer.unref();
    });
    ws.on('message', (data, isBinary) => {
      this.lastSeen = Date.now();
      if (isBinary) return;
      const frame = parseServerFrame(data.toString());
      if (frame.type === 'ping' || frame.type === 'other') return;
      if (frame.type === 'welcome') {
        this.ready = true;
        this.attempt = 0;
        this.handler.onReady(this);
        return;
      }
      // Rails asks clients to reconnect on a restart; a fresh socket is the way to do that.
      if (frame.type === 'disconnect') return ws.terminate();
      this.handler.onFrame(this, frame);
    });
    // A failed connection reports its error and then its close; the close is where we act.
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      clearInterval(this.staleTimer);
      this.ready = false;
      if (this.closed) return;
      this.handler.onDown(this, `closed (${code})`);
      this.scheduleReconnect();
    });
  }

  private checkStale(): void {
    if (Date.now() - this.lastSeen > this.settings.staleAfterMs) this.ws?.terminate();
  }

  private scheduleReconnect(): void {
    const cap = Math.min(this.settings.reconnectMaxMs, this.settings.reconnectBaseMs * 2 ** Math.min(this.attempt, 20));
    this.attempt += 1;
    // Full jitter: a Chatwoot restart must not see every gateway replica come back in the same instant.
    const delay = Math.floor(Math.random() * cap);
    this.reconnectTimer = setTimeout(() => {
      if (!this.closed) this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
