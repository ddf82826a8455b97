import DataLoader from 'dataloader';
import { CallGate } from '../chatwoot/callGate';
import type { UpstreamCall } from '../chatwoot/transport';

/**
 * Per-request loaders. One GraphQL request often names the same upstream read several times (a conversation list
 * under two aliases, a contact reached through two paths); each such read is sent once and its answer shared.
 * Independent reads run concurrently, but never more than `maxConcurrent` at once per request, so one wide query
 * cannot open hundreds of upstream calls. Nothing is shared between requests: each has its own cache, built lazily,
 * and dropped with the request.
 */

/** Request options that do not change what Chatwoot answers, only how long we wait: left out of read keys. */
const RESULT_NEUTRAL_OPTIONS = new Set(['timeoutMs']);

export interface LoaderSettings {
  /** The most upstream reads one GraphQL request runs at the same time. */
  readonly maxConcurrent: number;
}

/**
 * The key of a read: method, path, query and the request options that change the result, in a stable order.
 * Two fields whose calls have the same key share one upstream call (the first caller's deadline applies).
 */
export function readKey(call: Pick<UpstreamCall, 'method' | 'path' | 'query' | 'options'>): string {
  const options = Object.entries(call.options ?? {})
    .filter(([name, value]) => !RESULT_NEUTRAL_OPTIONS.has(name) && value !== undefined && value !== null)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([call.method, call.path, call.query ?? '', options]);
}

interface PendingRead {
  readonly key: string;
  readonly send: () => Promise<unknown>;
}

/** The loaders of one GraphQL request. Create one per request (the GraphQL context does). */
export class RequestLoaders {
  private readonly gate: CallGate;
  private readsLoader?: DataLoader<PendingRead, unknown, string>;
  private readonly namedLoaders = new Map<string, DataLoader<unknown, unknown, unknown>>();

  constructor(settings: LoaderSettings) {
    this.gate = new CallGate(settings.maxConcurrent);
  }

  /**
   * Sends the read `call` describes through `send`, once per request for each distinct readKey(call). `send` must
   * perform exactly that call (the resource method the call was described by).
   */
  read<T>(call: UpstreamCall, send: () => Promise<T>): Promise<T> {
    this.readsLoader ??= new DataLoader<PendingRead, unknown, string>(
      (reads) => Promise.all(reads.map((read) => this.limit(read.send).catch(asError))),
      { cacheKeyFn: (read) => read.key },
    );
    return this.readsLoader.load({ key: readKey(call), send }) as Promise<T>;
  }

  /**
   * A named DataLoader, created by `create` on first use and kept for the rest of the request: for resources that
   * batch by their own key (a contacts loader keyed by inbox and source id, say). Batch functions should send their
   * calls through `limit` so they share the request's concurrency bound.
   */
  loader<K, V, C = K>(name: string, create: () => DataLoader<K, V, C>): DataLoader<K, V, C> {
    let loader = this.namedLoaders.get(name);
    if (!loader) {
      loader = create() as unknown as DataLoader<unknown, unknown, unknown>;
      this.namedLoaders.set(name, loader);
    }
    return loader as unknown as DataLoader<K, V, C>;
  }

  /** Runs `task` once a slot of the request's concurrency bound is free. */
  async limit<T>(task: () => Promise<T>): Promise<T> {
    // The same first-come-first-served gate the transport puts in front of each connection pool.
    const ticket = this.gate.enter();
    if (ticket) await ticket.ready;
    try {
      return await task();
    } finally {
      this.gate.leave();
    }
  }

  /**
   * Runs a write and then forgets every cached read, so fields resolved after a mutation (in its payload, or in a
   * later mutation of the same document) see Chatwoot's new state rather than an answer read before the change.
   */
  async write<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } finally {
      this.clearAll();
    }
  }

  /** Forgets every cached answer of this request. */
  clearAll(): void {
    this.readsLoader?.clearAll();
    for (const loader of this.namedLoaders.values()) loader.clearAll();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
