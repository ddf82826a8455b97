import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

/** The per-request budget and the HTTP server's limits (the `limits` section of the configuration). */
describe('loadConfig: budgets and server limits', () => {
  function problems(env: Record<string, string>): string[] {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return [...error.problems];
      throw error;
    }
    return [];
  }

  it('uses the documented defaults', () => {
    expect(loadConfig({}).limits).toEqual({
      maxUpstreamCalls: 1000,
      maxUpstreamConcurrency: 256,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 2_048,
    });
  });

  it('reads every variable', () => {
    const limits = loadConfig({
      GATEWAY_MAX_UPSTREAM_CALLS: '5000',
      GATEWAY_MAX_UPSTREAM_CONCURRENCY: '64',
      GATEWAY_HEADERS_TIMEOUT_MS: '2000',
      GATEWAY_REQUEST_TIMEOUT_MS: '0',
      GATEWAY_KEEP_ALIVE_TIMEOUT_MS: '1000',
      GATEWAY_MAX_CONNECTIONS: '100',
    }).limits;
    expect(limits).toEqual({
      maxUpstreamCalls: 5000,
      maxUpstreamConcurrency: 64,
      headersTimeoutMs: 2000,
      requestTimeoutMs: 0,
      keepAliveTimeoutMs: 1000,
      maxConnections: 100,
    });
  });

  it('raises the default budget to GATEWAY_MAX_BULK_ITEMS when that is larger, so an accepted bulk fits', () => {
    expect(loadConfig({ GATEWAY_MAX_BULK_ITEMS: '3000' }).limits.maxUpstreamCalls).toBe(3000);
  });

  it('refuses a budget below GATEWAY_MAX_BULK_ITEMS, naming both', () => {
    const found = problems({ GATEWAY_MAX_BULK_ITEMS: '500', GATEWAY_MAX_UPSTREAM_CALLS: '100' });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('GATEWAY_MAX_UPSTREAM_CALLS (100) must be at least GATEWAY_MAX_BULK_ITEMS (500)');
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(problems({ GATEWAY_HEADERS_TIMEOUT_MS: '5000', GATEWAY_REQUEST_TIMEOUT_MS: '1000' })).toEqual([
      'GATEWAY_HEADERS_TIMEOUT_MS (5000) must not exceed GATEWAY_REQUEST_TIMEOUT_MS (1000).',
    ]);
  });

  it('reports a bad GATEWAY_MAX_BULK_ITEMS once, not once per section reading it', () => {
    expect(problems({ GATEWAY_MAX_BULK_ITEMS: 'many' })).toHaveLength(1);
  });

  it('documents every one of its variables in the README configuration table', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Errors'));
    const names = [
      'GATEWAY_MAX_UPSTREAM_CALLS',
      'GATEWAY_MAX_UPSTREAM_CONCURRENCY',
      'GATEWAY_HEADERS_TIMEOUT_MS',
      'GATEWAY_REQUEST_TIMEOUT_MS',
      'GATEWAY_KEEP_ALIVE_TIMEOUT_MS',
      'GATEWAY_MAX_CONNECTIONS',
    ];
    for (const name of names) expect(table).toContain(`| \`${name}\` |`);
  });
});
