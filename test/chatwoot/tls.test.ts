import { startTestGateway, type TestGateway } from '../support/gateway';
import { startTestProxy, type TestProxy } from '../support/proxy';
import { slimContact } from '../support/servers';
import { startSelfSignedChatwoot } from '../support/tls';

const CONTACT = `
  query Contact($options: RequestOptionsInput) {
    contact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1", options: $options) { id sourceId }
  }`;

describe('TLS verification against a Chatwoot with a self-signed certificate', () => {
  let chatwoot: Awaited<ReturnType<typeof startSelfSignedChatwoot>>;
  let connections = 0;
  let proxy: TestProxy;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    chatwoot = await startSelfSignedChatwoot(slimContact());
    chatwoot.server.on('connection', () => {
      connections += 1;
    });
    proxy = await startTestProxy();
  });
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await proxy.close();
    await chatwoot.close();
  });

  async function gateway(env: Record<string, string> = {}): Promise<TestGateway> {
    const started = await startTestGateway(chatwoot.url, env);
    gateways.push(started);
    return started;
  }

  it('fails with UPSTREAM_TLS_ERROR explaining how to trust the certificate or use ignoreSslIssues', async () => {
    const gw = await gateway();
    const result = await gw.query(CONTACT);

    expect(result.data?.contact).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('UPSTREAM_TLS_ERROR');
    expect(error?.extensions?.tlsCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(error?.message).toContain('NODE_EXTRA_CA_CERTS');
    expect(error?.message).toContain('ignoreSslIssues');
    expect(chatwoot.requests).toBe(0);
  });

  it('succeeds with ignoreSslIssues when the operator allows insecure TLS', async () => {
    const gw = await gateway({ GATEWAY_ALLOW_INSECURE_TLS: 'true' });
    const before = chatwoot.requests;
    const result = await gw.query(CONTACT, { options: { ignoreSslIssues: true } });

    expect(result.errors).toBeUndefined();
    expect(result.data?.contact).toEqual({ id: '42', sourceId: 'contact-1' });
    expect(chatwoot.requests).toBe(before + 1);
  });

  it('keeps verifying certificates for requests that do not ask otherwise, even after an insecure one', async () => {
    const gw = await gateway({ GATEWAY_ALLOW_INSECURE_TLS: 'true' });
    expect((await gw.query(CONTACT, { options: { ignoreSslIssues: true } })).errors).toBeUndefined();

    const verified = await gw.query(CONTACT);
    expect(verified.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TLS_ERROR');
    const explicitFalse = await gw.query(CONTACT, { options: { ignoreSslIssues: false } });
    expect(explicitFalse.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TLS_ERROR');
  });

  it('refuses ignoreSslIssues with FORBIDDEN, before connecting, when the operator does not allow it', async () => {
    const gw = await gateway();
    const before = connections;
    const result = await gw.query(CONTACT, { options: { ignoreSslIssues: true } });

    expect(result.data?.contact).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('FORBIDDEN');
    expect(error?.extensions?.field).toBe('options.ignoreSslIssues');
    expect(error?.message).toContain('GATEWAY_ALLOW_INSECURE_TLS');
    expect(connections).toBe(before);
  });

  it('accepts the certificate through a proxy tunnel too when allowed, and only for the request that asks', async () => {
    const gw = await gateway({ GATEWAY_ALLOW_INSECURE_TLS: 'true', GATEWAY_ALLOWED_PROXIES: proxy.url });
    const result = await gw.query(CONTACT, { options: { ignoreSslIssues: true, proxy: proxy.url } });

    expect(result.errors).toBeUndefined();
    expect(result.data?.contact).toEqual({ id: '42', sourceId: 'contact-1' });
    expect(proxy.requests.at(-1)).toMatchObject({ method: 'CONNECT', target: `127.0.0.1:${chatwoot.port}` });

    const verified = await gw.query(CONTACT, { options: { proxy: proxy.url } });
    expect(verified.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TLS_ERROR');
  });
});
