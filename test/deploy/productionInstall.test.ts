import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { productionInstall, ROOT } from './production';

/**
 * SLOW (about 1-2 minutes on a quiet 2-core machine, 4-6 under heavy load): the documented production install, run
 * for real on a clean copy of the checkout.
 * `npm ci` installs from the npm cache (`prefer-offline`), which `.ci/run`'s own `npm ci` has just filled.
 */

const run = promisify(execFile);

/** The tracked and new (not ignored) files of this checkout: what a fresh clone would hold, uncommitted edits included. */
function copyCheckout(into: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })
    .toString('utf8')
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(ROOT, file), join(into, file));
  }
}

/** The environment of a fresh shell: none of the npm_* variables of the `npm test` running this, no NODE_ENV=test. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(key) && key !== 'NODE_ENV' && key !== 'INIT_CWD') env[key] = value;
  }
  return { ...env, ...extra };
}

/** The README's "Try it" curl command: its URL and body, and the "Real output" shown under it. */
function readmeCurl(): { url: string; body: string; output: unknown } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Try it'));
  const url = /curl -s (\S+)/.exec(section)?.[1];
  const body = /-d '([^']+)'/.exec(section)?.[1];
  const output = /Real output:\s*```json\n(.+)\n```/.exec(section)?.[1];
  if (!url || !body || !output) throw new Error('README.md "Try it" has no curl command and output');
  return { url, body, output: JSON.parse(output) };
}

/** Starts a command of the built copy in production mode, in its own process group; resolves once it serves. */
async function startBuilt(dir: string, command: string, args: string[]) {
  const proc = spawn(command, args, {
    cwd: dir,
    env: cleanEnv({ NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const end = Date.now() + 60_000;
  while (!/serving GraphQL at \S+/.test(stdout)) {
    if (proc.exitCode !== null || Date.now() > end) {
      proc.kill('SIGKILL');
      throw new Error(`\`${command} ${args.join(' ')}\` did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    proc,
    url: /serving GraphQL at (\S+)/.exec(stdout)![1]!,
    stdout: () => stdout,
    /** SIGTERM to the whole group (npm and the node it started); resolves with the exit code. */
    async stop(): Promise<number | null> {
      process.kill(-proc.pid!, 'SIGTERM');
      return exited;
    },
  };
}

describe('production install (slow: a real npm ci on a clean copy)', () => {
  let dir: string;
  let gateway: ChildProcess | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-production-'));
    copyCheckout(dir);
  }, 60_000);
  afterAll(() => {
    if (gateway && gateway.exitCode === null) process.kill(-gateway.pid!, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds, prunes the dev tools, serves the README curl from the embedded simulator, and `npm start` runs without TypeScript', async () => {
    const { build, start } = productionInstall();
    for (const command of build) {
      await run('sh', ['-c', command], {
        cwd: dir,
        env: cleanEnv({ npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' }),
        maxBuffer: 64 * 1024 * 1024,
        timeout: 300_000,
      });
    }
    // The runtime has no compiler: devDependencies are gone, dist/ is there.
    expect(existsSync(join(dir, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'jest'))).toBe(false);
    expect(existsSync(join(dir, 'dist', 'src', 'main.js'))).toBe(true);

    const [command, ...args] = start;
    const gatewayProcess = await startBuilt(dir, command!, args);
    gateway = gatewayProcess.proc;
    expect(gatewayProcess.stdout()).toMatch(/EMBEDDED CHATWOOT SIMULATOR/);
    const served = gatewayProcess.url;

    const curl = readmeCurl();
    const url = new URL(curl.url);
    url.port = new URL(served).port;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: curl.body });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(curl.output);

    expect(await gatewayProcess.stop()).toBe(0);

    // The bug this path fixes: `npm start` without devDependencies used to run tsc first, which is not installed.
    const viaNpm = await startBuilt(dir, 'npm', ['start']);
    gateway = viaNpm.proc;
    expect(viaNpm.stdout()).not.toMatch(/tsc/);
    await viaNpm.stop();
  }, 600_000);
});
