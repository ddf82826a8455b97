import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('uses documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.server).toEqual({ host: '127.0.0.1', port: 4000 });
    expect(config.chatwoot).toEqual({ baseUrl: null, apiAccessToken: null, platformAppToken: null, conversationsPerPage: 25 });
    expect(config.upstream.defaultTimeoutMs).toBe(30_000);
    expect(config.simulator.chatwootVersion).toBe('4.16');
  });

  it('normalises the base URL, keeping a path prefix and dropping the trailing slash', () => {
    expect(loadConfig({ CHATWOOT_BASE_URL: 'https://chat.example.com/chatwoot/' }).chatwoot.baseUrl).toBe(
      'https://chat.example.com/chatwoot',
    );
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
  });

  it('reports every problem at once, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', CHATWOOT_BASE_URL: 'ftp://chat.example.com', GATEWAY_DEFAULT_TIMEOUT_MS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^PORT must be a whole number/);
    expect(problems.some((p) => p.startsWith('CHATWOOT_BASE_URL must use http:// or https://'))).toBe(true);
    expect(problems.some((p) => p.startsWith('GATEWAY_DEFAULT_TIMEOUT_MS must be a whole number from 1 to 300000'))).toBe(true);
    expect(message.split('\n')).toHaveLength(4);
  });

  it('refuses credentials in the base URL without echoing them', () => {
    expect(() => loadConfig({ CHATWOOT_BASE_URL: 'https://admin:hunter2@chat.example.com' })).toThrow(
      /must not hold credentials/,
    );
    try {
      loadConfig({ CHATWOOT_BASE_URL: 'https://admin:hunter2@chat.example.com' });
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });

  it('bounds uploads at 40 MiB per file and 10 files by default, and reads both variables', () => {
    expect(loadConfig({}).uploads).toEqual({ maxFileBytes: 40 * 1024 * 1024, maxFiles: 10 });
    expect(loadConfig({ GATEWAY_MAX_UPLOAD_BYTES: '1024', GATEWAY_MAX_UPLOAD_FILES: '0' }).uploads).toEqual({ maxFileBytes: 1024, maxFiles: 0 });
    expect(() => loadConfig({ GATEWAY_MAX_UPLOAD_BYTES: '0', GATEWAY_MAX_UPLOAD_FILES: '101' })).toThrow(
      /GATEWAY_MAX_UPLOAD_BYTES must be a whole number[\s\S]*GATEWAY_MAX_UPLOAD_FILES must be a whole number from 0 to 100/,
    );
  });

  it('reads the conversation page size (25 by default) and the simulator edition (community by default), reporting both problems', () => {
    expect(loadConfig({}).chatwoot.conversationsPerPage).toBe(25);
    expect(loadConfig({}).simulator.edition).toBe('community');
    expect(loadConfig({ CHATWOOT_CONVERSATIONS_PER_PAGE: '50', CHATWOOT_SIMULATOR_EDITION: 'enterprise' })).toMatchObject({
      chatwoot: { conversationsPerPage: 50 },
      simulator: { edition: 'enterprise' },
    });
    expect(() => loadConfig({ CHATWOOT_CONVERSATIONS_PER_PAGE: '0', CHATWOOT_SIMULATOR_EDITION: 'premium' })).toThrow(
      /CHATWOOT_CONVERSATIONS_PER_PAGE must be a whole number[\s\S]*CHATWOOT_SIMULATOR_EDITION/,
    );
  });
});
