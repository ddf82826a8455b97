#!/usr/bin/env node
/**
 * `prestart`: compile src/ into dist/ when TypeScript is installed and dist/ is missing or older than a source file;
 * otherwise do nothing.
 *
 * Why not `tsc` in `prestart` (as before): a production install has no TypeScript on purpose (it builds in a separate
 * step, `npm run build`, then prunes the devDependencies), so an unconditional build made `npm start` fail there.
 * Why not a build on `prepare`: `npm ci --omit=dev` runs `prepare` too, and every `npm ci` in CI would compile for
 * nothing. A newcomer's `npm install && npm start` still builds, and a developer who edits src/ gets a fresh build on
 * the next `npm start`.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// tsc rewrites every output, so the entry point's time is the time of the last build.
const main = join(root, 'dist', 'src', 'main.js');

/** The newest modification time (ms) of any file under dir, 0 when dir does not exist. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function tscPath() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    return null;
  }
}

const built = existsSync(main);
const sources = ['src', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, p));
const stale = !built || Math.max(...sources.map((p) => (existsSync(p) && statSync(p).isFile() ? statSync(p).mtimeMs : newest(p)))) > statSync(main).mtimeMs;
if (!stale) process.exit(0);

const tsc = tscPath();
if (!tsc) {
  if (built) process.exit(0);
  console.error(
    'dist/ has not been built and TypeScript is not installed (a production install without devDependencies).\n' +
      'Build first with `npm ci && npm run build`, then `npm prune --omit=dev` (README "Deploying").',
  );
  process.exit(1);
}
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
