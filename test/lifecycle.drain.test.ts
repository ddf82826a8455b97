import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { startTestGateway } from './support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from './support/servers';

/**
 * Draining: once the gateway shuts down, every answer says `Connection: close`, so keep-alive clients do not reuse a
 * connection that is about to close; a bulk operation cut by the grace period answers with what it applied.
 */

const READ = '{ contact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1") { id } }';
const ROOT = join(__dirname, '..');

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a bulk operation cut by the shutdown grace', () => {
  let chatwoot: FakeChatwoot;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(async (req) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { body: slimContact({ source_id: req.path.split('/').pop() }) };
    });
  });
  afterAll(async () => {
    await chatwoot.close();
  });

  it('answers with the items it applied and NOT_ATTEMPTED for the rest, saying how many were applied', async () => {
    const gateway = await startTestGateway(chatwoot.url, { GATEWAY_SHUTDOWN_GRACE_MS: '2000' });
    const items = Array.from({ length: 100 }, (_v, i) => ({ inboxIdentifier: 'inbox-abc', contactIdentifier: `c${i}`, input: { name: 'N' } }));
    // 20 batches of 150 ms: 3 s of work against a grace of 2 s.
    const answer = gateway.query<{ updateContacts: Array<{ index: number; contact: unknown; error: { code: string; message: string } | null }> }>(
      `mutation($items: [UpdateContactItemInput!]!) {
        updateContacts(items: $items, options: { batching: { itemsPerBatch: 5 } }) { index contact { id } error { code message } }
      }`,
      { items },
    );
    await until(() => chatwoot.requests.length >= 5, 5_000, 'the first batch');
    const closing = gateway.close();

    const result = await answer;
    await closing;
    const results = result.data!.updateContacts;
    const applied = results.filter((r) => r.error === null);
    const skipped = results.filter((r) => r.error !== null);

    expect(results).toHaveLength(100);
    expect(applied.length).toBe(chatwoot.requests.length);
    expect(applied.length).toBeGreaterThan(0);
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((r) => r.error?.code === 'NOT_ATTEMPTED')).toBe(true);
    expect(skipped[0]?.error?.message).toContain(`${applied.length} of 100 items were applied`);
  }, 20_000);
});

describe('SIGTERM under keep-alive load', () => {
  let chatwoot: FakeChatwoot;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { body: slimContact() };
    });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await chatwoot.close();
  });

  it('answers every request it accepted, with Connection: close once draining, and resets none', async () => {
    const proc = spawn(process.execPath, ['-r', './test/support/tsRegister.js', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', CHATWOOT_BASE_URL: chatwoot.url, GATEWAY_SHUTDOWN_GRACE_MS: '5000', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stdout = '';
    proc.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    await until(() => /serving GraphQL at (\S+)/.test(stdout) || proc.exitCode !== null, 25_000, 'the gateway to start');
    const url = /serving GraphQL at (\S+)/.exec(stdout)![1]!;

    const agent = new Agent({ connections: 8, keepAliveTimeout: 30_000, keepAliveTimeoutThreshold: 0 });
    const answered: Array<{ connection: string | undefined }> = [];
    const failures: string[] = [];
    let signalled = false;
    const worker = async () => {
      // Bounded: stops at the first refused connection (the gateway stopped listening) or after 400 requests.
      for (let i = 0; i < 400; i += 1) {
        try {
          const response = await request(url, {
            dispatcher: agent,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: READ }),
          });
          const body = (await response.body.json()) as { data?: unknown };
          if (response.statusCode !== 200 || !body.data) failures.push(`status ${response.statusCode}`);
          answered.push({ connection: response.headers.connection as string | undefined });
        } catch (error) {
          const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
          if (code === 'ECONNREFUSED' && signalled) return;
          failures.push(`${code}: ${(error as Error).message}`);
          return;
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await until(() => answered.length >= 100, 20_000, 'keep-alive load');
    const beforeSignal = answered.length;
    signalled = true;
    proc.kill('SIGTERM');
    await Promise.all(workers);
    await agent.close();

    expect(failures).toEqual([]);
    expect(await exited).toBe(0);
    expect(answered.slice(0, beforeSignal - 8).every((a) => a.connection !== 'close')).toBe(true);
    expect(answered.slice(beforeSignal).some((a) => a.connection === 'close')).toBe(true);
  }, 60_000);
});
