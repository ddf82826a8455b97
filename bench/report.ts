import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { LoadResult } from './load';
import type { ProfileSummary } from './profile';
import type { TargetName } from './scenarios';

export interface Row extends LoadResult {
  readonly target: string;
  readonly connections: number;
  /** Contacts updated per second (req/s times the items in one request). */
  readonly contactsPerSecond: number;
}

export interface SoakReport {
  readonly seconds: number;
  readonly rps: number;
  readonly p99: number;
  readonly failures: number;
  /** [second, RSS bytes] samples. */
  readonly samples: ReadonlyArray<readonly [number, number]>;
}

export interface RunReport {
  readonly command: string;
  readonly settings: string;
  readonly rows: readonly Row[];
  readonly gatewayPeakRss: number;
  /** Peak RSS of the `--before` checkout's gateway, when one was measured. */
  readonly beforePeakRss?: number;
  readonly notes: readonly string[];
  readonly soak?: SoakReport;
  readonly profile?: ProfileSummary;
  /** Every round's row of each cell, in round order, keyed `target@connections`: pairs the before/after rounds. */
  readonly rounds?: Readonly<Record<string, readonly Row[]>>;
}

const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const mb = (bytes: number) => `${fmt(bytes / MB, 1)} MB`;

export function find(rows: readonly Row[], target: TargetName | string, connections: number): Row | undefined {
  return rows.find((row) => row.target === target && row.connections === connections);
}

/** The results as Markdown: the table, the ratios, the targets, the soak and the profile. */
export function renderMarkdown(report: RunReport): string {
  const { rows } = report;
  const levels = [...new Set(rows.map((r) => r.connections))];
  const out: string[] = [];
  out.push(`- Date: ${new Date().toISOString()}`);
  out.push(`- Node.js ${process.version} on ${process.platform}/${process.arch}, ${availableParallelism()} CPUs`);
  out.push(`- Command: \`${report.command}\``);
  out.push(`- Settings: ${report.settings}`);
  for (const note of report.notes) out.push(`- Note: ${note}`);
  out.push('', '### Throughput and latency', '');
  out.push('| conc. | target | req/s | contacts/s | p50 ms | p99 ms | server CPU µs/req | failures |');
  out.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    out.push(`| ${r.connections} | ${r.target} | ${fmt(r.rps)} | ${fmt(r.contactsPerSecond)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.cpuPerRequest ?? NaN)} | ${r.failures} |`);
  }
  out.push('', '"server CPU µs/req" is the CPU time of the process under test (the fake for direct, the proxy for baseline, the gateway) divided by the requests it served: what one request costs that process, whatever else the machine was doing.');
  out.push('', `Peak RSS of the gateway process over the whole run (VmHWM): **${mb(report.gatewayPeakRss)}**${report.beforePeakRss ? ` (before: ${mb(report.beforePeakRss)})` : ''}.`);
  const comparison = renderBeforeAfter(rows, levels, report.rounds);
  if (comparison.length) out.push('', ...comparison);

  out.push('', '### Ratios (same run)', '');
  out.push('| conc. | gateway/baseline req/s | gateway/direct req/s | baseline/direct req/s | gateway/baseline p99 | baseline/gateway CPU per req | bulk contacts/s ÷ gateway contacts/s |');
  out.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const c of levels) {
    const [d, b, g, k] = (['direct', 'baseline', 'gateway', 'gateway-bulk'] as const).map((t) => find(rows, t, c));
    const ratio = (x?: number, y?: number) => (x && y ? fmt(x / y, 2) : '–');
    out.push(`| ${c} | ${ratio(g?.rps, b?.rps)} | ${ratio(g?.rps, d?.rps)} | ${ratio(b?.rps, d?.rps)} | ${ratio(g?.p99, b?.p99)} | ${ratio(b?.cpuPerRequest, g?.cpuPerRequest)} | ${ratio(k?.contactsPerSecond, g?.contactsPerSecond)} |`);
  }

  out.push('', '### Targets', '');
  const check = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
  const g64 = find(rows, 'gateway', 64);
  const b64 = find(rows, 'baseline', 64);
  const g16 = find(rows, 'gateway', 16);
  const b16 = find(rows, 'baseline', 16);
  const throughput = g64 && b64 ? g64.rps / b64.rps : undefined;
  const latency = g16 && b16 ? g16.p99 / b16.p99 : undefined;
  out.push(`- gateway/baseline req/s at concurrency 64 ≥ 0.40: ${fmt(throughput ?? NaN, 2)} — ${check(throughput === undefined ? undefined : throughput >= 0.4)}`);
  out.push(`- gateway p99 at concurrency 16 ≤ 1.3× baseline's: ${fmt(latency ?? NaN, 2)}× — ${check(latency === undefined ? undefined : latency <= 1.3)}`);
  out.push(`- gateway peak RSS < 200 MB (bulk cells included): ${mb(report.gatewayPeakRss)} — ${check(report.gatewayPeakRss < 200 * MB)}`);
  const before64 = find(rows, 'gateway (before)', 64);
  if (before64 && g64 && before64.cpuPerRequest && g64.cpuPerRequest) {
    const cut = 1 - g64.cpuPerRequest / before64.cpuPerRequest;
    const paired = pairedCpuChanges(report.rounds, 'gateway', 64);
    if (paired.length === 0) {
      out.push(`- gateway CPU per request at concurrency 64 at least 25% lower than before: ${fmt(cut * 100)}% lower — ${check(cut >= 0.25)}`);
    } else {
      // Met only when both estimates agree: the medians of each gateway's rounds, and the median of the pairs.
      const pairedCut = -median(paired);
      out.push(
        `- gateway CPU per request at concurrency 64 at least 25% lower than before: ${fmt(cut * 100)}% lower by the medians of the rounds, ` +
          `${fmt(pairedCut * 100)}% by the median of the ${paired.length} back-to-back pairs — ${check(cut >= 0.25 && pairedCut >= 0.25)}`,
      );
    }
  }
  const bulkGain = bestBulkGain(rows, levels);
  if (bulkGain !== undefined) out.push(`- bulk contacts/s at least 1.3× before's: ${fmt(bulkGain.ratio, 2)}× at concurrency ${bulkGain.connections} (${bulkGain.text}) — ${check(bulkGain.all)}`);
  if (report.soak) {
    const growth = soakGrowth(report.soak);
    out.push(`- RSS flat over the ${report.soak.seconds} s soak: ${growth.text} — ${check(growth.flat)}`);
  }

  if (report.soak) out.push('', ...renderSoak(report.soak));
  if (report.profile) out.push('', ...renderProfile(report.profile));
  return out.join('\n');
}

/** Before and after in one table, for runs with `--before`: the same cells of both gateways, from the same rounds. */
function renderBeforeAfter(rows: readonly Row[], levels: readonly number[], rounds?: RunReport['rounds']): string[] {
  if (!rows.some((r) => r.target === 'gateway (before)')) return [];
  const out = ['### Before and after (same run, alternating)', ''];
  out.push('| conc. | scenario | req/s before | req/s after | after/before | gateway/baseline before | gateway/baseline after | CPU µs/req before | CPU µs/req after | CPU change | p99 ms before | p99 ms after |');
  out.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const c of levels) {
    const baseline = find(rows, 'baseline', c);
    for (const [scenario, after, before] of [
      ['updateContact', find(rows, 'gateway', c), find(rows, 'gateway (before)', c)],
      ['updateContacts ×100 (contacts/s)', find(rows, 'gateway-bulk', c), find(rows, 'gateway-bulk (before)', c)],
    ] as const) {
      if (!after || !before) continue;
      const perItem = scenario.startsWith('updateContacts');
      const a = perItem ? after.contactsPerSecond : after.rps;
      const b = perItem ? before.contactsPerSecond : before.rps;
      const vsBaseline = (r: Row) => (!perItem && baseline ? fmt(r.rps / baseline.rps, 2) : '–');
      const cpuChange = after.cpuPerRequest && before.cpuPerRequest ? `${fmt((after.cpuPerRequest / before.cpuPerRequest - 1) * 100)}%` : '–';
      out.push(`| ${c} | ${scenario} | ${fmt(b)} | ${fmt(a)} | ${fmt(a / b, 2)} | ${vsBaseline(before)} | ${vsBaseline(after)} | ${fmt(before.cpuPerRequest ?? NaN)} | ${fmt(after.cpuPerRequest ?? NaN)} | ${cpuChange} | ${fmt(before.p99, 2)} | ${fmt(after.p99, 2)} |`);
    }
  }
  const pairs: string[] = [];
  for (const c of levels) {
    for (const [scenario, target] of [['updateContact', 'gateway'], ['updateContacts', 'gateway-bulk']] as const) {
      const changes = pairedCpuChanges(rounds, target, c);
      if (changes.length === 0) continue;
      const speedups = pairedThroughputRatios(rounds, target, c);
      const percent = (change: number) => `${fmt(change * 100)}%`;
      const times = (ratio: number) => `${fmt(ratio, 2)}×`;
      pairs.push(
        `| ${c} | ${scenario} | ${changes.map(percent).join(', ')} | ${percent(median(changes))} | ${speedups.map(times).join(', ')} | ${times(median(speedups))} |`,
      );
    }
  }
  if (pairs.length) {
    out.push('', 'Each back-to-back pair, in round order: CPU per request (after ÷ before − 1) and throughput (after ÷ before; contacts/s for bulk):', '');
    out.push('| conc. | scenario | CPU, each round | CPU, median | throughput, each round | throughput, median |', '| ---: | --- | --- | ---: | --- | ---: |', ...pairs);
  }
  return out;
}

/** The rows of the rounds where both gateways were measured, after and before, in round order. */
function pairedRounds(rounds: RunReport['rounds'], target: string, connections: number): Array<readonly [Row, Row]> {
  const after = rounds?.[`${target}@${connections}`] ?? [];
  const before = rounds?.[`${target} (before)@${connections}`] ?? [];
  return after.slice(0, before.length).map((row, i) => [row, before[i]!] as const);
}

/** after ÷ before of the throughput of each round (contacts/s, which is req/s for single-contact requests). */
function pairedThroughputRatios(rounds: RunReport['rounds'], target: string, connections: number): number[] {
  return pairedRounds(rounds, target, connections)
    .filter(([a, b]) => a.contactsPerSecond > 0 && b.contactsPerSecond > 0)
    .map(([a, b]) => a.contactsPerSecond / b.contactsPerSecond);
}

/** after ÷ before − 1 of the CPU per request of each round, for the rounds where both were measured. */
function pairedCpuChanges(rounds: RunReport['rounds'], target: string, connections: number): number[] {
  return pairedRounds(rounds, target, connections)
    .filter(([a, b]) => a.cpuPerRequest && b.cpuPerRequest)
    .map(([a, b]) => a.cpuPerRequest! / b.cpuPerRequest! - 1);
}

/** Bulk contacts/s after ÷ before at each concurrency; met when every level reaches 1.3×. */
function bestBulkGain(rows: readonly Row[], levels: readonly number[]): { ratio: number; connections: number; all: boolean; text: string } | undefined {
  const gains = levels
    .map((c) => ({ c, after: find(rows, 'gateway-bulk', c), before: find(rows, 'gateway-bulk (before)', c) }))
    .filter((g) => g.after && g.before && g.before.contactsPerSecond > 0)
    .map((g) => ({ connections: g.c, ratio: g.after!.contactsPerSecond / g.before!.contactsPerSecond }));
  if (gains.length === 0) return undefined;
  const lowest = gains.reduce((x, y) => (y.ratio < x.ratio ? y : x));
  return {
    ...lowest,
    all: gains.every((g) => g.ratio >= 1.3),
    text: gains.map((g) => `c=${g.connections}: ${fmt(g.ratio, 2)}×`).join(', '),
  };
}

/**
 * Flat means the second half of the soak does not sit higher than the first: the median RSS of the last quarter
 * is within 10% (and 20 MB) of the median of the second quarter. The first quarter is left out as warm-up.
 */
export function soakGrowth(soak: SoakReport): { flat: boolean; text: string } {
  const values = soak.samples.map(([, rss]) => rss);
  const quarter = Math.max(1, Math.floor(values.length / 4));
  const early = median(values.slice(quarter, 2 * quarter));
  const late = median(values.slice(values.length - quarter));
  const growth = late - early;
  const flat = growth <= Math.max(0.1 * early, 20 * MB);
  return { flat, text: `${mb(early)} in the second quarter → ${mb(late)} in the last quarter (${growth >= 0 ? '+' : ''}${fmt(growth / MB, 1)} MB)` };
}

function renderSoak(soak: SoakReport): string[] {
  const out = [`### Soak: gateway at concurrency 64 for ${soak.seconds} s`, ''];
  out.push(`${fmt(soak.rps)} req/s, p99 ${fmt(soak.p99, 2)} ms, ${soak.failures} failures. RSS sampled every second:`, '');
  const step = Math.max(1, Math.round(soak.samples.length / 12));
  const picked = soak.samples.filter((_, i) => i % step === 0 || i === soak.samples.length - 1);
  out.push(`| ${picked.map(([s]) => `${s} s`).join(' | ')} |`);
  out.push(`| ${picked.map(() => '---:').join(' | ')} |`);
  out.push(`| ${picked.map(([, rss]) => fmt(rss / MB, 1)).join(' | ')} |`);
  out.push('', `(MB) ${soakGrowth(soak).text}.`);
  return out;
}

function renderProfile(profile: ProfileSummary): string[] {
  const out = [`### CPU profile of the gateway at the highest concurrency (${profile.file}, ${fmt(profile.busyMs)} ms busy)`, ''];
  const perRequest = profile.requests !== undefined;
  if (perRequest) out.push(`Only the measured load counts (not start-up or warm-up): ${fmt(profile.requests!)} requests.`, '');
  out.push('Self time by area:', '', `| area | % of busy time |${perRequest ? ' µs per request |' : ''}`, `| --- | ---: |${perRequest ? ' ---: |' : ''}`);
  for (const a of profile.areas.slice(0, 12)) {
    out.push(`| ${a.area} | ${fmt(a.percent, 1)} |${perRequest ? ` ${fmt(a.microsPerRequest ?? 0, 1)} |` : ''}`);
  }
  out.push('', 'Inclusive time of request stages (synchronous parts only; awaits are not counted):', '', '| stage | % of busy time |', '| --- | ---: |');
  for (const s of profile.stages) out.push(`| ${s.stage} | ${fmt(s.percent, 1)} |`);
  out.push('', 'Top functions by self time:', '', '| function | area | % |', '| --- | --- | ---: |');
  for (const f of profile.functions) out.push(`| \`${f.name.replace(/\|/g, '\\|')}\` | ${f.area} | ${fmt(f.percent, 1)} |`);
  return out;
}

const START = '<!-- bench:start (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

/**
 * Writes the generated part of RESULTS.md between its markers, keeping the hand-written analysis around it.
 * A file without markers gets a fresh generated section at its end.
 */
export function writeResults(path: string, markdown: string): void {
  const block = `${START}\n${markdown}\n${END}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n\n';
  const start = current.indexOf(START.slice(0, 20));
  const end = current.indexOf(END);
  const next = start !== -1 && end > start ? current.slice(0, start) + block + current.slice(end + END.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

