/** The benchmark's one table (and the targets of issue 5), as Markdown for docs/benchmarks.md. */
import { relativeSpeeds, type CoreSpeed } from './calibration.ts';
import type { AdminMeasurement } from './admin.ts';

export interface Measurement {
  contestant: string;
  scenario: string;
  label: string;
  connections: number;
  problem?: string;
  perSecond?: number;
  /** Each round's throughput, in round order (rounds.ts). */
  perSecondByRound?: number[];
  p50?: number;
  p95?: number;
  p99?: number;
  apiCpuMs?: number;
  pgCpuMs?: number;
  statements?: number;
  rssMb?: number;
  peakMb?: number;
  failures?: number;
  operations?: number;
}

export interface SingleTiming {
  id: string;
  label: string;
  runs: number[];
  problem: string | undefined;
  targetMs: number | undefined;
}

interface ReportInput {
  started: Date;
  machine: { cores: number; cpuModel: string; memoryGb: number; postgres: string; commit: string; dirty: boolean; loadAtStart: string; node: string };
  settings: {
    customers: number;
    seconds: number;
    warmupSeconds: number;
    /** Turns each contestant took per scenario and connection count (rounds.ts). */
    rounds: number;
    connections: number[];
    quick: boolean;
    pinning: boolean;
    postgres: Record<string, string>;
    generation: { seconds: number; perSecond: number } | undefined;
  };
  measurements: Measurement[];
  privacy: SingleTiming[];
  /** The admin app in headless Chromium (scenario `admin`), when it ran. */
  admin?: AdminMeasurement;
  /** The fixed work timed on each core at the start and after each scenario (calibration.ts). */
  speeds?: CoreSpeed[];
}

const CONTESTANTS: Record<string, string> = {
  floor: 'floor (node:http + pg)',
  postgraphile: 'PostGraphile 5',
  ours: 'ours (rules + audit on)',
  'ours-rules-off': 'ours (rules + audit off)',
};

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));
const total = (m: Measurement | undefined) => (m?.apiCpuMs === undefined || m.pgCpuMs === undefined ? undefined : m.apiCpuMs + m.pgCpuMs);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
const times = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(2)}×`);

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The speed of each core at each time it was timed, as a percentage of the fastest seen. */
export function coreSpeedLine(speeds: CoreSpeed[], pinning: boolean): string {
  const relative = relativeSpeeds(speeds);
  const parts = speeds.map((speed, index) => `${speed.label} ${relative[index]!.map((value) => value.toFixed(0)).join(' / ')} %`);
  const cores = pinning ? 'core 0 / core 1' : 'any core';
  const slowest = Math.min(...relative.flat());
  const verdict =
    slowest < 85
      ? `; **the machine was slower at times during this run (down to ${slowest.toFixed(0)} %): the contestants took turns, so such a spell met all of them, but the absolute figures of that scenario are lower**`
      : '; steady within 15 % throughout';
  return `(a fixed piece of work, an integer loop and random reads over 4 MB, timed on each core at the start and after each scenario, ${cores}, 100 % = the fastest seen in this run; a sample of a moment, not of the whole measurement): ${parts.join('; ')}${verdict}`;
}

export function report(input: ReportInput): string {
  const { machine, settings, measurements } = input;
  const find = (contestant: string, scenario: string, connections: number) =>
    measurements.find((m) => m.contestant === contestant && m.scenario === scenario && m.connections === connections && !m.problem);
  const scenarioIds = [...new Set(measurements.map((m) => m.scenario))];
  const lines: string[] = [];
  const add = (line = '') => lines.push(line);

  add('# Benchmarks');
  add();
  add(`Written by \`npm run bench${settings.quick ? ' -- --quick' : ''}\` (apps/bench); the numbers below are that run's. See the README's "Benchmarks" section for what is measured and how.`);
  add();
  add(`- **Date**: ${input.started.toISOString()}`);
  add(`- **Commit**: ${machine.commit}${machine.dirty ? ' (with uncommitted changes in the work tree)' : ''}`);
  add(`- **Machine**: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB memory, Node ${machine.node}, ${machine.postgres}`);
  add(`- **Load average when the run started**: ${machine.loadAtStart} (other work on the machine shows here; on 2 cores anything above ~2 means the run shared the CPUs)`);
  add(`- **Register**: ${settings.customers.toLocaleString('en-US')} generated customers (\`register generate --seed 1\`)${settings.generation ? `; generated in this run in ${settings.generation.seconds.toFixed(0)} s${settings.generation.perSecond ? `, ${Math.round(settings.generation.perSecond).toLocaleString('en-US')} customers/s with indexes` : ''}` : ', reused from an earlier run'}`);
  add(
    `- **Load**: autocannon 9.0.0, ${settings.connections.join(' and ')} connections, ${settings.seconds} s measured per scenario and contestant` +
      (settings.rounds > 1
        ? ` in ${settings.rounds} turns of ${(settings.seconds / settings.rounds).toFixed(1)} s: the contestants take turns, each round starting with the next one, so that a slower spell of the machine meets all of them alike; a ${settings.warmupSeconds} s warm-up before the first turn and ${Math.min(1, settings.warmupSeconds)} s before each later one, every response checked for errors`
        : `, after a ${settings.warmupSeconds} s warm-up (every response checked for errors); the contestants one after another per scenario`),
  );
  add(`- **Pinning**: ${settings.pinning ? 'the servers under test on core 0 (all running, only the one whose turn it is under load); PostgreSQL (postmaster and backends) and the load generator on core 1 (taskset)' : 'none (fewer than 2 cores)'}`);
  if (input.speeds && input.speeds.length > 0) add(`- **Core speed** ${coreSpeedLine(input.speeds, settings.pinning)}`);
  add(`- **PostgreSQL settings** (a server of the benchmark's own): ${Object.entries(settings.postgres).filter(([name]) => !['listen_addresses', 'unix_socket_directories'].includes(name)).map(([name, value]) => `${name}=${value}`).join(', ')}`);
  add(`- **Contestants**: each with a pool of 10 connections; ours as the \`service\` user with a session cookie (sessions as the API serves them: looked up, then answered from memory for up to SESSION_CACHE_SECONDS=5 while it listens for access changes), NODE_ENV=development, LOG_LEVEL=warn; "rules off" is BENCH_DISABLE_RULES=true (no field rules, no audit of reads; refused in production)`);
  add();
  add('An operation is one scenario request (our API reads contracts and SIM cards through `Customer.contracts`, in the same request). CPU per operation is the server process\'s user+system time and PostgreSQL\'s (postmaster and all its processes) over the measured seconds, divided by the operations; SQL is pg_stat_statements calls per operation (session look-up, audit writes, BEGIN/COMMIT included).');
  add();
  add('## Results');
  add();
  add('| scenario | contestant | conn. | op/s | op/s by turn | p50 ms | p95 ms | p99 ms | CPU ms/op server | CPU ms/op PostgreSQL | CPU ms/op total | SQL/op | RSS MB (peak) | failed |');
  add('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const scenario of scenarioIds) {
    for (const m of measurements.filter((x) => x.scenario === scenario)) {
      if (m.problem) {
        add(`| ${m.scenario} | ${CONTESTANTS[m.contestant] ?? m.contestant} | ${m.connections} | not measured: ${m.problem.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 200)} |${' – |'.repeat(10)}`);
        continue;
      }
      add(
        `| ${m.scenario} | ${CONTESTANTS[m.contestant] ?? m.contestant} | ${m.connections} | ${fixed(m.perSecond, 0)} | ${m.perSecondByRound?.map((value) => value.toFixed(0)).join(' / ') ?? '–'} | ${fixed(m.p50)} | ${fixed(m.p95)} | ${fixed(m.p99)} | ${fixed(m.apiCpuMs, 3)} | ${fixed(m.pgCpuMs, 3)} | ${fixed(total(m), 3)} | ${fixed(m.statements)} | ${fixed(m.rssMb, 0)} (${fixed(m.peakMb, 0)}) | ${m.failures ?? 0} |`,
      );
    }
  }
  const missingPeer = scenarioIds.filter((s) => !measurements.some((m) => m.contestant === 'postgraphile' && m.scenario === s));
  if (missingPeer.length > 0 && measurements.some((m) => m.contestant === 'postgraphile')) {
    add();
    add(`PostGraphile has no row for ${missingPeer.join(', ')}: without plugins it filters only by equality on indexed columns, so e-mail (indexed as lower(email)) and name-prefix search have no counterpart there.`);
  }

  add();
  add('## Ratios');
  add();
  add('CPU is the total per operation (server + PostgreSQL); below 1.00× ours is cheaper or faster.');
  add();
  add('| scenario | conn. | CPU ours ÷ floor | op/s ours ÷ floor | CPU ours ÷ PostGraphile | op/s ours ÷ PostGraphile | CPU rules on ÷ off |');
  add('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const scenario of scenarioIds) {
    for (const c of settings.connections) {
      const ours = find('ours', scenario, c);
      const floor = find('floor', scenario, c);
      const peer = find('postgraphile', scenario, c);
      const off = find('ours-rules-off', scenario, c);
      add(`| ${scenario} | ${c} | ${times(ratio(total(ours), total(floor)))} | ${times(ratio(ours?.perSecond, floor?.perSecond))} | ${times(ratio(total(ours), total(peer)))} | ${times(ratio(ours?.perSecond, peer?.perSecond))} | ${times(ratio(total(ours), total(off)))} |`);
    }
  }

  add();
  add('## Targets of issue 5');
  add();
  add('| target | measured | verdict |');
  add('| --- | --- | --- |');
  const verdict = (value: number | undefined, limit: number, higherIsBetter: boolean, unit: (v: number) => string) => {
    if (value === undefined || Number.isNaN(value)) return 'not measured';
    const met = higherIsBetter ? value >= limit : value <= limit;
    if (met) return 'met';
    return `missed: ${unit(value)} against ${unit(limit)}${higherIsBetter ? `, ${((value / limit) * 100).toFixed(0)} % of it` : `, ${(value / limit).toFixed(1)}× the limit`}`;
  };
  for (const c of settings.connections) {
    const r = ratio(total(find('ours', 'by-id', c)), total(find('postgraphile', 'by-id', c)));
    add(`| by id: total CPU/request ≤ 1.0× PostGraphile's (c=${c}) | ${times(r)} | ${verdict(r, 1, false, (v) => `${v.toFixed(2)}×`)} |`);
  }
  const p99 = find('ours', 'by-id', 50)?.p99;
  add(`| by id: p99 < 50 ms at 50 connections | ${fixed(p99)} ms | ${verdict(p99, 50, false, (v) => `${v.toFixed(1)} ms`)} |`);
  for (const scenario of scenarioIds.filter((s) => s.startsWith('page@'))) {
    for (const c of settings.connections) {
      const r = ratio(find('ours', scenario, c)?.perSecond, find('floor', scenario, c)?.perSecond);
      add(`| ${scenario}: ≥ 0.8× the floor's pages/s (c=${c}) | ${times(r)} | ${verdict(r, 0.8, true, (v) => `${v.toFixed(2)}×`)} |`);
    }
  }
  for (const scenario of scenarioIds) {
    const r = ratio(total(find('ours', scenario, settings.connections[0]!)), total(find('ours-rules-off', scenario, settings.connections[0]!)));
    if (r === undefined) continue;
    const cost = (v: number) => `${v >= 1 ? '+' : ''}${((v - 1) * 100).toFixed(0)} %`;
    add(`| ${scenario}: rules + audit ≤ 15 % more CPU/request than rules off (c=${settings.connections[0]}) | ${cost(r)} | ${r <= 1.15 ? 'met' : `missed: ${cost(r)} against +15 %`} |`);
  }
  for (const scenario of scenarioIds.filter((s) => s !== 'create')) {
    const limit = scenario === 'by-id' ? 3 : 5;
    const sql = find('ours', scenario, settings.connections[0]!)?.statements;
    const perRequest = scenario.startsWith('page@') ? 'page' : 'request';
    add(`| ${scenario}: SQL statements per ${perRequest} ≤ ${limit} | ${fixed(sql)} | ${verdict(sql, limit, false, (v) => v.toFixed(1))} |`);
  }
  for (const scenario of scenarioIds.filter((s) => s.startsWith('search-'))) {
    for (const c of settings.connections) {
      const p95 = find('ours', scenario, c)?.p95;
      add(`| ${scenario}: p95 < 30 ms${settings.customers >= 1_000_000 ? '' : ` (register of ${settings.customers.toLocaleString('en-US')}, the target is for 1,000,000)`} (c=${c}) | ${fixed(p95)} ms | ${verdict(p95, 30, false, (v) => `${v.toFixed(1)} ms`)} |`);
    }
  }
  for (const timing of input.privacy) {
    const value = median(timing.runs);
    const measured = timing.problem ? timing.problem : `median ${fixed(value, 0)} ms of ${timing.runs.length} (max ${fixed(Math.max(...timing.runs), 0)} ms)`;
    const target = timing.targetMs === undefined ? 'no target in the issue' : `< ${timing.targetMs / 1000} s`;
    add(`| ${timing.label}: ${target} | ${measured.replace(/\|/g, '\\|')} | ${timing.problem ? 'not measured' : timing.targetMs === undefined ? '–' : verdict(value, timing.targetMs, false, (v) => `${v.toFixed(0)} ms`)} |`);
  }
  for (const row of adminRows(input.admin, settings.customers)) add(row);
  add();
  lines.push(...adminDetails(input.admin));
  return `${lines.join('\n')}\n`;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const span = (request: { startMs: number; endMs: number } | undefined) =>
  request ? `${request.startMs.toFixed(0)}–${request.endMs.toFixed(0)} ms (${(request.endMs - request.startMs).toFixed(0)} ms)` : '–';

/** The targets table's rows of the admin app: initial JavaScript, and the first customer list. */
function adminRows(admin: AdminMeasurement | undefined, customers: number): string[] {
  const initialTarget = 'admin app: initial JS ≤ 400 kB gzip (entry + modules it preloads)';
  const listTarget = `admin app: first customer list within 1.5 s, headless Chromium on loopback, cold browser${customers >= 1_000_000 ? '' : ` (register of ${customers.toLocaleString('en-US')}, the target is for 1,000,000)`}`;
  if (!admin) return [`| ${initialTarget} | not measured in this run (scenario \`admin\`, contestant ours) | not measured |`, `| ${listTarget} | not measured in this run | not measured |`];
  const problem = admin.problem?.replace(/\|/g, '\\|');
  const rows: string[] = [];
  const initial = admin.initialJs;
  if (initial) {
    const limit = 400 * 1024;
    const verdict = initial.gzipBytes <= limit ? 'met' : `missed: ${kB(initial.gzipBytes)} against 400 kB, ${(initial.gzipBytes / limit).toFixed(2)}× the limit`;
    const wire = initial.wireBytes > initial.gzipBytes * 1.2 ? `; ${kB(initial.wireBytes)} on the wire: the API serves static files uncompressed` : `; ${kB(initial.wireBytes)} on the wire`;
    rows.push(`| ${initialTarget} | ${kB(initial.gzipBytes)} gzip in ${initial.files} files${wire} | ${verdict} |`);
  } else {
    rows.push(`| ${initialTarget} | not measured: ${problem ?? 'no result'} | not measured |`);
  }
  const firstRows = admin.loads.map((load) => load.firstRowsMs);
  const value = median(firstRows);
  if (value === undefined) {
    rows.push(`| ${listTarget} | not measured: ${problem ?? 'no load completed'} | not measured |`);
  } else {
    // Where the time went (medians): the app's own start, the list request, rendering the rows.
    const of = (pick: (load: AdminMeasurement['loads'][number]) => number | undefined) =>
      median(admin.loads.map(pick).filter((v): v is number => v !== undefined && !Number.isNaN(v)));
    const requested = of((load) => load.listRequest?.startMs);
    const answered = of((load) => (load.listRequest ? load.listRequest.endMs - load.listRequest.startMs : undefined));
    const rendered = of((load) => (load.listRequest ? load.firstRowsMs - load.listRequest.endMs : undefined));
    const parts = [
      `scripts run by ${fixed(of((load) => load.scriptsRunMs), 0)} ms`,
      `list requested at ${fixed(requested, 0)} ms`,
      `answered in ${fixed(answered, 0)} ms`,
      `rows shown ${fixed(rendered, 0)} ms later`,
      `browser CPU ${fixed(of((load) => load.cpuMs.browser), 0)} ms per load`,
    ];
    const measuredText = `median ${value.toFixed(0)} ms of ${firstRows.length} (${Math.min(...firstRows).toFixed(0)}–${Math.max(...firstRows).toFixed(0)} ms); medians: ${parts.join(', ')}`;
    const verdict = value <= 1500 ? 'met' : `missed: ${value.toFixed(0)} ms against 1500 ms, ${(value / 1500).toFixed(1)}× the limit`;
    rows.push(`| ${listTarget} | ${measuredText} | ${verdict} |`);
  }
  return rows;
}

/** Each cold load of the admin app: when the app asked who is signed in, the list request, the first rows. */
function adminDetails(admin: AdminMeasurement | undefined): string[] {
  if (!admin || admin.loads.length === 0) return [];
  const lines = [
    '## Admin app, cold loads',
    '',
    `Headless Chromium${admin.chromium ? ` ${admin.chromium}` : ''} (playwright-core), started by the harness on its core (with PostgreSQL); each load is a new browser context (empty cache, no cookies) signed in as \`service\` through the login mutation, then navigated to \`/#/customers\` (25 rows sorted by name, with the total count). One load through the sign-in page came first, untimed (it warms the API and PostgreSQL). Times are from navigation start, on the page's own clock.`,
    '',
    'The initial scripts have run at DOMContentLoaded; the app then asks who is signed in (`me`), renders the layout, loads the list screen and asks for the page of customers and their count (`CustomerList`). CPU is what each side spent from the navigation to the first rows (the browser: all its processes); on a shared machine the wall times stretch with the load average (see the header), CPU times less so.',
    '',
    '| load | scripts run (DOMContentLoaded) | `me` request | `CustomerList` request (page + count) | first rows | CPU ms: browser | API | PostgreSQL | scripts until then (gzip) |',
    '| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  admin.loads.forEach((load, index) => {
    lines.push(
      `| ${index + 1} | ${fixed(load.scriptsRunMs, 0)} ms | ${span(load.meRequest)} | ${span(load.listRequest)} | ${load.firstRowsMs.toFixed(0)} ms | ${fixed(load.cpuMs.browser, 0)} | ${fixed(load.cpuMs.api, 0)} | ${fixed(load.cpuMs.postgres, 0)} | ${load.scriptsUntilRows.files} files, ${kB(load.scriptsUntilRows.gzipBytes)} |`,
    );
  });
  if (admin.rowsShown !== undefined) lines.push('', `The list showed ${admin.rowsShown} rows on its first page.`);
  if (admin.problem) lines.push('', `Stopped early: ${admin.problem}`);
  lines.push('');
  return lines;
}
