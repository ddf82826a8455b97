import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { productionInstall, ROOT } from './production';

/** One Dockerfile instruction, continuation lines joined. */
interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Splits a Dockerfile into stages (enough of the format for this file: no heredocs, no parser directives used). */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else {
      const stage = stages[stages.length - 1];
      if (!stage) throw new Error(`instruction before FROM: ${line}`);
      stage.instructions.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') });
    }
  }
  return stages;
}

const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const install = productionInstall();
const [build, runtime] = dockerfile;
const all = (stage: Stage | undefined, keyword: string) => stage?.instructions.filter((i) => i.keyword === keyword).map((i) => i.args) ?? [];

describe('Dockerfile', () => {
  it('has a build stage and a runtime stage on the Node.js major version package.json requires', () => {
    expect(dockerfile.map((s) => s.name)).toEqual(['build', 'runtime']);
    const major = /node\s*":\s*">=(\d+)/.exec(readFileSync(join(ROOT, 'package.json'), 'utf8').replace(/\n/g, ' '))?.[1];
    for (const stage of dockerfile) expect(stage.from).toMatch(new RegExp(`^node:${major}\\.`));
  });

  it('builds with exactly the commands the production-install test runs, in order', () => {
    expect(all(build, 'RUN')).toEqual(install.build);
  });

  it('copies only the runtime files from the build stage and installs nothing at run time', () => {
    const copies = all(runtime, 'COPY').map((args) => {
      const [, source, target] = /^--from=build(?: --chown=\S+)? \/app\/(\S+) \.\/(\S+)$/.exec(args) ?? [];
      expect(source).toBe(target);
      return source;
    });
    expect(copies).toEqual(install.runtimeFiles);
    expect(all(runtime, 'RUN')).toEqual([]);
  });

  it('runs node directly in exec form (SIGTERM reaches the gateway), as a non-root user, in production mode', () => {
    expect(JSON.parse(all(runtime, 'CMD')[0]!)).toEqual(install.start);
    expect(all(runtime, 'ENTRYPOINT')).toEqual([]);
    const user = all(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    // Like `npm start` (package.json), the image passes Node no flags: the gateway sizes its heap growth itself
    // (src/memory.ts), and a heap cap in NODE_OPTIONS would bring back its measured CPU and latency cost.
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start.split(/\s+/).filter((word) => word.startsWith('--'))).toEqual([]);
    expect(env).not.toMatch(/NODE_OPTIONS/);
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    const port = /\bPORT=(\d+)\b/.exec(env)?.[1];
    expect(all(runtime, 'EXPOSE')).toEqual([port]);
  });

  it('checks /healthz with node, on the port from PORT, without curl', () => {
    const [healthcheck] = all(runtime, 'HEALTHCHECK');
    const exec = /\bCMD (\[.*\])$/.exec(healthcheck ?? '')?.[1];
    const argv = JSON.parse(exec ?? 'null') as string[];
    expect(argv[0]).toBe('node');
    expect(argv.join(' ')).toContain('/healthz');
    expect(argv.join(' ')).toContain('process.env.PORT');
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  it('.dockerignore keeps secrets, the git history and local builds out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', '.env', '.env.*']));
  });
});
