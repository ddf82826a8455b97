import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from './support/servers';
import { startTestGateway } from './support/gateway';

const READ = '{ contact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1") { id name } }';
const ROOT = join(__dirname, '..');

async function post(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: READ }) });
  return { status: response.status, body: await response.json() };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('graceful shutdown (in process)', () => {
  let chatwoot: FakeChatwoot;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
  });
  afterAll(async () => {
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  it('lets a request in flight finish, and refuses new connections meanwhile', async () => {
    chatwoot.reply(() => ({ delayMs: 400, body: slimContact() }));
    const gateway = await startTestGateway(chatwoot.url, { GATEWAY_SHUTDOWN_GRACE_MS: '5000' });
    const inFlight = post(gateway.url);
    await until(() => chatwoot.requests.length === 1, 2000, 'the upstream call');
    const closing = gateway.close();
    await expect(fetch(gateway.url.replace('/graphql', '/healthz'))).rejects.toThrow();
    expect(await inFlight).toEqual({ status: 200, body: { data: { contact: { id: '42', name: 'Alice' } } } });
    await closing;
  });

  it('cuts what still runs after GATEWAY_SHUTDOWN_GRACE_MS instead of waiting for it', async () => {
    let release: () => void = () => undefined;
    chatwoot.reply(() => new Promise((resolve) => (release = () => resolve({ body: slimContact() }))));
    const gateway = await startTestGateway(chatwoot.url, { GATEWAY_SHUTDOWN_GRACE_MS: '200' });
    const inFlight = post(gateway.url).catch((error: unknown) => error);
    await until(() => chatwoot.requests.length === 1, 2000, 'the upstream call');
    const started = Date.now();
    await gateway.close();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(String(await inFlight)).toMatch(/fetch failed/);
    release();
  });
});

describe('graceful shutdown on a real SIGTERM', () => {
  let chatwoot: FakeChatwoot;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ delayMs: 700, body: slimContact() }));
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await chatwoot.close();
  });

  it('finishes the request in flight, then exits 0', async () => {
    const proc = spawn(process.execPath, ['-r', './test/support/tsRegister.js', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: '0',
        CHATWOOT_BASE_URL: chatwoot.url,
        GATEWAY_SHUTDOWN_GRACE_MS: '5000',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));

    await until(() => /serving GraphQL at (\S+)/.test(stdout) || proc.exitCode !== null, 25_000, `the gateway to start (${stderr})`);
    const url = /serving GraphQL at (\S+)/.exec(stdout)?.[1];
    expect(url).toBeDefined();

    const inFlight = post(url!);
    await until(() => chatwoot.requests.length === 1, 5000, 'the upstream call');
    proc.kill('SIGTERM');

    expect(await inFlight).toEqual({ status: 200, body: { data: { contact: { id: '42', name: 'Alice' } } } });
    expect(await exited).toBe(0);
    const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg?: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['signal received, shutting down gracefully', 'shutdown complete']));
  }, 40_000);
});
