/**
 * Scenario 6b of issue 5: the retention job over 10,000 terminated customers. Just before it is
 * measured, exactly that many customers of the register are due (terminated more than 36 months
 * ago, nothing running, no restriction they asked for); then `register retention run` (the CLI of
 * the API under test) erases them, and the run's own record gives the wall time.
 *
 * Every run erases what it prepared, so a re-run on the same reused register prepares again:
 * customers already due count first; a surplus (the generator makes about 2 % of the register
 * former customers long gone) is moved to a recent end of relationship, so it stays terminated and
 * not due (the erasure scenario picks terminated customers); a shortfall is made up from active
 * customers that no other scenario samples, whose contracts are ended, open orders cancelled and
 * SIM cards closed on the day their relationship ends, 37–49 months ago.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { SingleTiming } from './report.ts';

export interface RetentionScenarioOptions {
  /** The register's database. */
  dbUrl: string;
  /** The compiled CLI of the API under test (`register`). */
  cli: string;
  /** The environment the API under test runs with (secrets, DATA_DIR, NODE_ENV). */
  env: NodeJS.ProcessEnv;
  /** The core the API under test runs on, for the CLI too; undefined = not pinned. */
  core: number | undefined;
  /** Customers in the register: the scenario takes 10,000, or a tenth of a smaller register. */
  registerSize: number;
  /** Customers other scenarios use (samples, the access-report customer): never touched. */
  exclude: readonly string[];
  log: (line: string) => void;
}

const WANTED = 10_000;

/**
 * Who the retention job erases (privacy/retention/retention.service.ts, DUE_CUSTOMERS: status
 * TERMINATED, relationship ended before the day minus the map's 36 months, no ACTIVE or DRAFT
 * contract, no open order, no active restriction the person asked for). `$1` is the day. The run
 * itself decides again; its count is checked against this one.
 */
const DUE = `
  from customer c
  where c.status = 'TERMINATED'
    and c.relationship_ended_at < ((($1::date - make_interval(months => 36))::date + 1)::timestamp at time zone 'Europe/Helsinki')
    and not exists (select 1 from contract k where k.customer_id = c.id and k.status in ('ACTIVE', 'DRAFT'))
    and not exists (select 1 from customer_order o where o.customer_id = c.id and o.status in ('NEW', 'CONFIRMED', 'IN_DELIVERY'))
    and not exists (select 1 from processing_restriction r where r.subject_id = c.id and r.lifted_at is null and r.reason = 'DATA_SUBJECT_REQUEST')`;

/** Makes exactly `wanted` customers due on `day`; returns how many were already due, moved and converted. */
async function prepareDue(client: pg.Client, day: string, wanted: number, exclude: readonly string[]) {
  await client.query('begin');
  try {
    const [{ due }] = (await client.query<{ due: number }>(`select count(*)::int as due ${DUE}`, [day])).rows as [{ due: number }];
    let moved = 0;
    let converted = 0;
    if (due > wanted) {
      // The surplus (the most recently ended of the due) ends a year before the day: not due.
      const result = await client.query(
        `with surplus as (select c.id ${DUE} order by c.relationship_ended_at desc, c.id desc limit $2)
         update customer c set relationship_ended_at = ($1::date - interval '12 months')::timestamp at time zone 'Europe/Helsinki', updated_at = now()
           from surplus s where c.id = s.id`,
        [day, due - wanted],
      );
      moved = result.rowCount ?? 0;
    } else if (due < wanted) {
      const result = await client.query(
        `with picked as (
           select c.id, (($1::date - interval '37 months' - (abs(hashtext(c.id::text)) % 365) * interval '1 day')::timestamp at time zone 'Europe/Helsinki') as ended
             from customer c
            where c.status = 'ACTIVE' and c.id <> all($3::uuid[])
              and not exists (select 1 from processing_restriction r where r.subject_id = c.id and r.lifted_at is null)
            order by c.id limit $2
         ), contracts as (
           update contract k set status = 'ENDED', end_date = greatest(k.start_date, p.ended::date), updated_at = now()
             from picked p where k.customer_id = p.id and k.status in ('ACTIVE', 'DRAFT')
         ), sims as (
           update sim_card s set status = 'CLOSED', closed_at = p.ended, updated_at = now()
             from picked p where s.customer_id = p.id and s.status <> 'CLOSED'
         ), orders as (
           update customer_order o set status = 'CANCELLED', updated_at = now()
             from picked p where o.customer_id = p.id and o.status in ('NEW', 'CONFIRMED', 'IN_DELIVERY')
         )
         update customer c set status = 'TERMINATED', relationship_ended_at = p.ended, updated_at = now()
           from picked p where c.id = p.id`,
        [day, wanted - due, `{${exclude.join(',')}}`],
      );
      converted = result.rowCount ?? 0;
    }
    const [{ now }] = (await client.query<{ now: number }>(`select count(*)::int as now ${DUE}`, [day])).rows as [{ now: number }];
    await client.query('commit');
    return { alreadyDue: due, moved, converted, due: now };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

function runCli(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

async function statementCount(client: pg.Client): Promise<number | undefined> {
  try {
    const { rows } = await client.query<{ calls: string }>(
      `select coalesce(sum(calls), 0)::text as calls from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
    );
    return Number(rows[0]!.calls);
  } catch {
    return undefined;
  }
}

export async function retentionScenario(options: RetentionScenarioOptions): Promise<SingleTiming> {
  const wanted = Math.min(WANTED, Math.floor(options.registerSize / 10));
  const id = 'retention';
  const label = `retention job over ${wanted.toLocaleString('en-US')} terminated customers (\`register retention run\`)`;
  const client = new pg.Client({ connectionString: options.dbUrl });
  await client.connect();
  try {
    // The day of the rules, in the controller's time zone: the CLI is given the same day.
    const [{ day }] = (await client.query<{ day: string }>(`select (now() at time zone 'Europe/Helsinki')::date::text as day`)).rows as [{ day: string }];
    const prepared = await prepareDue(client, day, wanted, options.exclude);
    options.log(
      `retention: ${prepared.due} customers due on ${day} (${prepared.alreadyDue} were; ${prepared.moved} moved to a recent end, ${prepared.converted} active customers terminated 37–49 months ago)`,
    );
    if (prepared.due !== wanted) {
      return { id, label, runs: [], problem: `could prepare only ${prepared.due} due customers of the ${wanted} wanted`, targetMs: undefined };
    }
    const [{ holds }] = (await client.query<{ holds: number }>(`select count(*)::int as holds from erasure_hold where held_until < $1::date`, [day])).rows as [{ holds: number }];

    const statementsBefore = await statementCount(client);
    const args = [options.cli, 'retention', 'run', '--as-of', day, '--batch-size', '500'];
    const command = options.core === undefined ? process.execPath : 'taskset';
    const commandArgs = options.core === undefined ? args : ['-c', String(options.core), process.execPath, ...args];
    const started = performance.now();
    const result = await runCli(command, commandArgs, { ...options.env, DATABASE_URL: options.dbUrl, LOG_LEVEL: 'warn' });
    const wallMs = performance.now() - started;
    const statementsAfter = await statementCount(client);
    const runId = /Retention run ([0-9a-f-]{36})/.exec(result.stdout)?.[1];
    if (result.code !== 0 || !runId) {
      const why = (result.stderr.trim().split('\n').at(-1) ?? '') || `exit code ${result.code}`;
      return { id, label, runs: [], problem: `register retention run failed: ${why}`, targetMs: undefined };
    }
    const [run] = (
      await client.query<{ status: string; total: number; erased: number; held: number; holds_ended: number; failed: number; ms: number }>(
        `select status, total, erased, held, holds_ended, failed, extract(epoch from finished_at - started_at) * 1000 as ms from retention_run where id = $1`,
        [runId],
      )
    ).rows;
    if (!run || run.status !== 'COMPLETED' || run.failed > 0) {
      return { id, label, runs: [], problem: `the run ended ${run?.status ?? 'unrecorded'} with ${run?.failed ?? '?'} failed`, targetMs: undefined };
    }
    const ms = Number(run.ms);
    const perSecond = run.erased / (ms / 1000);
    const statements = statementsBefore !== undefined && statementsAfter !== undefined && run.erased > 0 ? (statementsAfter - statementsBefore) / (run.erased + run.holds_ended) : undefined;
    options.log(
      `retention: ${run.erased} erased (${run.held} keeping held records), ${run.holds_ended} ended holds, in ${(ms / 1000).toFixed(1)} s = ${perSecond.toFixed(1)} customers/s` +
        `${statements === undefined ? '' : `, ${statements.toFixed(1)} SQL statements per subject`}; the CLI took ${(wallMs / 1000).toFixed(1)} s with its start-up`,
    );
    return {
      id,
      label:
        `${label}: ${run.erased.toLocaleString('en-US')} erased (${run.held.toLocaleString('en-US')} keeping records under a legal hold)` +
        `${run.holds_ended > 0 || holds > 0 ? ` and ${run.holds_ended} ended holds` : ''}, ${perSecond.toFixed(1)} customers/s` +
        `${statements === undefined ? '' : `, ${statements.toFixed(1)} SQL statements each`}; the CLI process ${(wallMs / 1000).toFixed(1)} s with its start-up`,
      runs: [ms],
      problem: run.erased !== wanted ? `the run erased ${run.erased} customers, not the ${wanted} prepared` : undefined,
      targetMs: undefined,
    };
  } finally {
    await client.end();
  }
}
