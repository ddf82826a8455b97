import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfile } from '../../bench/profile';
import { renderMarkdown, type Row, soakGrowth, writeResults } from '../../bench/report';

const MB = 1024 * 1024;
const row = (target: string, connections: number, rps: number, p99: number): Row => ({
  target,
  connections,
  rps,
  contactsPerSecond: rps,
  p50: p99 / 2,
  p99,
  requests: rps * 5,
  failures: 0,
  cpuPerRequest: 1e6 / rps,
});

describe('the bench report', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('states each target as met or not met from the ratios of the same run', () => {
    const markdown = renderMarkdown({
      command: 'npm run bench',
      settings: 'test',
      notes: ['gateway-bulk skipped'],
      gatewayPeakRss: 150 * MB,
      rows: [row('baseline', 16, 10000, 2), row('gateway', 16, 5000, 5), row('baseline', 64, 10000, 4), row('gateway', 64, 7000, 6)],
    });

    expect(markdown).toContain('gateway/baseline req/s at concurrency 64 ≥ 0.40: 0.70 — met');
    expect(markdown).toContain("gateway p99 at concurrency 16 ≤ 1.3× baseline's: 2.50× — NOT met");
    expect(markdown).toContain('gateway peak RSS < 200 MB (bulk cells included): 150.0 MB — met');
    expect(markdown).toContain('Note: gateway-bulk skipped');
    expect(markdown).not.toContain('Before and after');
  });

  it('puts a --before checkout next to this one in one table and checks the CPU and bulk targets against it', () => {
    const bulk = (target: string, connections: number, rps: number): Row => ({ ...row(target, connections, rps, 50), contactsPerSecond: rps * 100 });
    const markdown = renderMarkdown({
      command: 'npm run bench -- --before ../main',
      settings: 'test',
      notes: [],
      gatewayPeakRss: 180 * MB,
      beforePeakRss: 250 * MB,
      rows: [
        row('baseline', 64, 10000, 4),
        row('gateway', 64, 4000, 6),
        bulk('gateway-bulk', 64, 200),
        row('gateway (before)', 64, 3000, 8),
        bulk('gateway-bulk (before)', 64, 100),
      ],
    });
    expect(markdown).toContain('### Before and after (same run, alternating)');
    // req/s 3000 → 4000, gateway/baseline 0.30 → 0.40, CPU 333 → 250 µs/req (-25%).
    expect(markdown).toContain('| 64 | updateContact | 3000 | 4000 | 1.33 | 0.30 | 0.40 | 333 | 250 | -25% | 8.00 | 6.00 |');
    expect(markdown).toContain('| 64 | updateContacts ×100 (contacts/s) | 10000 | 20000 | 2.00 |');
    expect(markdown).toContain('(before: 250.0 MB)');
    expect(markdown).toContain('gateway CPU per request at concurrency 64 at least 25% lower than before: 25% lower — met');
    expect(markdown).toContain("bulk contacts/s at least 1.3× before's: 2.00× at concurrency 64 (c=64: 2.00×) — met");
  });

  it('lists the CPU change of each back-to-back round and meets the CPU target only when the pairs agree with the medians', () => {
    // A gateway that spends less CPU per request serves more: throughput in proportion, as on a saturated core.
    const cpu = (target: string, perRequest: number): Row => ({ ...row(target, 64, 1e6 / perRequest, 6), cpuPerRequest: perRequest });
    const report = (afterRounds: number[]) => {
      const beforeRounds = [400, 300, 200];
      const rounds = { 'gateway@64': afterRounds.map((c) => cpu('gateway', c)), 'gateway (before)@64': beforeRounds.map((c) => cpu('gateway (before)', c)) };
      return renderMarkdown({
        command: 'npm run bench -- --before ../main',
        settings: 'test',
        notes: [],
        gatewayPeakRss: 180 * MB,
        rows: [row('baseline', 64, 10000, 4), cpu('gateway', [...afterRounds].sort((a, b) => a - b)[1]!), cpu('gateway (before)', 300)],
        rounds,
      });
    };
    // Medians 300 → 210 (30% lower); pairs −30%, −30%, −30%.
    const agreeing = report([280, 210, 140]);
    expect(agreeing).toContain('| 64 | updateContact | -30%, -30%, -30% | -30% | 1.43×, 1.43×, 1.43× | 1.43× |');
    expect(agreeing).toContain('30% lower by the medians of the rounds, 30% by the median of the 3 back-to-back pairs — met');
    // Medians 300 → 220 (27% lower), but the pairs say −10%, −27%, +10% (the slow round of one met the fast of the other).
    const disagreeing = report([360, 220, 220]);
    expect(disagreeing).toContain('| 64 | updateContact | -10%, -27%, 10% | -10% | 1.11×, 1.36×, 0.91× | 1.11× |');
    expect(disagreeing).toContain('27% lower by the medians of the rounds, 10% by the median of the 3 back-to-back pairs — NOT met');
  });

  it('calls a soak flat when the late RSS is not above the early RSS, and growing otherwise', () => {
    const flat = Array.from({ length: 60 }, (_, i) => [i, (150 + (i % 2) * 10) * MB] as const);
    const growing = Array.from({ length: 60 }, (_, i) => [i, (100 + 2 * i) * MB] as const);

    expect(soakGrowth({ seconds: 60, rps: 1, p99: 1, failures: 0, samples: flat }).flat).toBe(true);
    expect(soakGrowth({ seconds: 60, rps: 1, p99: 1, failures: 0, samples: growing }).flat).toBe(false);
  });

  it('rewrites only the generated part of RESULTS.md and keeps the analysis around it', () => {
    const path = join(dir, 'RESULTS.md');
    writeFileSync(path, '# Results\n\nAnalysis before.\n');
    writeResults(path, 'first run');
    writeFileSync(path, readFileSync(path, 'utf8') + '\nAnalysis after.\n');
    writeResults(path, 'second run');

    const text = readFileSync(path, 'utf8');
    expect(text).toContain('Analysis before.');
    expect(text).toContain('Analysis after.');
    expect(text).toContain('second run');
    expect(text).not.toContain('first run');
  });

  it('summarises a CPU profile by area and by function, leaving idle time out', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: 0 }, children: [2, 3, 4] },
        { id: 2, callFrame: { functionName: '(idle)', url: '', lineNumber: 0 } },
        { id: 3, callFrame: { functionName: 'execute', url: 'file:///x/node_modules/graphql/execution/execute.js', lineNumber: 9 }, children: [5] },
        { id: 4, callFrame: { functionName: 'send', url: 'file:///x/dist/src/chatwoot/transport.js', lineNumber: 0 } },
        { id: 5, callFrame: { functionName: 'resolve', url: 'file:///x/dist/src/graphql/resolvers/contacts.js', lineNumber: 0 } },
      ],
      samples: [2, 2, 3, 3, 3, 4, 5, 5],
      timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
    };
    writeFileSync(join(dir, 'a.cpuprofile'), JSON.stringify(profile));

    const summary = summariseProfile(dir);

    expect(summary.busyMs).toBe(6);
    expect(summary.areas).toEqual([
      { area: 'graphql', percent: 50 },
      { area: 'gateway src/', percent: 50 },
    ]);
    expect(summary.stages).toEqual([{ stage: 'graphql execute', percent: 83.3 }, { stage: 'gateway upstream call (synchronous part)', percent: 16.7 }]);
  });

  it('counts only the samples of the measured window, and gives each area per request', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: 0 }, children: [2, 3] },
        { id: 2, callFrame: { functionName: 'compileFunction', url: 'node:internal/modules/cjs/loader', lineNumber: 0 } },
        { id: 3, callFrame: { functionName: 'send', url: 'file:///x/dist/src/chatwoot/transport.js', lineNumber: 0 } },
      ],
      // Start-up (module loading) at 1–3 ms, the measured load at 11–14 ms, shutdown at 20 ms.
      samples: [2, 2, 2, 3, 3, 3, 3, 2],
      timeDeltas: [1000, 1000, 1000, 8000, 1000, 1000, 1000, 6000],
      startTime: 5_000_000,
    };
    writeFileSync(join(dir, 'a.cpuprofile'), JSON.stringify(profile));

    const summary = summariseProfile(dir, { fromMicros: 5_010_500, toMicros: 5_014_500, requests: 2 });

    expect(summary.busyMs).toBe(11);
    expect(summary.requests).toBe(2);
    expect(summary.areas).toEqual([{ area: 'gateway src/', percent: 100, microsPerRequest: 5500 }]);
  });
});
