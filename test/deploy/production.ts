import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** deploy/production.json: the one list of production-install commands the Dockerfile and the install test share. */
export interface ProductionInstall {
  /** Shell commands run in order in a checkout, ending with production dependencies only and dist/ built. */
  readonly build: readonly string[];
  /** What the runtime needs from the built checkout. */
  readonly runtimeFiles: readonly string[];
  /** The command that runs the gateway (argv, no shell). */
  readonly start: readonly string[];
}

export function productionInstall(): ProductionInstall {
  return JSON.parse(readFileSync(join(ROOT, 'deploy', 'production.json'), 'utf8')) as ProductionInstall;
}
