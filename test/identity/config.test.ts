import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { IDENTITY_VARIABLES } from '../../src/identity/config';

const SECRET = 's'.repeat(40);
const TOKENS = 'inboxA=hmacTokenAAAAAAAAAAAAAAAA,inboxB=hmacTokenBBBBBBBBBBBBBBBB';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('identity configuration', () => {
  it('is off, and costs nothing, when none of its variables is set', () => {
    expect(loadConfig({}).identity).toBeNull();
  });

  it('reads a shared secret setup with its defaults', () => {
    const identity = loadConfig({ GATEWAY_IDENTITY_SECRET: SECRET, GATEWAY_INBOX_HMAC_TOKENS: TOKENS }).identity!;
    expect(identity.key).toEqual({ kind: 'secret', secret: SECRET });
    expect(identity.algorithms).toEqual(['HS256']);
    expect(identity.identifierClaim).toBe('sub');
    expect(identity.clockToleranceSeconds).toBe(30);
    expect(identity.issuer).toBeNull();
    expect([...identity.hmacTokens]).toEqual([
      ['inboxA', 'hmacTokenAAAAAAAAAAAAAAAA'],
      ['inboxB', 'hmacTokenBBBBBBBBBBBBBBBB'],
    ]);
  });

  it('reads the inbox HMAC tokens from a file, one pair a line, with comments', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'identity-')), 'hmac-tokens');
    writeFileSync(file, '# inbox=token\ninboxA=hmacTokenAAAAAAAAAAAAAAAA\n\ninboxB=hmacTokenBBBBBBBBBBBBBBBB\n');
    const identity = loadConfig({ GATEWAY_IDENTITY_SECRET: SECRET, GATEWAY_INBOX_HMAC_TOKENS: file }).identity!;
    expect([...identity.hmacTokens.keys()]).toEqual(['inboxA', 'inboxB']);
  });

  it('requires an issuer and an audience with a JWKS URL, and splits audiences on commas', () => {
    expect(problemsOf({ GATEWAY_IDENTITY_JWKS_URL: 'https://idp.example.com/jwks', GATEWAY_INBOX_HMAC_TOKENS: TOKENS })).toEqual([
      expect.stringMatching(/^GATEWAY_IDENTITY_ISSUER is required/),
      expect.stringMatching(/^GATEWAY_IDENTITY_AUDIENCE is required/),
    ]);
    const identity = loadConfig({
      GATEWAY_IDENTITY_JWKS_URL: 'https://idp.example.com/jwks',
      GATEWAY_IDENTITY_ISSUER: 'https://idp.example.com/',
      GATEWAY_IDENTITY_AUDIENCE: 'site-a, site-b',
      GATEWAY_INBOX_HMAC_TOKENS: TOKENS,
    }).identity!;
    expect(identity.audience).toEqual(['site-a', 'site-b']);
    expect(identity.algorithms).toEqual(['RS256', 'ES256']);
  });

  it.each([
    ['two key sources', { GATEWAY_IDENTITY_SECRET: SECRET, GATEWAY_IDENTITY_JWKS_URL: 'https://idp.example.com/jwks', GATEWAY_IDENTITY_ISSUER: 'i', GATEWAY_IDENTITY_AUDIENCE: 'a', GATEWAY_INBOX_HMAC_TOKENS: TOKENS }, /^Set only one of/],
    ['a secret shorter than 32 bytes', { GATEWAY_IDENTITY_SECRET: 'short-secret', GATEWAY_INBOX_HMAC_TOKENS: TOKENS }, /^GATEWAY_IDENTITY_SECRET must be at least 32 bytes/],
    ['no inbox tokens', { GATEWAY_IDENTITY_SECRET: SECRET }, /GATEWAY_INBOX_HMAC_TOKENS is not/],
    ['inbox tokens without a key source', { GATEWAY_INBOX_HMAC_TOKENS: TOKENS }, /^GATEWAY_INBOX_HMAC_TOKENS is set, so tokens must be verified/],
    ['an asymmetric algorithm with a secret', { GATEWAY_IDENTITY_SECRET: SECRET, GATEWAY_IDENTITY_ALGORITHMS: 'RS256', GATEWAY_INBOX_HMAC_TOKENS: TOKENS }, /^GATEWAY_IDENTITY_ALGORITHMS must list algorithms from HS256/],
    ['"none" as an algorithm', { GATEWAY_IDENTITY_SECRET: SECRET, GATEWAY_IDENTITY_ALGORITHMS: 'none', GATEWAY_INBOX_HMAC_TOKENS: TOKENS }, /^GATEWAY_IDENTITY_ALGORITHMS must list/],
    ['a PEM that is no key', { GATEWAY_IDENTITY_PUBLIC_KEY: 'hello', GATEWAY_IDENTITY_ISSUER: 'i', GATEWAY_IDENTITY_AUDIENCE: 'a', GATEWAY_INBOX_HMAC_TOKENS: TOKENS }, /^GATEWAY_IDENTITY_PUBLIC_KEY must be a PEM/],
    ['a JWKS URL that is not http(s)', { GATEWAY_IDENTITY_JWKS_URL: 'file:///etc/jwks', GATEWAY_IDENTITY_ISSUER: 'i', GATEWAY_IDENTITY_AUDIENCE: 'a', GATEWAY_INBOX_HMAC_TOKENS: TOKENS }, /^GATEWAY_IDENTITY_JWKS_URL must be/],
    ['a clock tolerance out of range', { GATEWAY_IDENTITY_SECRET: SECRET, GATEWAY_IDENTITY_CLOCK_TOLERANCE_S: '9999', GATEWAY_INBOX_HMAC_TOKENS: TOKENS }, /^GATEWAY_IDENTITY_CLOCK_TOLERANCE_S must be a whole number from 0 to 600/],
    ['an identity option with no key source at all', { GATEWAY_IDENTITY_ISSUER: 'https://idp.example.com/' }, /^GATEWAY_IDENTITY_ISSUER is set, but identity verification is off/],
    ['a missing tokens file', { GATEWAY_IDENTITY_SECRET: SECRET, GATEWAY_INBOX_HMAC_TOKENS: '/nonexistent/hmac-tokens' }, /neither inboxIdentifier=hmacToken pairs nor a readable file/],
  ])('refuses %s with one clear message', (_case, env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('names a malformed or repeated inbox token entry by position, never repeating a token', () => {
    const problems = problemsOf({
      GATEWAY_IDENTITY_SECRET: SECRET,
      GATEWAY_INBOX_HMAC_TOKENS: 'inboxA=hmacTokenAAAAAAAAAAAAAAAA,justATokenZZZZZZZZZZZZZZ=,inboxA=hmacTokenCCCCCCCCCCCCCCCC',
    });
    expect(problems).toEqual([
      'GATEWAY_INBOX_HMAC_TOKENS: entry 2 is not inboxIdentifier=hmacToken.',
      'GATEWAY_INBOX_HMAC_TOKENS: entry 3 names inbox inboxA a second time.',
    ]);
  });

  it('never repeats the secret or an HMAC token in any message', () => {
    let message = '';
    try {
      loadConfig({ GATEWAY_IDENTITY_SECRET: 'tooShortSecret99', GATEWAY_INBOX_HMAC_TOKENS: 'inboxA=hmacTokenAAAAAAAAAAAAAAAA,brokenhmacTokenQQQQ', PORT: 'x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/GATEWAY_IDENTITY_SECRET must be at least 32 bytes/);
    expect(message).not.toContain('tooShortSecret99');
    expect(message).not.toContain('hmacTokenAAAAAAAAAAAAAAAA');
    expect(message).not.toContain('brokenhmacTokenQQQQ');
  });

  it('documents every one of its variables in the README configuration table', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Errors'));
    for (const name of IDENTITY_VARIABLES) expect(table).toContain(`| \`${name}\` |`);
  });
});
