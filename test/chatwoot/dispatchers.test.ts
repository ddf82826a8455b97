import { DispatcherPool } from '../../src/chatwoot/dispatchers';
import { resolveRequestOptions } from '../../src/chatwoot/requestOptions';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';

const policy = {
  defaultTimeoutMs: 5000,
  allowInsecureTls: true,
  allowedProxies: ['http://proxy-a.internal:3128', 'http://proxy-b.internal:3128'],
};
const options = (proxy?: string, ignoreSslIssues = false) => resolveRequestOptions({ proxy, ignoreSslIssues }, policy);

describe('DispatcherPool', () => {
  let chatwoot: FakeChatwoot;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
  });
  afterAll(async () => {
    await chatwoot.close();
  });

  it('keeps one dispatcher per distinct proxy, credentials and TLS combination', async () => {
    const pool = new DispatcherPool({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 1000, env: {} });
    try {
      const direct = pool.get(options());
      expect(pool.get(options())).toBe(direct);
      expect(pool.get(options(undefined, true))).not.toBe(direct);
      const a = pool.get(options('http://proxy-a.internal:3128'));
      expect(pool.get(options('http://proxy-a.internal:3128/'))).toBe(a);
      expect(pool.get(options('http://u:one@proxy-a.internal:3128'))).not.toBe(a);
      expect(pool.get(options('http://u:two@proxy-a.internal:3128'))).not.toBe(pool.get(options('http://u:one@proxy-a.internal:3128')));
      expect(pool.size).toBe(5);
    } finally {
      await pool.close();
    }
    expect(pool.size).toBe(0);
  });

  it('answers repeated plain calls with one dispatcher and still evicts by least recent use, never handing out a closed one', async () => {
    const pool = new DispatcherPool({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 1000, env: {}, maxDispatchers: 2 });
    // The transport passes one frozen object for calls without options; hits on it skip the LRU bookkeeping.
    const plain = Object.freeze(options());
    try {
      const a = pool.get(options('http://proxy-a.internal:3128'));
      const direct = pool.get(plain);
      for (let i = 0; i < 5; i += 1) expect(pool.get(plain)).toBe(direct);
      // proxy-a is the least recently used: it goes, the plain dispatcher stays.
      pool.get(options('http://proxy-b.internal:3128'));
      expect(pool.get(plain)).toBe(direct);
      expect(pool.get(options('http://proxy-a.internal:3128'))).not.toBe(a);
      // Now the plain one is the least recently used, and a new combination evicts it: it is made again, open.
      pool.get(options(undefined, true));
      expect(pool.size).toBe(2);
      const again = pool.get(plain);
      expect(again).not.toBe(direct);
      expect((direct as unknown as { closed: boolean }).closed).toBe(true);
      expect((again as unknown as { closed: boolean }).closed).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it('replaces the only dispatcher of a pool bounded to one', async () => {
    const pool = new DispatcherPool({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 1000, env: {}, maxDispatchers: 1 });
    const plain = Object.freeze(options());
    try {
      const direct = pool.get(plain);
      const proxied = pool.get(options('http://proxy-a.internal:3128'));
      expect(proxied).not.toBe(direct);
      expect(pool.size).toBe(1);
      expect(pool.get(plain)).not.toBe(direct);
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('closes the least recently used dispatcher when the cache is full', async () => {
    const pool = new DispatcherPool({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 1000, env: {}, maxDispatchers: 2 });
    try {
      const direct = pool.get(options());
      const insecure = pool.get(options(undefined, true));
      pool.get(options()); // direct is now the most recently used
      pool.get(options('http://proxy-a.internal:3128')); // evicts insecure

      expect(pool.size).toBe(2);
      expect(pool.get(options())).toBe(direct);
      const answer = await direct.request({ origin: chatwoot.url, path: '/', method: 'GET' });
      await answer.body.text();
      expect(answer.statusCode).toBe(200);
      await expect(insecure.request({ origin: chatwoot.url, path: '/', method: 'GET' })).rejects.toMatchObject({
        code: 'UND_ERR_DESTROYED',
      });
    } finally {
      await pool.close();
    }
  });
});
