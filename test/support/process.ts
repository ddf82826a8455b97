import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The gateway as its own `node` process (`src/main.ts`), for tests where the process itself may die. */
export interface GatewayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): { stdout: string; stderr: string };
  /** Whether the process is still running. */
  alive(): boolean;
  /** Kills the process (SIGKILL) if it still runs and waits for it to exit. */
  close(): Promise<void>;
}

/** Starts `src/main.ts` in a child process on 127.0.0.1, port 0, and waits until it says where it serves GraphQL. */
export async function startGatewayProcess(env: Record<string, string>, timeoutMs = 25_000): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['-r', './test/support/tsRegister.js', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!(url = /serving GraphQL at (\S+)/.exec(stdout)?.[1])) {
    if (child.exitCode !== null || Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`the gateway process did not start:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    child,
    output: () => ({ stdout, stderr }),
    alive: () => child.exitCode === null && child.signalCode === null,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
