import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A gateway running as its own `node` process, as `npm start` runs it, from the TypeScript sources. */
export interface GatewayProcess {
  /** The GraphQL URL from the banner. */
  readonly url: string;
  /** stdout so far, parsed: the JSON log lines. */
  logLines(): Array<Record<string, unknown>>;
  /** Sends SIGTERM and resolves with the exit code once the graceful shutdown is over. */
  stop(): Promise<number | null>;
}

async function until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Starts `src/main.ts` with exactly `env` (plus PATH) as its environment: a separate process, so that global state
 * such as the OpenTelemetry SDK's registration is the process's own, as in production.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', './test/support/tsRegister.js', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await until(() => /serving GraphQL at (\S+)/.test(stdout) || child.exitCode !== null, 30_000, () => `the gateway to start (${stderr})`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = /serving GraphQL at (\S+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`the gateway exited before serving: ${stderr}`);
  return {
    url,
    logLines: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
