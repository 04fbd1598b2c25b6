/**
 * `npm run bench`: issue 5's benchmark. On a generated register (reused when complete), side by
 * side on the same data and field selection: the floor (node:http + pg), PostGraphile 5, our API
 * with field rules and auditing, and our API with them switched off. The API under test runs on
 * core 0; PostgreSQL (a server of our own, settings below) and the load generator on core 1.
 * Prints one table and writes docs/benchmarks.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { timeWork, type CoreSpeed } from './calibration.ts';
import { pinTree, startCluster, type Cluster } from './cluster.ts';
import { measure, warmUp, type LoadResult } from './load.ts';
import { memoryMb, processCpuMs, treeCpuMs } from './proc.ts';
import { scenarios, type ContestantKind, type Samples, type Scenario } from './scenarios.ts';
import { report, type Measurement, type SingleTiming } from './report.ts';
import { mergeSlices, turnOrder, type Slice } from './rounds.ts';
import { retentionScenario } from './privacy.ts';
import { measureAdmin, type AdminMeasurement } from './admin.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const API_CORE = 0;
const LOAD_CORE = 1;
const STAFF_PASSWORD = 'bench-password-2026';
const NOTES_MARKER = '<!-- notes: kept when npm run bench rewrites this file -->';
const { values: args } = parseArgs({
  options: {
    workspace: { type: 'string' },
    quick: { type: 'boolean', default: false },
    customers: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '10,50' },
    rounds: { type: 'string' },
    contestants: { type: 'string', default: 'floor,postgraphile,ours-rules-off,ours' },
    scenarios: { type: 'string' },
    output: { type: 'string', default: join(repoRoot, 'docs', 'benchmarks.md') },
    'skip-build': { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
    statements: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  process.stdout.write(`npm run bench -- [options]
  --quick                 small smoke run: 10,000 customers, 5 s per scenario
  --customers <n>         register size (default 1000000, or BENCH_CUSTOMERS)
  --seconds <s>           measured seconds per scenario and connection count (default 10; quick 5)
  --warmup <s>            checked warm-up seconds before each measurement (default 3; quick 1)
  --connections <list>    default 10,50
  --rounds <n>            the contestants take turns: each measures seconds/n at a time, n times (default 3; quick 1)
  --contestants <list>    floor,postgraphile,ours-rules-off,ours (in this order by default: the privacy
                          scenarios' retention run changes the register, so it comes last)
  --scenarios <list>      e.g. by-id,page@0,admin (default: all; admin = the admin app in headless Chromium,
                          privacy = access report, erasure and retention; both ours only)
  --output <file>         default docs/benchmarks.md
  --skip-build            use the API snapshot and the admin app the last run built (apps/api/.data/bench-dist, apps/bench/dist/admin)
  --workspace <name>      a benchmark workspace of its own (server .data/bench-<name>, builds bench-dist-<name>, admin-<name>),
                          so that two runs (e.g. two registers, or two people) do not share a server or a build
  --statements            after each measurement, log its five costliest SQL statements (pg_stat_statements: ms/op, calls/op)
  --generate-only         generate (or finish) and prepare the register, then stop
`);
  process.exit(0);
}

const workspace = args.workspace ? `-${args.workspace.replace(/[^A-Za-z0-9_-]/g, '')}` : '';
/** The API compiled for the benchmark alone: other work rebuilding apps/api/dist does not change it mid-run. */
const apiDist = join(repoRoot, 'apps', 'api', '.data', `bench-dist${workspace}`);
/**
 * Likewise the admin app the API serves for the `admin` scenario (ADMIN_DIST; git-ignored as dist/).
 * Not under a dot-folder: the API's sendFile of index.html refuses paths with one.
 */
const adminDist = join(repoRoot, 'apps', 'bench', 'dist', `admin${workspace}`);

// All cores of the machine, not the ones this process may use (it runs pinned to one).
const cores = cpus().length;
const pinning = cores >= 2;

// The harness (load generator) runs on the PostgreSQL core: re-run ourselves pinned there.
if (pinning && process.env.BENCH_PINNED !== '1') {
  const child = spawn('taskset', ['-c', String(LOAD_CORE), process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}

function log(line: string) {
  process.stderr.write(`bench: ${line}\n`);
}

function number(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/[_,]/g, ''));
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number (got "${value}")`);
  return parsed;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

interface BenchSecrets {
  PIN_ENCRYPTION_KEY: string;
  PIN_ENCRYPTION_KEY_ID: string;
  BLIND_INDEX_KEY: string;
  SESSION_SECRET: string;
}

function benchSecrets(dataDir: string): BenchSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as BenchSecrets;
  const secrets = {
    PIN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PIN_ENCRYPTION_KEY_ID: 'bench-1',
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function runCommand(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('exit', (code) => (code === 0 ? resolveRun(out) : reject(new Error(`${command} ${commandArgs.join(' ')} exited with ${code}`))));
  });
}

/** A generated register of this size in its own database, reused when a run completed it. */
async function ensureRegister(cluster: Cluster, customers: number, env: NodeJS.ProcessEnv) {
  const database = `register_bench_${customers}`;
  const url = cluster.urlFor(database);
  const exists = await query(cluster.adminUrl, 'select 1 from pg_database where datname = $1', [database]);
  if (exists.length === 0) await query(cluster.adminUrl, `create database "${database}"`);
  const state = await query<{ completed: boolean }>(
    url,
    `select to_regclass('register_generate.run') is not null as completed`,
  );
  let generation: { seconds: number; perSecond: number } | undefined;
  const done = state[0]!.completed
    ? (await query<{ completed: boolean; customers: number }>(url, 'select completed_at is not null as completed, customers from register_generate.run'))[0]
    : undefined;
  if (done?.completed && done.customers === customers) {
    log(`reusing the generated register of ${customers.toLocaleString('en-US')} customers in ${database}`);
  } else {
    log(`generating ${customers.toLocaleString('en-US')} customers into ${database} (restartable: an interrupted run continues)`);
    const cli = join(apiDist, 'cli', 'main.js');
    // The generator may use every core (this harness runs pinned to one).
    const generate = [cli, 'generate', '--customers', String(customers), '--seed', '1', '--database-url', url];
    const out = pinning
      ? await runCommand('taskset', ['-c', `0-${cores - 1}`, process.execPath, ...generate], env)
      : await runCommand(process.execPath, generate, env);
    const match = /in ([\d.]+) s(?:.*?: ([\d,]+) customers\/s)?/.exec(out);
    if (match) generation = { seconds: Number(match[1]), perSecond: Number((match[2] ?? '0').replace(/,/g, '')) };
  }
  return { database, url, generation };
}

/** Once per database: statistics and visibility map fresh, pg_stat_statements, a customer with 10,000 events. */
async function prepare(url: string): Promise<{ reportCustomerId: string }> {
  await query(url, 'create extension if not exists pg_stat_statements');
  await query(url, `create schema if not exists register_bench`);
  await query(url, `create table if not exists register_bench.prepared (id int primary key, report_customer_id uuid not null, at timestamptz not null default now())`);
  const [prepared] = await query<{ report_customer_id: string }>(url, 'select report_customer_id from register_bench.prepared');
  if (prepared) return { reportCustomerId: prepared.report_customer_id };
  log('preparing the database once: 10,000 history events for the access-report customer, vacuum analyze');
  const [customer] = await query<{ id: string }>(url, `select id from customer where kind = 'PRIVATE' and status = 'ACTIVE' order by id limit 1`);
  if (!customer) throw new Error('the generated register has no active private customer');
  await query(
    url,
    `insert into customer_event (id, customer_id, at, kind, summary, channel, source_type, collected_at)
     select gen_random_uuid(), $1, now() - (n || ' hours')::interval, 'CONTACT', 'Asiakaspalvelupuhelu: kysymys laskusta (benchmark).', 'PHONE', 'DATA_SUBJECT', now() - (n || ' hours')::interval
       from generate_series(1, 10000 - (select count(*) from customer_event where customer_id = $1)::int) as n`,
    [customer.id],
  );
  await vacuum(url);
  await query(url, 'insert into register_bench.prepared (id, report_customer_id) values (1, $1)', [customer.id]);
  return { reportCustomerId: customer.id };
}

/** Statistics and the visibility map fresh (pages that are already all-visible are skipped). */
async function vacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set maintenance_work_mem = '512MB'`);
    await client.query('vacuum (analyze)');
  } finally {
    await client.end();
  }
}

async function samplesOf(url: string): Promise<Samples> {
  const rows = await query<{ id: string; phone: string; email: string; name: string }>(
    url,
    `select c.id, c.phone, c.email, c.name from customer c tablesample system (5) repeatable (1)
      where c.status = 'ACTIVE' and exists (select 1 from contract k where k.customer_id = c.id) limit 2000`,
  );
  if (rows.length < 50) throw new Error('too few customers with contracts to sample');
  return {
    customerIds: rows.map((row) => row.id),
    phones: rows.map((row) => row.phone),
    emails: rows.map((row) => row.email),
    namePrefixes: rows.map((row) => {
      const [first, second = ''] = row.name.split(' ');
      return `${first} ${second.slice(0, 3)}`.trim();
    }),
  };
}

interface Running {
  name: string;
  kind: ContestantKind;
  url: string;
  pid: number;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

async function waitUntil(check: () => Promise<boolean>, child: ChildProcess, what: string, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${output().slice(-3000)}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
  }
  throw new Error(`${what} did not become ready within 120 s:\n${output().slice(-3000)}`);
}

async function startContestant(name: string, databaseUrl: string, env: NodeJS.ProcessEnv): Promise<Running> {
  const port = await freePort();
  const kind: ContestantKind = name.startsWith('ours') ? 'ours' : (name as ContestantKind);
  const script =
    kind === 'floor' ? join(here, 'floor-server.ts') : kind === 'postgraphile' ? join(here, 'postgraphile-server.ts') : join(apiDist, 'main.js');
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    POOL_SIZE: '10',
    LOG_LEVEL: 'warn',
    RETENTION_JOB: 'false',
    BENCH_DISABLE_RULES: name === 'ours-rules-off' ? 'true' : 'false',
  };
  // BENCH_NODE_ARGS: extra options for the servers' Node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`
  // to profile them (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []), script];
  const command = pinning ? 'taskset' : process.execPath;
  const commandArgs = pinning ? ['-c', String(API_CORE), process.execPath, ...nodeArgs] : nodeArgs;
  let output = '';
  const child = spawn(command, commandArgs, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const health = kind === 'ours' ? '/readyz' : kind === 'floor' ? '/health' : undefined;
  await waitUntil(
    async () => (health ? (await fetch(`${url}${health}`)).ok : output.includes('listening')),
    child,
    name,
    () => output,
  );
  const headers: Record<string, string> = {};
  if (kind === 'ours') headers.cookie = await login(url, 'service');
  return {
    name,
    kind,
    url,
    pid: child.pid!,
    headers,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function gql(url: string, cookie: string | undefined, body: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { response, json: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] } };
}

async function login(url: string, role: string): Promise<string> {
  const { response, json } = await gql(url, undefined, { query: `mutation { login(username: "${role}", password: "${STAFF_PASSWORD}") { id } }` });
  if (json.errors?.length) throw new Error(`login as ${role} failed: ${json.errors[0]!.message}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`login as ${role} gave no session cookie`);
  return cookie;
}

async function statements(url: string): Promise<number> {
  const [row] = await query<{ calls: string }>(
    url,
    `select coalesce(sum(calls), 0)::text as calls from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
  );
  return Number(row!.calls);
}

type StatementTotals = Map<string, { calls: number; ms: number; query: string }>;

async function statementTotals(url: string): Promise<StatementTotals> {
  const rows = await query<{ queryid: string; calls: string; ms: number; query: string }>(
    url,
    `select queryid::text, calls::text, total_exec_time as ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as query
       from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
  );
  return new Map(rows.map((row) => [row.queryid, { calls: Number(row.calls), ms: row.ms, query: row.query }]));
}

/** `--statements`: where a measurement's PostgreSQL time went, statement by statement. */
async function logStatements(url: string, operations: number, before: StatementTotals | undefined): Promise<void> {
  const after = await statementTotals(url);
  const deltas = [...after].map(([id, row]) => {
    const earlier = before?.get(id);
    return { calls: row.calls - (earlier?.calls ?? 0), ms: row.ms - (earlier?.ms ?? 0), query: row.query };
  });
  deltas.sort((a, b) => b.ms - a.ms);
  for (const row of deltas.slice(0, 5)) {
    if (row.calls <= 0) continue;
    log(`    ${(row.ms / operations).toFixed(3)} ms/op  ${(row.calls / operations).toFixed(2)} calls/op  ${(row.ms / row.calls).toFixed(3)} ms/call  ${row.query}`);
  }
}

/**
 * Cancels the statements an earlier measurement left running. When a contestant's operations take
 * longer than the measured seconds (PostGraphile's search by phone: ~20 s each, a sequential scan),
 * the load generator stops waiting but PostgreSQL goes on with them; in a full run they went on into
 * the next measurement (PostGraphile's createCustomer at 10 connections: 2 op/s, p50 9.9 s) and
 * PostgreSQL's CPU time was counted to it.
 */
async function cancelLeftovers(dbUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const active = async () =>
      (
        await client.query<{ pid: number }>(
          `select pid from pg_stat_activity
            where datname = current_database() and backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()`,
        )
      ).rows.map((row) => row.pid);
    // Found first, then cancelled: in one statement PostgreSQL may call pg_cancel_backend before the
    // filter that leaves out the statement's own backend (it cancelled itself).
    const running = await active();
    if (running.length === 0) return;
    const { rows: cancelled } = await client.query('select pid from unnest($1::int[]) as pid where pg_cancel_backend(pid)', [running]);
    const deadline = Date.now() + 30_000;
    while ((await active()).length > 0 && Date.now() < deadline) await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    log(`cancelled ${cancelled.length} statement${cancelled.length === 1 ? '' : 's'} still running from the previous measurement`);
  } finally {
    await client.end();
  }
}

/**
 * One slice of a measurement (rounds.ts): a warm-up in which every response is checked, then
 * `seconds` of load, with the server's and PostgreSQL's CPU time and the statements over them.
 */
async function measureSlice(
  running: Running,
  scenario: Scenario,
  connections: number,
  seconds: number,
  warmupSeconds: number,
  cluster: Cluster,
  dbUrl: string,
): Promise<{ slice: Slice } | { problem: string }> {
  const where = `${running.name} ${scenario.id} c=${connections}`;
  await cancelLeftovers(dbUrl);
  // The pages that earlier work dirtied (generation, vacuum, an earlier slice's writes) are
  // written now, not by the background writer, the checkpointer or a backend that needs a buffer
  // while this slice counts PostgreSQL's CPU time. (On a just-generated register, our by-id
  // once measured 0.79 ms of PostgreSQL CPU per request; alone a minute later, 0.20 ms.)
  await query(dbUrl, 'checkpoint');
  const problem = await warmUp(running.url, scenario, connections, warmupSeconds, running.headers);
  if (problem) {
    log(`${where}: warm-up failed: ${problem}`);
    return { problem: `${problem}${await aloneNote(running, scenario)}` };
  }
  const statementsBefore = await statements(dbUrl);
  const statementsMark = args.statements ? await statementTotals(dbUrl) : undefined;
  const apiBefore = processCpuMs(running.pid);
  const pgBefore = treeCpuMs(cluster.postmasterPid);
  const result: LoadResult = await measure(running.url, scenario, connections, seconds, running.headers);
  // A slice in which nothing completed still counts its seconds and CPU (a pathological plan: the
  // merged measurement shows how slow); only a contestant with no operation in any slice is not measured.
  if (result.operations === 0) log(`${where}: no operation completed in ${seconds.toFixed(1)} s`);
  const apiCpuMs = processCpuMs(running.pid) - apiBefore;
  const pgCpuMs = treeCpuMs(cluster.postmasterPid) - pgBefore;
  // The statement that reads the counter is itself counted once.
  const statementCount = (await statements(dbUrl)) - statementsBefore - 1;
  const memory = memoryMb(running.pid);
  if (args.statements) await logStatements(dbUrl, Math.max(1, result.operations), statementsMark);
  const ops = Math.max(1, result.operations);
  log(
    `${running.name.padEnd(15)} ${scenario.id.padEnd(13)} c=${String(connections).padEnd(3)} ${result.perSecond.toFixed(0).padStart(6)} op/s  p50 ${result.p50.toFixed(1)} p95 ${result.p95.toFixed(1)} p99 ${result.p99.toFixed(1)} ms  cpu api ${(apiCpuMs / ops).toFixed(3)} pg ${(pgCpuMs / ops).toFixed(3)} ms/op  sql ${(statementCount / ops).toFixed(1)}/op`,
  );
  return {
    slice: {
      operations: result.operations,
      seconds: result.seconds,
      latencies: result.latencies,
      apiCpuMs,
      pgCpuMs,
      statements: statementCount,
      failures: result.failures,
      rssMb: memory.rss,
      peakMb: memory.peak,
    },
  };
}

/**
 * Every contestant's measurement of one scenario at one connection count, in rounds (rounds.ts):
 * each round gives each contestant a slice of the measured seconds, starting with a different
 * contestant each time; the first slice of each has the whole warm-up, later ones a short one
 * (the server is warm; it renews the connections and checks the responses again). A contestant
 * whose warm-up fails is not measured further in this scenario.
 */
async function measureInTurns(
  contestants: { running: Running; scenario: Scenario }[],
  connections: number,
  options: { seconds: number; warmupSeconds: number; rounds: number; cluster: Cluster; dbUrl: string },
): Promise<Measurement[]> {
  const slices = new Map<Running, Slice[]>();
  const problems = new Map<Running, string>();
  /** For a contestant that completed nothing in a slice: how long one operation takes alone. */
  const aloneNotes = new Map<Running, string>();
  const sliceSeconds = options.seconds / options.rounds;
  for (let round = 0; round < options.rounds; round += 1) {
    for (const { running, scenario } of turnOrder(contestants, round)) {
      if (problems.has(running)) continue;
      const warmup = round === 0 ? options.warmupSeconds : Math.min(1, options.warmupSeconds);
      const measured = await measureSlice(running, scenario, connections, sliceSeconds, warmup, options.cluster, options.dbUrl);
      if ('problem' in measured) problems.set(running, measured.problem);
      else slices.set(running, [...(slices.get(running) ?? []), measured.slice]);
      if ('slice' in measured && measured.slice.operations === 0 && !aloneNotes.has(running)) aloneNotes.set(running, await aloneNote(running, scenario));
    }
  }
  return contestants.map(({ running, scenario }) => {
    const base = { contestant: running.name, scenario: scenario.id, label: scenario.label, connections };
    const problem = problems.get(running);
    if (problem) return { ...base, problem };
    const measured = slices.get(running)!;
    if (measured.every((slice) => slice.operations === 0)) {
      return { ...base, problem: `no operation completed in ${options.seconds} s of load in ${measured.length} turns${aloneNotes.get(running) ?? ''}` };
    }
    return mergeSlices(base, measured);
  });
}

/** When a scenario cannot be measured under load: how long one operation takes on its own. */
async function aloneNote(running: Running, scenario: Scenario): Promise<string> {
  try {
    const started = performance.now();
    let previous: unknown;
    for (const step of scenario.steps) {
      const response = await fetch(`${running.url}${step.path(0)}`, {
        method: step.method,
        headers: { ...running.headers, ...(step.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        ...(step.body ? { body: step.body(0, previous) } : {}),
      });
      previous = await response.json();
      const wrong = response.ok ? step.check(previous) : `HTTP ${response.status}`;
      if (wrong) return `; alone it fails too: ${wrong}`;
    }
    return `; one operation alone takes ${((performance.now() - started) / 1000).toFixed(1)} s`;
  } catch (error) {
    return `; alone it fails too: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function timeOnce<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Scenarios 5–6 call operations other work is adding: run when the schema has them, else say so. */
async function privacyScenarios(
  running: Running,
  reportCustomerId: string,
  dbUrl: string,
  retention: { env: NodeJS.ProcessEnv; registerSize: number; exclude: readonly string[] },
): Promise<SingleTiming[]> {
  const cookie = await login(running.url, 'dpo');
  const { json: schema } = await gql(running.url, cookie, { query: '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }' });
  const names = new Set<string>();
  const types = schema.data?.__schema as { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } } | undefined;
  for (const field of [...(types?.queryType.fields ?? []), ...(types?.mutationType.fields ?? [])]) names.add(field.name);
  const timings: SingleTiming[] = [];

  if (names.has('accessReport')) {
    const runs: number[] = [];
    let problem: string | undefined;
    for (let n = 0; n < 4 && !problem; n += 1) {
      const { ms, value } = await timeOnce(() => gql(running.url, cookie, { query: 'query ($id: ID!) { accessReport(subjectId: $id) }', variables: { id: reportCustomerId } }));
      if (value.json.errors?.length) problem = value.json.errors[0]!.message;
      else if (n > 0) runs.push(ms);
    }
    timings.push({ id: 'access-report', label: 'access report, customer with 10,000 history events', runs, problem, targetMs: 2000 });
  } else {
    timings.push({ id: 'access-report', label: 'access report, customer with 10,000 history events', runs: [], problem: 'not available in this build (no accessReport operation)', targetMs: 2000 });
  }

  if (names.has('erasurePlan') && names.has('eraseDataSubject')) {
    const candidates = await query<{ id: string }>(dbUrl, `select id from customer where status = 'TERMINATED' and kind = 'PRIVATE' order by id desc limit 3`);
    const runs: number[] = [];
    let problem: string | undefined;
    for (const candidate of candidates) {
      const plan = await gql(running.url, cookie, { query: 'query ($id: ID!) { erasurePlan(customerId: $id) { fingerprint } }', variables: { id: candidate.id } });
      const fingerprint = (plan.json.data?.erasurePlan as { fingerprint?: string } | undefined)?.fingerprint;
      if (!fingerprint) {
        problem = plan.json.errors?.[0]?.message ?? 'erasurePlan returned no fingerprint';
        break;
      }
      const { ms, value } = await timeOnce(() =>
        gql(running.url, cookie, { query: 'mutation ($id: ID!, $confirm: String!) { eraseDataSubject(customerId: $id, confirm: $confirm) { __typename } }', variables: { id: candidate.id, confirm: fingerprint } }),
      );
      if (value.json.errors?.length) {
        problem = value.json.errors[0]!.message;
        break;
      }
      runs.push(ms);
    }
    timings.push({ id: 'erasure', label: 'erasure of one customer (eraseDataSubject)', runs, problem, targetMs: 1000 });
  } else {
    timings.push({ id: 'erasure', label: 'erasure of one customer', runs: [], problem: 'not available in this build (no erasurePlan/eraseDataSubject)', targetMs: 1000 });
  }

  if (names.has('allRetentionRuns')) {
    // Started the way an operator starts it on demand: the API's CLI, pinned where the API runs.
    timings.push(
      await retentionScenario({
        dbUrl,
        cli: join(apiDist, 'cli', 'main.js'),
        env: retention.env,
        core: pinning ? API_CORE : undefined,
        registerSize: retention.registerSize,
        exclude: retention.exclude,
        log,
      }),
    );
  } else {
    timings.push({ id: 'retention', label: 'retention job over the terminated customers', runs: [], problem: 'not available in this build (no retention job)', targetMs: undefined });
  }
  return timings;
}

function machine(cluster: Cluster) {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
    dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot }).toString().trim().length > 0;
  } catch {
    // not a git checkout
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { cores, cpuModel, memoryGb: Math.round(totalmem() / 2 ** 30), postgres: cluster.version.split(' on ')[0] ?? cluster.version, commit, dirty, loadAtStart: load, node: process.version };
}

async function main() {
  const quick = args.quick ?? false;
  const customers = number(args.customers ?? process.env.BENCH_CUSTOMERS, quick ? 10_000 : 1_000_000, '--customers');
  const seconds = number(args.seconds, quick ? 5 : 10, '--seconds');
  const warmupSeconds = number(args.warmup, quick ? 1 : 3, '--warmup');
  const rounds = Math.max(1, Math.round(number(args.rounds, quick ? 1 : 3, '--rounds')));
  const connectionCounts = args.connections!.split(',').map((value) => number(value, 10, '--connections'));
  const contestants = args.contestants!.split(',').map((value) => value.trim());
  const onlyScenarios = args.scenarios ? new Set(args.scenarios.split(',')) : undefined;
  for (const name of contestants) {
    if (!['floor', 'postgraphile', 'ours', 'ours-rules-off'].includes(name)) throw new Error(`--contestants: unknown "${name}" (floor, postgraphile, ours, ours-rules-off)`);
  }
  if (!args['skip-build']) {
    log(`compiling the API for the benchmark (${apiDist})`);
    rmSync(apiDist, { recursive: true, force: true });
    const apiDir = join(repoRoot, 'apps', 'api');
    execFileSync(join(apiDir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', apiDist], { cwd: apiDir, stdio: 'inherit' });
  }
  if (!existsSync(join(apiDist, 'main.js'))) throw new Error(`the API is not compiled at ${apiDist}: run without --skip-build`);
  const adminWanted = contestants.includes('ours') && (!onlyScenarios || onlyScenarios.has('admin'));
  if (adminWanted && !args['skip-build']) {
    log(`building the admin app for the benchmark (${adminDist})`);
    const adminDir = join(repoRoot, 'apps', 'admin');
    execFileSync(join(adminDir, 'node_modules', '.bin', 'vite'), ['build', '--outDir', adminDist, '--emptyOutDir', '--logLevel', 'warn'], { cwd: adminDir, stdio: 'inherit' });
  }
  if (adminWanted && !existsSync(join(adminDist, 'index.html'))) throw new Error(`the admin app is not built at ${adminDist}: run without --skip-build`);

  const dataDir = join(repoRoot, '.data', `bench${workspace}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const secrets = benchSecrets(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, ...secrets, NODE_ENV: 'development', DATA_DIR: dataDir, DEMO_PASSWORD: STAFF_PASSWORD, SEED_DEMO_DATA: 'false', ADMIN_DIST: adminDist };
  delete env.BENCH_PINNED;

  log(`starting PostgreSQL of our own in ${dataDir}`);
  // Unpinned while the register is generated; pinned to the load core before anything is measured.
  const cluster = await startCluster({ dataDir, port: await freePort(), core: undefined });
  const started = new Date();
  const measurements: Measurement[] = [];
  let privacy: SingleTiming[] = [];
  let admin: AdminMeasurement | undefined;
  const speeds: CoreSpeed[] = [];
  let generation: { seconds: number; perSecond: number } | undefined;
  const info = machine(cluster);
  try {
    const register = await ensureRegister(cluster, customers, env);
    generation = register.generation;
    const { reportCustomerId } = await prepare(register.url);
    const samples = await samplesOf(register.url);
    if (args['generate-only']) {
      log(`the register of ${customers.toLocaleString('en-US')} customers is ready in ${register.database}`);
      return;
    }
    if (pinning) {
      pinTree(cluster.postmasterPid, LOAD_CORE);
      log(`PostgreSQL pinned to core ${LOAD_CORE}`);
    }
    const cores = pinning ? [API_CORE, LOAD_CORE] : [undefined];
    const calibrate = (label: string) => {
      const speed: CoreSpeed = { label, ms: cores.map((core) => timeWork(core)) };
      speeds.push(speed);
      log(`core speed ${label}: ${speed.ms.map((ms, index) => `${cores[index] === undefined ? 'any core' : `core ${cores[index]}`} ${ms.toFixed(0)} ms`).join(', ')} for the fixed work`);
    };
    // Every contestant meets the same table, vacuumed: createCustomer comes last in every run, so
    // no page of customers reads rows another contestant created (~100,000, all over the name
    // order, on pages not yet all-visible, which an index-only page then reads from the table too:
    // rules-off page@10000 once cost 2.5 ms of PostgreSQL per page instead of 1.35).
    await vacuum(register.url);
    calibrate('at the start');
    const running: Running[] = [];
    try {
      for (const name of contestants) {
        log(`starting ${name} on core ${pinning ? API_CORE : 'any'}`);
        running.push(await startContestant(name, register.url, env));
      }
      const lists = new Map(running.map((contestant) => [contestant, scenarios(contestant.kind, samples)]));
      // Scenarios in the order the fullest list gives them (ours: PostGraphile has no name or e-mail search).
      const order = [...new Set([...lists.values()].sort((a, b) => b.length - a.length).flat().map((scenario) => scenario.id))];
      for (const id of order) {
        if (onlyScenarios && !onlyScenarios.has(id)) continue;
        const taking = running.flatMap((contestant) => {
          const scenario = lists.get(contestant)!.find((candidate) => candidate.id === id);
          return scenario ? [{ running: contestant, scenario }] : [];
        });
        for (const connections of connectionCounts) {
          measurements.push(...(await measureInTurns(taking, connections, { seconds, warmupSeconds, rounds, cluster, dbUrl: register.url })));
          calibrate(`after ${id} c=${connections}`);
        }
      }
      const ours = running.find((contestant) => contestant.name === 'ours');
      const privacyWanted = ours !== undefined && (!onlyScenarios || onlyScenarios.has('privacy'));
      if (ours && (adminWanted || privacyWanted)) {
        // Our API alone from here: the others stop, so that nothing else runs beside the browser.
        for (const other of running.filter((contestant) => contestant !== ours)) await other.stop();
        if (adminWanted) admin = await measureAdmin({ url: ours.url, username: 'service', password: STAFF_PASSWORD, adminDist, pids: { api: ours.pid, postgres: cluster.postmasterPid }, log });
        // Scenarios 5–6 (access report, erasure, retention) run with the full set, or when named; last,
        // because the retention run erases and ends customers and leaves their pages to be vacuumed.
        if (privacyWanted) {
          privacy = await privacyScenarios(ours, reportCustomerId, register.url, { env, registerSize: customers, exclude: [...samples.customerIds, reportCustomerId] });
        }
        calibrate(`after ${[adminWanted ? 'the admin app' : '', privacyWanted ? 'the privacy scenarios' : ''].filter(Boolean).join(' and ')}`);
      }
    } finally {
      for (const contestant of running) await contestant.stop();
    }
    // The table lists each scenario's contestants in the order given, each at every connection count.
    const measuredScenarios = [...new Set(measurements.map((m) => m.scenario))];
    const rank = (m: Measurement) => [measuredScenarios.indexOf(m.scenario), contestants.indexOf(m.contestant), connectionCounts.indexOf(m.connections)];
    measurements.sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    });
  } finally {
    await cluster.stop();
  }
  const markdown = report({
    started,
    machine: info,
    settings: { customers, seconds, warmupSeconds, rounds, connections: connectionCounts, quick, pinning, postgres: cluster.settings, generation },
    measurements,
    privacy,
    admin,
    speeds,
  });
  process.stdout.write(`${markdown}\n`);
  mkdirSync(dirname(args.output!), { recursive: true });
  // Notes written by people under the marker (analysis of a run) survive the next run's table.
  const previous = existsSync(args.output!) ? readFileSync(args.output!, 'utf8') : '';
  const notes = previous.includes(NOTES_MARKER) ? previous.slice(previous.indexOf(NOTES_MARKER)) : '';
  writeFileSync(args.output!, notes ? `${markdown}\n${notes}` : markdown);
  log(`written to ${args.output}`);
}
