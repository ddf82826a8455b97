import { ConfigError, loadConfig } from '../../src/config';
import { InvalidRequestError, PolicyViolationError } from '../../src/chatwoot/errors';
import { resolveRequestOptions, type RequestOptions } from '../../src/chatwoot/requestOptions';

const policy = {
  defaultTimeoutMs: 30_000,
  allowInsecureTls: false,
  allowedProxies: loadConfig({ GATEWAY_ALLOWED_PROXIES: 'http://proxy.internal:3128, https://secure.internal, http://plain.internal' })
    .requestOptions.allowedProxies,
  defaultBatchSize: 10,
  defaultBatchIntervalMs: 0,
};

function refusal(requested: RequestOptions, defaults = policy): Error {
  try {
    resolveRequestOptions(requested, defaults);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('resolveRequestOptions', () => {
  it('applies the server defaults to what the request leaves out', () => {
    expect(resolveRequestOptions(undefined, policy)).toEqual({
      timeoutMs: 30_000,
      ignoreSslIssues: false,
      proxy: null,
      batching: { itemsPerBatch: 10, batchIntervalMs: 0 },
    });
    expect(resolveRequestOptions({ timeoutMs: 50, batching: { batchIntervalMs: 20 } }, policy)).toMatchObject({
      timeoutMs: 50,
      batching: { itemsPerBatch: 10, batchIntervalMs: 20 },
    });
  });

  it.each([
    ['http://proxy.internal:3128', 'proxy.internal:3128'],
    ['HTTP://Proxy.Internal:3128/', 'proxy.internal:3128'],
    ['https://secure.internal:443', 'secure.internal:443'],
    ['http://plain.internal:80', 'plain.internal:80'],
    ['http://plain.internal', 'plain.internal:80'],
  ])('accepts %s as the allowed proxy %s (scheme, host and port; default ports written out)', (proxy, host) => {
    expect(resolveRequestOptions({ proxy }, policy).proxy).toMatchObject({ host });
  });

  it('builds Basic Proxy-Authorization from percent-decoded credentials, keeping them out of origin and host', () => {
    const resolved = resolveRequestOptions({ proxy: 'http://us%40er:p%3Ass@proxy.internal:3128' }, policy).proxy!;

    expect(resolved.origin).toBe('http://proxy.internal:3128');
    expect(resolved.host).toBe('proxy.internal:3128');
    expect(resolved.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
    expect(resolved.credentialsDigest).not.toContain('p:ss');
  });

  it.each([
    ['http://proxy.internal:3129', 'another port'],
    ['https://proxy.internal:3128', 'another scheme'],
    ['http://proxy.example:3128', 'another host'],
    ['https://plain.internal', 'http entry, https request'],
  ])('refuses %s (%s) with a PolicyViolationError on options.proxy', (proxy) => {
    const error = refusal({ proxy });
    expect(error).toBeInstanceOf(PolicyViolationError);
    expect(error).toMatchObject({ field: 'options.proxy' });
  });

  it('never repeats proxy credentials in a refusal', () => {
    for (const proxy of ['http://user:hunter2@elsewhere.example:8080', 'ftp://user:hunter2@proxy.internal:3128']) {
      expect(refusal({ proxy }).message).not.toContain('hunter2');
    }
  });

  it('refuses every proxy when the operator allowed none', () => {
    expect(refusal({ proxy: 'http://proxy.internal:3128' }, { ...policy, allowedProxies: [] })).toBeInstanceOf(PolicyViolationError);
  });

  it('refuses ignoreSslIssues unless the operator allowed insecure TLS', () => {
    expect(refusal({ ignoreSslIssues: true })).toMatchObject({ field: 'options.ignoreSslIssues' });
    expect(refusal({ ignoreSslIssues: true })).toBeInstanceOf(PolicyViolationError);
    expect(resolveRequestOptions({ ignoreSslIssues: true }, { ...policy, allowInsecureTls: true }).ignoreSslIssues).toBe(true);
    expect(resolveRequestOptions({ ignoreSslIssues: false }, policy).ignoreSslIssues).toBe(false);
  });

  it.each([
    [{ timeoutMs: 1.5 }, 'options.timeoutMs'],
    [{ batching: { itemsPerBatch: 0 } }, 'options.batching.itemsPerBatch'],
    [{ batching: { batchIntervalMs: 2.5 } }, 'options.batching.batchIntervalMs'],
  ])('refuses %j with an InvalidRequestError naming %s', (requested, field) => {
    const error = refusal(requested);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ field });
    expect(error.message).toContain(field);
  });
});

describe('request option configuration', () => {
  it('has safe defaults: no insecure TLS, no per-request proxy, no HTTP batching', () => {
    expect(loadConfig({}).requestOptions).toEqual({
      allowInsecureTls: false,
      allowedProxies: [],
      proxyEnv: { HTTP_PROXY: '', HTTPS_PROXY: '', NO_PROXY: '' },
      defaultBatchSize: 10,
      defaultBatchIntervalMs: 0,
      maxBulkItems: 1000,
      httpBatching: false,
      httpBatchMax: 10,
    });
  });

  it('reads the standard proxy variables from the given environment, lower-case spellings included', () => {
    const { proxyEnv } = loadConfig({ https_proxy: 'http://p.internal:3128', NO_PROXY: 'localhost' }).requestOptions;
    expect(proxyEnv).toEqual({ HTTP_PROXY: '', HTTPS_PROXY: 'http://p.internal:3128', NO_PROXY: 'localhost' });
  });

  it('reports every bad value at once, without repeating proxy credentials', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        GATEWAY_ALLOWED_PROXIES: 'http://ok.internal:3128, http://user:hunter2@cred.internal:3128, not a url',
        HTTPS_PROXY: 'socks5://user:hunter2@p.internal:1080',
        GATEWAY_ALLOW_INSECURE_TLS: 'maybe',
        GATEWAY_DEFAULT_BATCH_SIZE: '0',
        GATEWAY_DEFAULT_BATCH_INTERVAL_MS: '60001',
        GATEWAY_MAX_BULK_ITEMS: 'many',
        GATEWAY_HTTP_BATCH_MAX: '0',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(8);
    expect(error!.message).not.toContain('hunter2');
    for (const name of ['GATEWAY_ALLOWED_PROXIES', 'HTTPS_PROXY', 'GATEWAY_ALLOW_INSECURE_TLS', 'GATEWAY_MAX_BULK_ITEMS']) {
      expect(error!.message).toContain(name);
    }
  });
});
