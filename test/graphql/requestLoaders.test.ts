import DataLoader from 'dataloader';
import { readKey, RequestLoaders } from '../../src/graphql/loaders';
import type { RequestOptions } from '../../src/chatwoot/requestOptions';

describe('RequestLoaders', () => {
  const call = { method: 'GET' as const, path: '/public/api/v1/inboxes/a' };

  it('keys reads by method, path and query, ignoring the deadline but not options that change the answer', () => {
    expect(readKey({ ...call, options: { timeoutMs: 5 } })).toBe(readKey(call));
    expect(readKey({ ...call, query: '?before=2' })).not.toBe(readKey(call));
    expect(readKey({ ...call, method: 'POST' })).not.toBe(readKey(call));
    // An option added later (a proxy, say) separates reads unless it is listed as result-neutral.
    const withProxy = { timeoutMs: 5, proxyUrl: 'http://proxy.example:3128' } as RequestOptions;
    expect(readKey({ ...call, options: withProxy })).not.toBe(readKey(call));
  });

  it('shares one send between identical reads and keeps failures per key', async () => {
    const loaders = new RequestLoaders({ maxConcurrent: 2 });
    let sends = 0;
    const send = async () => ++sends;
    const results = await Promise.all([loaders.read(call, send), loaders.read(call, send), loaders.read(call, send)]);
    expect(results).toEqual([1, 1, 1]);
    const failing = loaders.read({ ...call, path: '/x' }, () => Promise.reject(new Error('boom')));
    await expect(failing).rejects.toThrow('boom');
    expect(await loaders.read(call, send)).toBe(1);
  });

  it('forgets cached reads after a write', async () => {
    const loaders = new RequestLoaders({ maxConcurrent: 2 });
    let sends = 0;
    const send = async () => ++sends;
    await loaders.read(call, send);
    await loaders.write(async () => 'done');
    expect(await loaders.read(call, send)).toBe(2);
  });

  it('creates a named loader once per request, for resources that batch by their own key', async () => {
    const loaders = new RequestLoaders({ maxConcurrent: 2 });
    const batches: string[][] = [];
    const create = () =>
      new DataLoader<string, string>(async (keys) => {
        batches.push([...keys]);
        return keys.map((k) => k.toUpperCase());
      });
    const [a, b] = await Promise.all([loaders.loader('contacts', create).load('a'), loaders.loader('contacts', create).load('b')]);
    expect([a, b]).toEqual(['A', 'B']);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('never runs more tasks at once than the bound, handing each freed slot to the next waiter', async () => {
    const loaders = new RequestLoaders({ maxConcurrent: 2 });
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 10 }, () => loaders.limit(task)));
    expect(peak).toBe(2);
  });

  it('refuses a bound below 1', () => {
    expect(() => new RequestLoaders({ maxConcurrent: 0 })).toThrow(RangeError);
  });
});
