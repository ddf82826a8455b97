import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** The parts of a V8 .cpuprofile this summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
  /** When profiling started, in µs of the monotonic clock that process.hrtime also reads. */
  startTime: number;
}

/** What part of the profile to summarise, and how many requests were served in it. */
export interface ProfileWindow {
  /** The measured load's start and end, in µs of process.hrtime's clock (the same in every process). */
  readonly fromMicros: number;
  readonly toMicros: number;
  /** Requests the gateway answered in the window, to express times per request. */
  readonly requests: number;
}

export interface ProfileSummary {
  readonly file: string;
  /** Sampled milliseconds excluding idle time. */
  readonly busyMs: number;
  /** Requests answered in the summarised window, when one was given; times per request are then shown. */
  readonly requests?: number;
  /** Self time by area (a package, Node.js itself, the gateway's own source, GC), largest first. */
  readonly areas: Array<{ area: string; percent: number; microsPerRequest?: number }>;
  /** Self time by function, largest first. */
  readonly functions: Array<{ name: string; area: string; percent: number }>;
  /** Inclusive time of a few stages of a request, by function name. */
  readonly stages: Array<{ stage: string; percent: number }>;
}

/** Functions whose inclusive time shows how a request's time splits between stages (name, where, label). */
const STAGES: ReadonlyArray<readonly [string, string, string]> = [
  ['executeHTTPGraphQLRequest', '@apollo/server', 'Apollo executeHTTPGraphQLRequest (all of GraphQL, synchronous part)'],
  ['parse', 'graphql/language/parser', 'graphql parse'],
  ['validate', 'graphql/validation/validate', 'graphql validate'],
  ['execute', 'graphql/execution/execute', 'graphql execute'],
  ['parserOnHeadersComplete', 'node:_http_common', 'node:http request head parsing and dispatch'],
  ['readJsonBody', '/src/http/body', 'gateway request body reading'],
  ['send', '/src/chatwoot/transport', 'gateway upstream call (synchronous part)'],
];

function stageOf(functionName: string, url: string): string | undefined {
  return STAGES.find(([name, where]) => name === functionName && url.includes(where))?.[2];
}

/**
 * Summarises the newest .cpuprofile in `dir`: only the samples taken inside `window` when one is given, so that
 * start-up (module loading, the schema's SDL) and the warm-up do not count as the cost of a request.
 */
export function summariseProfile(dir: string, window?: ProfileWindow, top = 15): ProfileSummary {
  const file = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .pop();
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;

  const selfMs = new Map<number, number>();
  // timeDeltas[i] is the time from the previous sample to sample i, which is when sample i was taken.
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromMicros || at > window.toMicros)) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));

  const areas = new Map<string, number>();
  const functions = new Map<string, { name: string; area: string; ms: number }>();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || ms === 0) continue;
    busyMs += ms;
    const area = areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const key = `${functionName}|${url}|${lineNumber}`;
    const entry = functions.get(key) ?? { name: `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`, area, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }

  // Inclusive time: a node's own time plus its subtree's, counted once per stage even when it recurses.
  const inclusive = new Map<number, number>();
  const total = (id: number): number => {
    const cached = inclusive.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    const sum = (selfMs.get(id) ?? 0) + (node.children ?? []).reduce((acc, child) => acc + total(child), 0);
    inclusive.set(id, sum);
    return sum;
  };
  const stageMs = new Map<string, number>();
  const walk = (id: number, open: ReadonlySet<string>) => {
    const node = byId.get(id)!;
    const stage = stageOf(node.callFrame.functionName, node.callFrame.url);
    let inside = open;
    if (stage && !open.has(stage)) {
      stageMs.set(stage, (stageMs.get(stage) ?? 0) + total(id));
      inside = new Set([...open, stage]);
    }
    for (const child of node.children ?? []) walk(child, inside);
  };
  if (profile.nodes[0]) walk(profile.nodes[0].id, new Set());

  const percent = (ms: number) => Math.round((1000 * ms) / busyMs) / 10;
  const perRequest = (ms: number) => (window && window.requests > 0 ? Math.round((10_000 * ms) / window.requests) / 10 : undefined);
  return {
    file,
    busyMs,
    requests: window?.requests,
    areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, ms]) => ({ area, percent: percent(ms), microsPerRequest: perRequest(ms) })),
    functions: [...functions.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((f) => ({ name: f.name, area: f.area, percent: percent(f.ms) })),
    stages: [...stageMs].sort((a, b) => b[1] - a[1]).map(([stage, ms]) => ({ stage, percent: percent(ms) })),
  };
}

function areaOf(functionName: string, url: string): string {
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)' || url === '') return 'V8 / native';
  if (url.startsWith('node:')) return 'Node.js core';
  const modules = url.lastIndexOf(`node_modules${sep}`);
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split(sep);
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf(`${sep}src${sep}`);
  return src !== -1 ? 'gateway src/' : 'other';
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) return url.slice(modules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist !== -1 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}
