/**
 * `npm run bench`: what the gateway costs compared with calling Chatwoot directly and with the least a Node.js hop
 * can cost. Everything runs on 127.0.0.1, each server in its own process; every run is bounded in time and the bench
 * stops by itself. See bench/RESULTS.md for a recorded run and `npm run bench -- --help` for the flags.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drive, type RequestShape } from './load';
import { VARIANTS, variantAvailable } from './integrations';
import { type BenchServer, forkServer } from './processes';
import { summariseProfile } from './profile';
import { find, renderMarkdown, type Row, type SoakReport, writeResults } from './report';
import { BULK_ITEMS, bulkRequest, checkOnce, mutationRequest, patchRequest, type TargetName } from './scenarios';

const HELP = `npm run bench [-- flags]
  --duration S        seconds measured per target and concurrency (default 5)
  --warmup S          seconds of unmeasured warm-up before each measurement (default 1)
  --connections LIST  concurrency levels (default 1,16,64)
  --rounds N          repeat the alternating matrix N times and report the median of each cell (default 1)
  --soak              soak the gateway for 60 s at concurrency 64 (default: a 20 s soak)
  --soak-seconds S    soak length in seconds (0 skips the soak)
  --profile           also record a CPU profile of the gateway at the highest concurrency and summarise it
  --integrations      also measure Apollo's standalone and Fastify HTTP integrations against ours, and graphql-js
                      without Apollo (bench/integrations.ts)
  --before DIR        also measure the gateway of another checkout (DIR, compiled with \`npx tsc -p bench/tsconfig.json\`
                      there) as "gateway (before)" and "gateway-bulk (before)", alternating with this one in the
                      same rounds, and report before/after in one table
  --no-write          print only; leave bench/RESULTS.md alone`;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '1,16,64' },
    rounds: { type: 'string', default: '1' },
    soak: { type: 'boolean', default: false },
    'soak-seconds': { type: 'string' },
    profile: { type: 'boolean', default: false },
    integrations: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    before: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

interface Target {
  readonly name: TargetName | string;
  readonly server: BenchServer;
  readonly request: RequestShape;
  readonly items: number;
}

const seconds = (raw: string | undefined, name: string, max: number): number => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > max) throw new Error(`--${name} must be a number from 0 to ${max}`);
  return value;
};

async function main(): Promise<void> {
  if (values.help) {
    console.log(HELP);
    return;
  }
  const duration = seconds(values.duration, 'duration', 600) || 5;
  const warmup = seconds(values.warmup, 'warmup', 60);
  const rounds = Math.max(1, Math.floor(seconds(values.rounds, 'rounds', 20)));
  const levels = values.connections.split(',').map((c) => Math.floor(seconds(c, 'connections', 1024))).filter((c) => c > 0);
  const soakSeconds = seconds(values['soak-seconds'] ?? (values.soak ? '60' : '20'), 'soak-seconds', 3600);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const notes: string[] = [];
  const started: BenchServer[] = [];
  const fork = async (...args: Parameters<typeof forkServer>) => {
    const server = await forkServer(...args);
    started.push(server);
    return server;
  };
  // `npm start` passes Node no flags (the gateway sets its heap growth itself, src/memory.ts); BENCH_GATEWAY_FLAGS
  // measures it with some, e.g. the heap cap of earlier versions. The --before checkout runs without any.
  const gatewayFlags = (process.env.BENCH_GATEWAY_FLAGS ?? '').split(/\s+/).filter(Boolean);
  // Production mode, as the gateway is deployed, unless the caller says otherwise.
  const gatewayEnv = (upstream: string) => ({ BENCH_UPSTREAM_URL: upstream, NODE_ENV: process.env.NODE_ENV ?? 'production' });

  try {
    const fake = await fork('fake Chatwoot', 'fakeChatwoot');
    const baseline = await fork('baseline', 'baseline', { env: { BENCH_UPSTREAM_URL: fake.origin } });
    const gateway = await fork('gateway', 'gateway', { env: gatewayEnv(fake.origin), execArgv: gatewayFlags });
    const targets: Target[] = [
      { name: 'direct', server: fake, request: patchRequest, items: 1 },
      { name: 'baseline', server: baseline, request: patchRequest, items: 1 },
      { name: 'gateway', server: gateway, request: mutationRequest, items: 1 },
    ];
    if (gateway.facts.bulk) targets.push({ name: 'gateway-bulk', server: gateway, request: bulkRequest, items: BULK_ITEMS });
    else notes.push('gateway-bulk skipped: this build of the schema has no `updateContacts` mutation.');
    let before: BenchServer | undefined;
    if (values.before) {
      const dir = join(values.before, 'dist', 'bench');
      before = await fork('gateway (before)', 'gateway', { env: gatewayEnv(fake.origin), dir });
      // Each cell of the checkout right after the same cell of this one (swapped every other round, below): the VM's
      // speed drifts within a run, and a pair measured back to back sees nearly the same machine.
      const pairAfter = (name: TargetName, target: Target) => targets.splice(targets.findIndex((t) => t.name === name) + 1, 0, target);
      pairAfter('gateway', { name: 'gateway (before)', server: before, request: mutationRequest, items: 1 });
      if (before.facts.bulk && gateway.facts.bulk) pairAfter('gateway-bulk', { name: 'gateway-bulk (before)', server: before, request: bulkRequest, items: BULK_ITEMS });
    }
    if (values.integrations) {
      for (const variant of VARIANTS) {
        if (!variantAvailable(variant)) {
          notes.push(`gateway[${variant}] skipped: not installed here (see bench/integrations.ts).`);
          continue;
        }
        const server = await fork(`gateway[${variant}]`, 'integrations', { env: { ...gatewayEnv(fake.origin), BENCH_INTEGRATION: variant } });
        targets.push({ name: `gateway[${variant}]`, server, request: mutationRequest, items: 1 });
      }
    }
    for (const target of targets) await checkOnce(checkedAs(target.name), target.server.origin, target.request);

    const total = rounds * levels.length * targets.length * (duration + warmup);
    console.log(`Measuring ${targets.map((t) => t.name).join(', ')} at concurrency ${levels.join(', ')}, ${rounds} round(s): about ${Math.ceil(total + soakSeconds)} s.`);
    const samples = new Map<string, Row[]>();
    for (let round = 1; round <= rounds; round++) {
      for (const connections of levels) {
        for (const target of round % 2 === 0 ? swapPairs(targets) : targets) {
          if (warmup > 0) await drive(target.server.origin, target.request, connections, warmup);
          const cpuBefore = await target.server.cpuMicros();
          const result = await drive(target.server.origin, target.request, connections, duration);
          const cpuPerRequest = ((await target.server.cpuMicros()) - cpuBefore) / Math.max(1, result.requests);
          const row: Row = { ...result, cpuPerRequest, target: target.name, connections, contactsPerSecond: result.rps * target.items };
          const key = `${target.name}@${connections}`;
          samples.set(key, [...(samples.get(key) ?? []), row]);
          console.log(`  round ${round} c=${String(connections).padStart(3)} ${target.name.padEnd(22)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  cpu ${cpuPerRequest.toFixed(0)} µs/req${result.failures ? `  ${result.failures} FAILURES` : ''}`);
        }
      }
    }
    const rows = [...samples.values()].map(medianRow);

    let soak: SoakReport | undefined;
    if (soakSeconds > 0) soak = await runSoak(gateway, soakSeconds);
    const gatewayPeakRss = await gateway.peakRss();
    const beforePeakRss = before ? await before.peakRss() : undefined;

    let profile;
    if (values.profile) {
      const dir = join(__dirname, '..', '..', 'bench', '.tmp', 'profile');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const profiled = await fork('gateway (profiled)', 'gateway', { env: gatewayEnv(fake.origin), execArgv: [...gatewayFlags, '--cpu-prof', `--cpu-prof-dir=${dir}`] });
      const top = Math.max(...levels);
      await drive(profiled.origin, mutationRequest, top, warmup);
      const fromMicros = monotonicMicros();
      const measured = await drive(profiled.origin, mutationRequest, top, duration);
      const toMicros = monotonicMicros();
      await profiled.stop();
      profile = summariseProfile(dir, { fromMicros, toMicros, requests: measured.requests });
      console.log(`CPU profile written to ${join(dir, profile.file)} (open it in Chrome DevTools or speedscope).`);
    }

    const report = {
      command,
      settings: `${duration} s measured after ${warmup} s warm-up per cell, ${rounds} round(s) of ${
        before
          ? 'direct → baseline → gateway → gateway (before) → bulk → bulk (before) at each concurrency, each before/after pair in the other order every second round'
          : 'direct → baseline → gateway → bulk at each concurrency'
      }; median of rounds; autocannon, pipelining 1, keep-alive; each server in its own process; NODE_ENV=${gatewayEnv('').NODE_ENV} for the gateway`,
      rows,
      rounds: Object.fromEntries(samples),
      gatewayPeakRss,
      beforePeakRss,
      notes,
      soak,
      profile,
    };
    const markdown = renderMarkdown(report);
    console.log(`\n${markdown}\n`);
    if (!values['no-write']) {
      const path = join(__dirname, '..', '..', 'bench', 'RESULTS.md');
      writeResults(path, markdown);
      console.log(`Written to ${path}.`);
    }
    if (!find(rows, 'gateway', Math.max(...levels))) process.exitCode = 1;
  } finally {
    for (const server of started.reverse()) await server.stop();
  }
}

/** The targets with each `(before)` cell moved ahead of the cell it is paired with. */
function swapPairs(targets: readonly Target[]): Target[] {
  const swapped = [...targets];
  for (let i = 1; i < swapped.length; i++) {
    if (swapped[i]!.name === `${swapped[i - 1]!.name} (before)`) [swapped[i - 1], swapped[i]] = [swapped[i]!, swapped[i - 1]!];
  }
  return swapped;
}

/** Which scenario check a target gets: the variants and the before checkout are checked like the gateway they stand for. */
function checkedAs(name: string): TargetName {
  if (name.startsWith('gateway[')) return 'gateway';
  return name.replace(' (before)', '') as TargetName;
}

/** Now on the monotonic clock that V8's profiles are stamped with, in µs. */
function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Drives the gateway at concurrency 64 for `seconds`, sampling its RSS once a second. */
async function runSoak(gateway: BenchServer, seconds: number): Promise<SoakReport> {
  console.log(`Soak: gateway at concurrency 64 for ${seconds} s, RSS sampled every second.`);
  const samples: Array<[number, number]> = [];
  const start = Date.now();
  const timer = setInterval(() => {
    gateway.rss().then(
      (rss) => samples.push([Math.round((Date.now() - start) / 1000), rss]),
      () => undefined,
    );
  }, 1000);
  try {
    const result = await drive(gateway.origin, mutationRequest, 64, seconds);
    return { seconds, rps: result.rps, p99: result.p99, failures: result.failures, samples };
  } finally {
    clearInterval(timer);
  }
}

/** The median of each measure over the rounds; failures are summed so that none is hidden. */
function medianRow(rows: Row[]): Row {
  const mid = (pick: (row: Row) => number) => {
    const sorted = rows.map(pick).sort((a, b) => a - b);
    const m = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
  };
  const first = rows[0]!;
  return {
    target: first.target,
    connections: first.connections,
    rps: mid((r) => r.rps),
    contactsPerSecond: mid((r) => r.contactsPerSecond),
    p50: mid((r) => r.p50),
    p99: mid((r) => r.p99),
    cpuPerRequest: mid((r) => r.cpuPerRequest ?? NaN),
    requests: rows.reduce((sum, r) => sum + r.requests, 0),
    failures: rows.reduce((sum, r) => sum + r.failures, 0),
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
