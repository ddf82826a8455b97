import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('uses documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.server).toEqual({ host: '127.0.0.1', port: 4000 });
    expect(config.chatwoot).toEqual({ baseUrl: null, apiAccessToken: null, platformAppToken: null, conversationsPerPage: 25 });
    expect(config.apis).toEqual({ application: false, platform: false, applicationExplicit: false });
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

  it('runs the jit executor with 1000 compiled operations by default, graphql-js on request, and refuses others', () => {
    expect(loadConfig({}).operations).toMatchObject({ executor: 'jit', maxCompiledOperations: 1000 });
    expect(loadConfig({ GATEWAY_EXECUTOR: 'graphql-js', GATEWAY_MAX_COMPILED_OPERATIONS: '5' }).operations).toMatchObject({
      executor: 'graphql-js',
      maxCompiledOperations: 5,
    });
    expect(() => loadConfig({ GATEWAY_EXECUTOR: 'v8', GATEWAY_MAX_COMPILED_OPERATIONS: '0' })).toThrow(
      /GATEWAY_EXECUTOR must be one of[\s\S]*GATEWAY_MAX_COMPILED_OPERATIONS must be a whole number/,
    );
  });

  it('lets the heap grow 100% past what is live by default, 0 to 400 on request, and refuses other values', () => {
    expect(loadConfig({}).operations.heapGrowingPercent).toBe(100);
    expect(loadConfig({ GATEWAY_HEAP_GROWING_PERCENT: '0' }).operations.heapGrowingPercent).toBe(0);
    expect(loadConfig({ GATEWAY_HEAP_GROWING_PERCENT: '50' }).operations.heapGrowingPercent).toBe(50);
    expect(() => loadConfig({ GATEWAY_HEAP_GROWING_PERCENT: '401' })).toThrow(/GATEWAY_HEAP_GROWING_PERCENT must be a whole number from 0 to 400/);
    expect(() => loadConfig({ GATEWAY_HEAP_GROWING_PERCENT: 'lots' })).toThrow(/GATEWAY_HEAP_GROWING_PERCENT must be a whole number/);
  });

  it('bounds uploads at 40 MiB per file, 10 files and 100 MiB in all by default, and reads the three variables', () => {
    expect(loadConfig({}).uploads).toEqual({ maxFileBytes: 40 * 1024 * 1024, maxFiles: 10, maxTotalBytes: 100 * 1024 * 1024 });
    expect(
      loadConfig({ GATEWAY_MAX_UPLOAD_BYTES: '1024', GATEWAY_MAX_UPLOAD_FILES: '0', GATEWAY_MAX_UPLOAD_TOTAL_BYTES: '2048' }).uploads,
    ).toEqual({ maxFileBytes: 1024, maxFiles: 0, maxTotalBytes: 2048 });
    expect(() => loadConfig({ GATEWAY_MAX_UPLOAD_BYTES: '0', GATEWAY_MAX_UPLOAD_FILES: '101', GATEWAY_MAX_UPLOAD_TOTAL_BYTES: '0' })).toThrow(
      /GATEWAY_MAX_UPLOAD_BYTES must be a whole number[\s\S]*GATEWAY_MAX_UPLOAD_FILES must be a whole number from 0 to 100[\s\S]*GATEWAY_MAX_UPLOAD_TOTAL_BYTES must be a whole number/,
    );
  });

  it('documents the upload total, representation bound and private-URL switch in the README configuration table', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Errors'));
    for (const name of ['GATEWAY_MAX_UPLOAD_TOTAL_BYTES', 'GATEWAY_MAX_ENTITY_REPRESENTATIONS', 'GATEWAY_ALLOW_PRIVATE_URLS']) {
      expect(table).toContain(`| \`${name}\` |`);
    }
  });

  it('resolves at most 1000 _entities representations and refuses private URLs by default, and reads both variables', () => {
    expect(loadConfig({}).graph).toMatchObject({ maxEntityRepresentations: 1000, allowPrivateUrls: false });
    expect(loadConfig({ GATEWAY_MAX_ENTITY_REPRESENTATIONS: '5', GATEWAY_ALLOW_PRIVATE_URLS: 'true' }).graph).toMatchObject({
      maxEntityRepresentations: 5,
      allowPrivateUrls: true,
    });
    expect(() => loadConfig({ GATEWAY_MAX_ENTITY_REPRESENTATIONS: '0', GATEWAY_ALLOW_PRIVATE_URLS: 'maybe' })).toThrow(
      /GATEWAY_MAX_ENTITY_REPRESENTATIONS must be a whole number from 1 to 100000[\s\S]*GATEWAY_ALLOW_PRIVATE_URLS must be true or false/,
    );
  });

  it('needs the Platform App token and service keys for the Platform API, and reports both at once', () => {
    expect(() => loadConfig({ GATEWAY_PLATFORM_API: 'true' })).toThrow(/CHATWOOT_PLATFORM_APP_TOKEN[\s\S]*GATEWAY_SERVICE_KEYS/);
  });

  it('refuses a service key shorter than 32 characters without echoing it, and keeps only digests of good ones', () => {
    let message = '';
    try {
      loadConfig({ GATEWAY_SERVICE_KEYS: 'short-key-1234' });
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/GATEWAY_SERVICE_KEYS: key 1 must be at least 32 characters/);
    expect(message).not.toContain('short-key-1234');
    const config = loadConfig({ GATEWAY_SERVICE_KEYS: `${'k'.repeat(32)}, sha256:${'A'.repeat(64)}` });
    expect(config.platform.serviceKeyDigests).toHaveLength(2);
    expect(config.platform.serviceKeyDigests[1]).toBe('a'.repeat(64));
    expect(JSON.stringify(config)).not.toContain('k'.repeat(32));
  });

  it('refuses Platform fields for browsers together with GATEWAY_CORS_ORIGINS=*, and malformed field lists', () => {
    expect(() => loadConfig({ GATEWAY_PLATFORM_BROWSER_OPERATIONS: 'PlatformQuery.agentBots', GATEWAY_CORS_ORIGINS: '*' })).toThrow(/cannot be combined with GATEWAY_CORS_ORIGINS=\*/);
    expect(() => loadConfig({ GATEWAY_PLATFORM_OPERATIONS: 'drop table' })).toThrow(/GATEWAY_PLATFORM_OPERATIONS must list Platform fields/);
    expect(loadConfig({ GATEWAY_PLATFORM_OPERATIONS: '*' }).platform.operations).toEqual(['*']);
  });

  it('imitates the Community edition of Chatwoot in the simulator unless CHATWOOT_SIMULATOR_EDITION says enterprise', () => {
    expect(loadConfig({}).simulator.edition).toBe('community');
    expect(loadConfig({ CHATWOOT_SIMULATOR_EDITION: 'enterprise' }).simulator.edition).toBe('enterprise');
    expect(() => loadConfig({ CHATWOOT_SIMULATOR_EDITION: 'premium' })).toThrow(/CHATWOOT_SIMULATOR_EDITION/);
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
