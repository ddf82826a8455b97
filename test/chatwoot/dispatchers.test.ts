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
