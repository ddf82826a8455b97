import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A child process that logs one line through the gateway's own logger (buffered stdout) and then stays quiet and
 * alive, as an idle gateway would; `after` is what it does next.
 */
function logOneLine(after: 'idle' | 'fatal-then-hang'): Promise<{ firstLineMs: number | null; output: string }> {
  const script = `
    const { createLogger } = require('./src/observability/logger');
    const logger = createLogger({ level: 'info' });
    logger.info({ probe: 1 }, 'quiet gateway line');
    ${after === 'fatal-then-hang' ? "logger.fatal('dying'); const end = Date.now() + 3000; while (Date.now() < end) {} process.kill(process.pid, 'SIGKILL');" : ''}
    setTimeout(() => undefined, 4000);
  `;
  const child = spawn(process.execPath, ['-r', './test/support/tsRegister.js', '-e', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = Date.now();
  let output = '';
  let firstLineMs: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (firstLineMs === null && output.includes('quiet gateway line')) firstLineMs = Date.now() - started;
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve({ firstLineMs, output });
    });
  });
}

describe('log buffering', () => {
  it('writes a line of a quiet gateway within 2 s, while the process is still running', async () => {
    // The child lives 4 s after logging (plus start-up); the line must be out well before it exits.
    const spawned = Date.now();
    const { firstLineMs, output } = await logOneLine('idle');
    const lifetime = Date.now() - spawned;
    expect(output).toContain('quiet gateway line');
    expect(firstLineMs).not.toBeNull();
    // Start-up (ts-node compiling the logger) is part of firstLineMs; the child's 4 s of idling are not.
    expect(lifetime - firstLineMs!).toBeGreaterThan(2_000);
  }, 30_000);

  it('writes a fatal line, and the lines before it, before the process is killed', async () => {
    const { output } = await logOneLine('fatal-then-hang');
    expect(output).toContain('quiet gateway line');
    expect(output).toContain('"msg":"dying"');
  }, 30_000);
});
