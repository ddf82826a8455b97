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
  readonly notes: readonly string[];
  readonly soak?: SoakReport;
  readonly profile?: ProfileSummary;
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
  out.push('', `Peak RSS of the gateway process over the whole run (VmHWM): **${mb(report.gatewayPeakRss)}**.`);

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
  out.push(`- gateway/baseline req/s at concurrency 64 ≥ 0.6: ${fmt(throughput ?? NaN, 2)} — ${check(throughput === undefined ? undefined : throughput >= 0.6)}`);
  out.push(`- gateway p99 at concurrency 16 ≤ 2× baseline's: ${fmt(latency ?? NaN, 2)}× — ${check(latency === undefined ? undefined : latency <= 2)}`);
  out.push(`- gateway peak RSS < 200 MB: ${mb(report.gatewayPeakRss)} — ${check(report.gatewayPeakRss < 200 * MB)}`);
  if (report.soak) {
    const growth = soakGrowth(report.soak);
    out.push(`- RSS flat over the ${report.soak.seconds} s soak: ${growth.text} — ${check(growth.flat)}`);
  }

  if (report.soak) out.push('', ...renderSoak(report.soak));
  if (report.profile) out.push('', ...renderProfile(report.profile));
  return out.join('\n');
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
  out.push('Self time by area:', '', '| area | % of busy time |', '| --- | ---: |');
  for (const a of profile.areas.slice(0, 12)) out.push(`| ${a.area} | ${fmt(a.percent, 1)} |`);
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

