import { createServer, type IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { listenOnLoopback, type RunningServer } from './servers';

/**
 * A fake of Chatwoot's ActionCable endpoint over a real WebSocket on 127.0.0.1, behaving as Rails 7.1 and RoomChannel
 * do: welcome on connect, a ping every `pingMs`, confirm_subscription for a known token, and silence (no confirm,
 * no reject) for an unknown one, whose identifier then stays registered on that socket. Agents stream their own token
 * and `account_<id>`; contacts their token only. Every command received is recorded.
 */

export interface FakeAgent {
  readonly userId: number;
  readonly accountIds: readonly number[];
}

export interface CableCommand {
  readonly socket: number;
  readonly command: string;
  /** The identifier string as sent. */
  readonly identifier: string;
  /** The identifier parsed. */
  readonly params: Record<string, unknown>;
  readonly data?: unknown;
}

export interface FakeActionCable extends RunningServer {
  /** ws://127.0.0.1:port/cable */
  readonly cableUrl: string;
  readonly commands: CableCommand[];
  /** The upgrade requests, for their headers (Origin, subprotocols). */
  readonly upgrades: IncomingMessage[];
  /** Tokens the fake accepts. */
  readonly contacts: Set<string>;
  readonly agents: Map<string, FakeAgent>;
  /** Sockets open now. */
  readonly openSockets: number;
  /** Subscriptions confirmed and not unsubscribed, over every socket. */
  confirmedSubscriptions(): Array<Record<string, unknown>>;
  /** Sends `{event, data}` to every subscription streaming `stream` (a pubsub token, or `account_<id>`). */
  broadcast(stream: string, event: string, data: Record<string, unknown>): number;
  /** Cuts every socket without a close handshake, as a network failure would. */
  dropAll(): void;
  /** Stops (or restarts) the pings; silence makes the gateway treat the link as dead. */
  setPinging(on: boolean): void;
}

export async function startFakeActionCable(options: { pingMs?: number } = {}): Promise<FakeActionCable> {
  const pingMs = options.pingMs ?? 3000;
  const commands: CableCommand[] = [];
  const upgrades: IncomingMessage[] = [];
  const contacts = new Set<string>();
  const agents = new Map<string, FakeAgent>();
  /** Per socket: identifier → the streams it listens to (empty for a silent, unconfirmed one). */
  const sockets = new Map<WebSocket, Map<string, string[]>>();
  let pinging = true;
  let nextSocket = 1;

  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const wss = new WebSocketServer({
    server,
    path: '/cable',
    handleProtocols: (protocols) => (protocols.has('actioncable-v1-json') ? 'actioncable-v1-json' : false),
  });
  wss.on('connection', (ws, req) => {
    upgrades.push(req);
    const socketId = nextSocket++;
    const subscriptions = new Map<string, string[]>();
    sockets.set(ws, subscriptions);
    ws.send(JSON.stringify({ type: 'welcome' }));
    const ping = setInterval(() => {
      if (pinging) ws.send(JSON.stringify({ type: 'ping', message: Math.floor(Date.now() / 1000) }));
    }, pingMs);
    ping.unref();
    ws.on('close', () => {
      clearInterval(ping);
      sockets.delete(ws);
    });
    ws.on('message', (raw) => {
      let frame: { command?: string; identifier?: string; data?: string };
      try {
        frame = JSON.parse(raw.toString()) as typeof frame;
      } catch {
        return;
      }
      const identifier = frame.identifier ?? '';
      let params: Record<string, unknown> = {};
      try {
        params = JSON.parse(identifier) as Record<string, unknown>;
      } catch {
        params = {};
      }
      commands.push({ socket: socketId, command: frame.command ?? '', identifier, params, data: frame.data });
      if (frame.command === 'unsubscribe') {
        subscriptions.delete(identifier);
        return;
      }
      if (frame.command !== 'subscribe') return;
      // Rails ignores a second subscribe with an identifier already registered on the socket.
      if (subscriptions.has(identifier)) return;
      const streams = streamsFor(params);
      subscriptions.set(identifier, streams);
      if (streams.length > 0) ws.send(JSON.stringify({ identifier, type: 'confirm_subscription' }));
    });
  });

  function streamsFor(params: Record<string, unknown>): string[] {
    const token = params.pubsub_token;
    if (params.channel !== 'RoomChannel' || typeof token !== 'string') return [];
    if (params.user_id === undefined) return contacts.has(token) ? [token] : [];
    const agent = agents.get(token);
    if (!agent || agent.userId !== params.user_id || !agent.accountIds.includes(params.account_id as number)) return [];
    return [token, `account_${params.account_id as number}`];
  }

  const running = await listenOnLoopback(server);
  return {
    ...running,
    cableUrl: `ws://127.0.0.1:${running.port}/cable`,
    commands,
    upgrades,
    contacts,
    agents,
    get openSockets() {
      return sockets.size;
    },
    confirmedSubscriptions() {
      const out: Array<Record<string, unknown>> = [];
      for (const subscriptions of sockets.values()) {
        for (const [identifier, streams] of subscriptions) if (streams.length > 0) out.push(JSON.parse(identifier) as Record<string, unknown>);
      }
      return out;
    },
    broadcast(stream, event, data) {
      let sent = 0;
      for (const [ws, subscriptions] of sockets) {
        for (const [identifier, streams] of subscriptions) {
          if (!streams.includes(stream)) continue;
          ws.send(JSON.stringify({ identifier, message: { event, data } }));
          sent += 1;
        }
      }
      return sent;
    },
    dropAll() {
      for (const ws of sockets.keys()) ws.terminate();
    },
    setPinging(on) {
      pinging = on;
    },
    async close() {
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      await running.close();
    },
  };
}

/** Polls `check` until it returns true, failing after `timeoutMs` (generous: the machine may be busy). */
export async function eventually(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export { WebSocket };
