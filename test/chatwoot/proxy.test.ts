import { createServer } from 'node:http';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startTestProxy, type TestProxy } from '../support/proxy';
import { type FakeChatwoot, listenOnLoopback, startFakeChatwoot } from '../support/servers';

const UPDATE = `
  mutation Update($options: RequestOptionsInput) {
    updateContact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1", input: { name: "Alice" }, options: $options) {
      id name
    }
  }`;

const USER = 'gw-user';
const PASSWORD = 'p@ss:w0rd/secret';
const withCredentials = (proxyUrl: string, user = USER, password = PASSWORD) =>
  proxyUrl.replace('http://', `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@`);

describe('per-request proxy', () => {
  let chatwoot: FakeChatwoot;
  let proxy: TestProxy;
  let otherProxy: TestProxy;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    proxy = await startTestProxy({ credentials: `${USER}:${PASSWORD}` });
    otherProxy = await startTestProxy();
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_ALLOWED_PROXIES: `http://proxy.internal:3128, ${proxy.url}` });
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([proxy.close(), otherProxy.close(), chatwoot.close()]);
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
    proxy.requests.length = 0;
    otherProxy.requests.length = 0;
  });

  it('sends the call through an allowed proxy, with the credentials of the proxy URL as Proxy-Authorization', async () => {
    const result = await gateway.query(UPDATE, { options: { proxy: withCredentials(proxy.url) } });

    expect(result.errors).toBeUndefined();
    expect(result.data?.updateContact).toEqual({ id: '42', name: 'Alice' });
    expect(proxy.requests).toEqual([
      {
        method: 'CONNECT',
        target: `127.0.0.1:${chatwoot.port}`,
        proxyAuthorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
        allowed: true,
      },
    ]);
    expect(chatwoot.requests).toHaveLength(1);
    // The credentials are for the proxy only: Chatwoot never sees them.
    expect(chatwoot.last().headers['proxy-authorization']).toBeUndefined();
  });

  it('goes direct when the request names no proxy', async () => {
    const result = await gateway.query(UPDATE);

    expect(result.errors).toBeUndefined();
    expect(chatwoot.requests).toHaveLength(1);
    expect(proxy.requests).toHaveLength(0);
  });

  it('refuses a proxy that is not on the allowlist with FORBIDDEN, without connecting to it', async () => {
    let connections = 0;
    otherProxy.server.on('connection', () => (connections += 1));
    const result = await gateway.query(UPDATE, { options: { proxy: withCredentials(otherProxy.url) } });

    expect(result.data).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('FORBIDDEN');
    expect(error?.extensions?.field).toBe('options.proxy');
    expect(error?.message).toContain(`127.0.0.1:${otherProxy.port}`);
    expect(result.text).not.toContain(PASSWORD);
    expect(result.text).not.toContain(encodeURIComponent(PASSWORD));
    expect(connections).toBe(0);
    expect(otherProxy.requests).toHaveLength(0);
    expect(chatwoot.requests).toHaveLength(0);
  });

  it.each([
    ['another scheme', (url: string) => url.replace('http://', 'https://')],
    ['another host name for the same address', (url: string) => url.replace('127.0.0.1', 'localhost')],
    ['another port', (url: string) => url.replace(/:(\d+)$/, (_m, port: string) => `:${Number(port) + 1}`)],
  ])('matches the allowlist by scheme, host and port: %s is FORBIDDEN', async (_name, change) => {
    const result = await gateway.query(UPDATE, { options: { proxy: change(withCredentials(proxy.url)) } });

    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(proxy.requests).toHaveLength(0);
    expect(chatwoot.requests).toHaveLength(0);
  });

  it.each(['socks5://127.0.0.1:1080', 'proxy.internal:3128', 'http://proxy.internal:3128/path', 'http://user:%zz@proxy.internal:3128'])(
    'refuses the malformed proxy %s with BAD_USER_INPUT naming options.proxy',
    async (value) => {
      const result = await gateway.query(UPDATE, { options: { proxy: value } });

      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toBe('options.proxy');
      expect(chatwoot.requests).toHaveLength(0);
    },
  );

  it('reports a proxy that refuses the credentials as UPSTREAM_UNAVAILABLE naming the proxy, not the credentials', async () => {
    const wrong = withCredentials(proxy.url, USER, 'wrong-secret');
    const result = await gateway.query(UPDATE, { options: { proxy: wrong } });

    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error?.extensions?.reason).toBe('proxy');
    expect(error?.message).toContain(`127.0.0.1:${proxy.port}`);
    expect(error?.message).toContain('credentials');
    expect(result.text).not.toContain('wrong-secret');
    expect(result.text).not.toContain(USER);
    expect(proxy.requests.map((r) => r.allowed)).toEqual([false]);
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('reports an allowed proxy that cannot be reached as UPSTREAM_UNAVAILABLE naming its host', async () => {
    // A port that was just free: nothing listens there any more.
    const placeholder = await listenOnLoopback(createServer());
    const closedPort = placeholder.port;
    await placeholder.close();
    const deadProxy = `http://127.0.0.1:${closedPort}`;
    const gw = await startTestGateway(chatwoot.url, { GATEWAY_ALLOWED_PROXIES: deadProxy });
    try {
      const result = await gw.query(UPDATE, { options: { proxy: withCredentials(deadProxy) } });

      const error = result.errors?.[0];
      expect(error?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error?.extensions?.reason).toBe('proxy');
      expect(error?.message).toContain(`The proxy 127.0.0.1:${closedPort} could not be reached`);
      expect(result.text).not.toContain(PASSWORD);
    } finally {
      await gw.close();
    }
  });

  it('reuses one dispatcher and one tunnel per proxy instead of creating them per request', async () => {
    const gw = await startTestGateway(chatwoot.url, { GATEWAY_ALLOWED_PROXIES: proxy.url });
    try {
      for (let i = 0; i < 3; i += 1) expect((await gw.query(UPDATE)).errors).toBeUndefined();
      for (let i = 0; i < 5; i += 1) {
        const result = await gw.query(UPDATE, { options: { proxy: withCredentials(proxy.url), timeoutMs: 5000 + i } });
        expect(result.errors).toBeUndefined();
      }

      // One for direct calls, one for this proxy with these credentials.
      expect(gw.gateway.chatwoot.transport.dispatchers.size).toBe(2);
      expect(proxy.requests.filter((r) => r.method === 'CONNECT')).toHaveLength(1);
      expect(chatwoot.requests).toHaveLength(8);
    } finally {
      await gw.close();
    }
    expect(gw.gateway.chatwoot.transport.dispatchers.size).toBe(0);
  });
});

describe('proxy from the environment (HTTP_PROXY, NO_PROXY)', () => {
  let chatwoot: FakeChatwoot;
  let proxy: TestProxy;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    proxy = await startTestProxy();
  });
  afterAll(async () => {
    await Promise.all([proxy.close(), chatwoot.close()]);
  });

  it('sends calls without a per-request proxy through HTTP_PROXY', async () => {
    const gw = await startTestGateway(chatwoot.url, { HTTP_PROXY: proxy.url });
    try {
      const result = await gw.query(UPDATE);
      expect(result.errors).toBeUndefined();
      expect(proxy.requests.at(-1)).toMatchObject({ method: 'CONNECT', target: `127.0.0.1:${chatwoot.port}` });
    } finally {
      await gw.close();
    }
  });

  it('goes direct for a host listed in NO_PROXY', async () => {
    proxy.requests.length = 0;
    const gw = await startTestGateway(chatwoot.url, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    try {
      const result = await gw.query(UPDATE);
      expect(result.errors).toBeUndefined();
      expect(proxy.requests).toHaveLength(0);
    } finally {
      await gw.close();
    }
  });
});
