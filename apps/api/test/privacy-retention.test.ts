import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '../src/privacy/erasure/hold-dates.js';
import { RetentionRunStatus, RetentionRunTrigger } from '../src/privacy/retention/retention-run.entity.js';
import { RetentionJob } from '../src/privacy/retention/retention.job.js';
import { relationshipRetentionMonths, RetentionService } from '../src/privacy/retention/retention.service.js';
import { createLogger } from '../src/logger.js';
import { countRows, expectBadInput, onlyError, sql } from './support/helpers.js';
import { startTestApp, type Client, type TestApp } from './support/test-app.js';

/**
 * The retention job: which customers are due (relationship ended + the map's months), the dry
 * run (changes nothing), the real run, legal holds ending on a later day, two runners in parallel
 * (each customer erased exactly once) and a run stopped midway then restarted. The clock is the
 * run's `asOf` day.
 */

let app: TestApp;
let dpo: Client;
const today = isoToday();

async function customer(options: { status?: string; endedAt?: string | null; name?: string } = {}): Promise<string> {
  const id = randomUUID();
  await sql(
    app,
    `insert into customer (id, kind, name, email, status, relationship_ended_at, collected_at, created_at, updated_at)
     values (?, 'PRIVATE', ?, ?, ?, ?, now(), now(), now())`,
    [id, options.name ?? `Säilytys ${id.slice(0, 8)}`, `sailytys.${id.slice(0, 8)}@example.test`, options.status ?? 'TERMINATED', options.endedAt === undefined ? '2020-01-15T10:00:00Z' : options.endedAt],
  );
  return id;
}

/** Reference numbers unique within the run: two invoices in the same millisecond used to collide one time in ten. */
let invoiceCount = 0;

async function heldInvoice(customerId: string, issueDate: string): Promise<string> {
  const account = randomUUID();
  const invoice = randomUUID();
  await sql(app, `insert into billing_account (id, customer_id, method, invoice_email, collected_at, created_at, updated_at) values (?, ?, 'EMAIL', ?, now(), now(), now())`, [
    account,
    customerId,
    `lasku.${customerId.slice(0, 8)}@example.test`,
  ]);
  await sql(
    app,
    `insert into invoice (id, customer_id, billing_account_id, invoice_number, reference_number, issue_date, due_date, net_amount_cents, vat_amount_cents, total_amount_cents, status, paid_date, collected_at, created_at, updated_at)
     values (?, ?, ?, nextval('invoice_number_seq'), ?, ?, ?::date + 14, 1000, 255, 1255, 'PAID', ?::date + 10, now(), now(), now())`,
    [invoice, customerId, account, `8${String(Date.now()).slice(-6)}${String((invoiceCount += 1)).padStart(4, '0')}`, issueDate, issueDate, issueDate],
  );
  return invoice;
}

const erasureEvents = (id: string) => countRows(app, 'audit_event', "subject_id = ? and action = 'erase'", [id]);
const statusOf = async (id: string) => (await sql<{ status: string }>(app, 'select status::text from customer where id = ?', [id]))[0]!.status;

beforeAll(async () => {
  app = await startTestApp({ customers: 12 });
  dpo = await app.as('dpo');
  // The demo register's own terminated customers would be due too: this suite decides who is.
  await sql(app, `update customer set status = 'ACTIVE', relationship_ended_at = null where status = 'TERMINATED'`);
}, 120_000);
afterAll(() => app?.close());

describe('who is due', () => {
  it('the months come from the data map', () => {
    expect(relationshipRetentionMonths()).toBe(36);
  });

  const DRY_RUN = `query($asOf: LocalDate) { retentionDryRun(asOf: $asOf) { asOf relationshipMonths customers holdsEnding planned wouldHold types { type deleted anonymised cleared held } } }`;

  it('the dry run reports what a run would erase, and changes nothing', async () => {
    const due = await customer();
    const dueWithHold = await customer();
    await heldInvoice(dueWithHold, '2024-03-01');
    await customer({ endedAt: `${Number(today.slice(0, 4)) - 1}-01-10T10:00:00Z` }); // ended a year ago: kept
    const stillActive = await customer({ endedAt: '2019-05-05T10:00:00Z' });
    await sql(app, `insert into contract (id, contract_number, customer_id, status, start_date, collected_at, created_at, updated_at) values (?, ?, ?, 'ACTIVE', '2018-01-01', now(), now(), now())`, [
      randomUUID(),
      `SOP-R${Date.now() % 100000}`,
      stillActive,
    ]);
    await customer({ status: 'ACTIVE', endedAt: null });

    const state = async () =>
      (
        await sql<{ digest: string }>(
          app,
          `select md5(coalesce((select string_agg(c::text, '|' order by id) from customer c), '') ||
                      coalesce((select string_agg(i::text, '|' order by id) from invoice i), '') ||
                      coalesce((select string_agg(b::text, '|' order by id) from billing_account b), '') ||
                      (select count(*) from erasure)::text || (select count(*) from retention_run)::text ||
                      (select count(*) from processing_restriction)::text || (select count(*) from audit_event where action = 'erase')::text) as digest`,
        )
      )[0]!.digest;
    const before = await state();
    const result = await dpo.gql<{ retentionDryRun: Record<string, unknown> }>(DRY_RUN, {});
    expect(result.errors).toBeUndefined();
    expect(result.data!.retentionDryRun).toMatchObject({ asOf: today, relationshipMonths: 36, customers: 2, holdsEnding: 0, planned: 2, wouldHold: 1 });
    const types = Object.fromEntries((result.data!.retentionDryRun.types as { type: string }[]).map((t) => [t.type, t]));
    expect(types.Customer).toMatchObject({ anonymised: 2, deleted: 0 });
    expect(types.Invoice).toMatchObject({ held: 1 });
    expect(types.BillingAccount).toMatchObject({ cleared: 1 });
    expect(await state()).toBe(before);
    expect([await statusOf(due), await statusOf(dueWithHold)]).toEqual(['TERMINATED', 'TERMINATED']);

    // Three years on, the customer who ended a year ago is due as well.
    const later = await dpo.gql<{ retentionDryRun: { customers: number } }>(DRY_RUN, { asOf: `${Number(today.slice(0, 4)) + 3}-06-01` });
    expect(later.data!.retentionDryRun.customers).toBe(3);
    expect(await state()).toBe(before);
  });

  it('the dry run and the runs are for the dpo alone; a day in the past is refused', async () => {
    for (const role of ['service', 'billing', 'analyst', 'admin']) {
      const client = await app.as(role);
      onlyError(await client.gql(DRY_RUN, {}), 'FORBIDDEN');
      onlyError(await client.gql('{ allRetentionRuns { id } }'), 'FORBIDDEN');
    }
    expectBadInput(await dpo.gql(DRY_RUN, { asOf: '2001-01-01' }), 'asOf');
  });
});

describe('a run', () => {
  it('erases the due customers, keeps held records restricted, and erases them when the hold ends', async () => {
    // What the previous test left due, plus these.
    const plain = await customer();
    const held = await customer();
    const invoice = await heldInvoice(held, '2023-06-01'); // kept until 31.12.2029
    const laterDue = await customer({ endedAt: `${Number(today.slice(0, 4)) - 1}-02-01T10:00:00Z` });

    const run = await app.services.retention.run(app.orm.em.fork(), { asOf: today, trigger: RetentionRunTrigger.API, batchSize: 2 });
    expect(run.status).toBe(RetentionRunStatus.COMPLETED);
    expect(run.failed).toBe(0);
    expect(run.erased).toBe(run.total);
    expect(run.erased).toBeGreaterThanOrEqual(2);
    expect(run.processed).toBe(run.erased);
    expect([await statusOf(plain), await statusOf(held), await statusOf(laterDue)]).toEqual(['ERASED', 'ERASED', 'TERMINATED']);
    expect(await erasureEvents(plain)).toBe(1);
    expect(await erasureEvents(held)).toBe(1);
    expect(await countRows(app, 'invoice', 'id = ?', [invoice])).toBe(1);
    expect(await countRows(app, 'processing_restriction', "subject_id = ? and reason = 'LEGAL_HOLD' and lifted_at is null", [held])).toBe(1);
    expect(await countRows(app, 'erasure', 'subject_id = ? and retention_run_id = ?', [held, run.id])).toBe(1);

    // A second run the same day finds nothing to do.
    const again = await app.services.retention.run(app.orm.em.fork(), { asOf: today, trigger: RetentionRunTrigger.API });
    expect(again).toMatchObject({ status: RetentionRunStatus.COMPLETED, total: 0, processed: 0, erased: 0 });
    expect(await erasureEvents(held)).toBe(1);

    // On 1.1.2030 the invoice's hold has ended: the held records go and the restriction is lifted.
    const holdEnded = await app.services.retention.run(app.orm.em.fork(), { asOf: '2030-01-01', trigger: RetentionRunTrigger.API });
    expect(holdEnded.status).toBe(RetentionRunStatus.COMPLETED);
    expect(holdEnded.holdsEnded).toBeGreaterThanOrEqual(1);
    expect(await countRows(app, 'invoice', 'id = ?', [invoice])).toBe(0);
    expect(await countRows(app, 'billing_account', 'customer_id = ?', [held])).toBe(0);
    expect(await countRows(app, 'erasure_hold', 'subject_id = ?', [held])).toBe(0);
    expect(await countRows(app, 'processing_restriction', "subject_id = ? and lifted_at is null", [held])).toBe(0);
    expect(await erasureEvents(held)).toBe(2);
    // …and by then the customer who ended last year is due as well.
    expect(await statusOf(laterDue)).toBe('ERASED');

    // The dpo follows the runs.
    const runs = await dpo.gql<{ allRetentionRuns: { id: string; status: string; erased: number }[]; _allRetentionRunsMeta: { count: number } }>(
      '{ allRetentionRuns(perPage: 10) { id status erased } _allRetentionRunsMeta { count } }',
    );
    expect(runs.errors).toBeUndefined();
    expect(runs.data!.allRetentionRuns[0]!.id).toBe(holdEnded.id);
    expect(runs.data!._allRetentionRunsMeta.count).toBeGreaterThanOrEqual(3);
    const one = await dpo.gql<{ retentionRun: { id: string; status: string; trigger: string } }>('query($id: ID!) { retentionRun(id: $id) { id status trigger } }', { id: run.id });
    expect(one.data!.retentionRun).toEqual({ id: run.id, status: 'COMPLETED', trigger: 'API' });
  });

  it('leaves a customer whose contract still runs, and one who asked for their data to be kept', async () => {
    const running = await customer();
    await sql(app, `insert into contract (id, contract_number, customer_id, status, start_date, collected_at, created_at, updated_at) values (?, ?, ?, 'ACTIVE', '2018-01-01', now(), now(), now())`, [
      randomUUID(),
      `SOP-K${Date.now() % 100000}`,
      running,
    ]);
    const keep = await customer();
    await app.services.restrictions.restrict(app.orm.em.fork(), { subjectType: 'CUSTOMER', subjectId: keep, reason: 'DATA_SUBJECT_REQUEST' });
    await app.services.retention.run(app.orm.em.fork(), { asOf: today, trigger: RetentionRunTrigger.API });
    expect([await statusOf(running), await statusOf(keep)]).toEqual(['TERMINATED', 'TERMINATED']);
  });
});

describe('safe to run twice and to stop', () => {
  it('two runners in parallel on the same database erase each customer exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 16 }, () => customer()));
    const [first, second] = await Promise.all([
      app.services.retention.run(app.orm.em.fork(), { asOf: today, trigger: RetentionRunTrigger.API, batchSize: 3 }),
      app.services.retention.run(app.orm.em.fork(), { asOf: today, trigger: RetentionRunTrigger.API, batchSize: 3 }),
    ]);
    expect(first.status).toBe(RetentionRunStatus.COMPLETED);
    expect(second.status).toBe(RetentionRunStatus.COMPLETED);
    expect(first.failed + second.failed).toBe(0);
    expect(first.erased + second.erased).toBe(16);
    for (const id of ids) expect(await erasureEvents(id), id).toBe(1);
    expect(await countRows(app, 'erasure', `subject_id = any(?::uuid[])`, [`{${ids.join(',')}}`])).toBe(16);
  });

  it('a run stopped midway is finished by the next one; a run that died is marked INTERRUPTED', async () => {
    const ids = await Promise.all(Array.from({ length: 7 }, () => customer()));
    let processed = 0;
    const stopped = await app.services.retention.run(app.orm.em.fork(), {
      asOf: today,
      trigger: RetentionRunTrigger.CLI,
      batchSize: 2,
      onProgress: (run) => (processed = run.processed),
      shouldStop: () => processed >= 3,
    });
    expect(stopped.status).toBe(RetentionRunStatus.STOPPED);
    expect(stopped.erased).toBeGreaterThanOrEqual(3);
    expect(stopped.erased).toBeLessThan(7);
    const erasedFirst = (await Promise.all(ids.map(statusOf))).filter((s) => s === 'ERASED').length;
    expect(erasedFirst).toBe(stopped.erased);

    // A run whose process died an hour ago (its heartbeat stopped).
    const dead = randomUUID();
    await sql(app, `insert into retention_run (id, as_of, trigger, status, started_at, heartbeat_at, total) values (?, current_date, 'SCHEDULE', 'RUNNING', now() - interval '1 hour', now() - interval '1 hour', 5)`, [dead]);

    const resumed = await app.services.retention.run(app.orm.em.fork(), { asOf: today, trigger: RetentionRunTrigger.CLI });
    expect(resumed.status).toBe(RetentionRunStatus.COMPLETED);
    expect(resumed.erased).toBe(7 - stopped.erased);
    for (const id of ids) {
      expect(await statusOf(id)).toBe('ERASED');
      expect(await erasureEvents(id)).toBe(1);
    }
    expect((await sql<{ status: string }>(app, 'select status from retention_run where id = ?', [dead]))[0]!.status).toBe('INTERRUPTED');
  });
});

describe('walking the due list a page at a time', () => {
  it('crosses pages, ties of the same instant included, erasing each customer and then each ended hold exactly once', async () => {
    // Two subjects per page: nine customers cross five pages. Seven ended at the same microsecond
    // (the page boundary falls between ties: the order goes on by id), two a microsecond later.
    const sameInstant = await Promise.all(Array.from({ length: 7 }, () => customer({ endedAt: '2020-03-15T10:00:00.123456Z' })));
    const later = await Promise.all(Array.from({ length: 2 }, () => customer({ endedAt: '2020-03-15T10:00:00.123457Z' })));
    const ids = [...sameInstant, ...later];
    // Invoices of 2023 are kept until 31.12.2029: five of them leave a hold that ends on 1.1.2030.
    const held = ids.slice(0, 5);
    const invoices = await Promise.all(held.map((id) => heldInvoice(id, '2023-06-01')));
    const retention = new RetentionService(app.services.erasure, 2);

    const run = await retention.run(app.orm.em.fork(), { asOf: today, trigger: RetentionRunTrigger.API, batchSize: 4 });
    expect(run).toMatchObject({ status: RetentionRunStatus.COMPLETED, failed: 0, erased: 9, held: 5, processed: 9, total: 9 });
    for (const id of ids) {
      expect(await statusOf(id), id).toBe('ERASED');
      expect(await erasureEvents(id), id).toBe(1);
    }
    for (const invoice of invoices) expect(await countRows(app, 'invoice', 'id = ?', [invoice])).toBe(1);

    const holdsEnded = await retention.run(app.orm.em.fork(), { asOf: '2030-01-01', trigger: RetentionRunTrigger.API, batchSize: 4 });
    expect(holdsEnded).toMatchObject({ status: RetentionRunStatus.COMPLETED, failed: 0 });
    expect(holdsEnded.holdsEnded).toBeGreaterThanOrEqual(5);
    for (const id of held) {
      expect(await erasureEvents(id), id).toBe(2);
      expect(await countRows(app, 'erasure_hold', 'subject_id = ?', [id])).toBe(0);
    }
    for (const invoice of invoices) expect(await countRows(app, 'invoice', 'id = ?', [invoice])).toBe(0);
  });
});

describe('the job queue', () => {
  it('pg-boss in its own schema schedules the daily run and runs a queued one', async () => {
    const due = await customer();
    const job = new RetentionJob(app.orm, app.services.retention, createLogger('silent'), {
      databaseUrl: app.databaseUrl,
      schedule: '30 2 * * *',
      batchSize: 50,
    });
    await job.start();
    try {
      const [schedule] = await sql<{ cron: string; timezone: string }>(app, `select cron, timezone from pgboss.schedule where name = 'retention'`);
      expect(schedule).toEqual({ cron: '30 2 * * *', timezone: 'Europe/Helsinki' });
      const [queue] = await sql<{ policy: string }>(app, `select policy from pgboss.queue where name = 'retention'`);
      expect(queue!.policy).toBe('singleton');
      expect(await job.runNow()).toBeTruthy();
      // The customer is erased in its own transaction before the run records that it finished: wait for both.
      const completedRuns = () => countRows(app, 'retention_run', "trigger = 'SCHEDULE' and status = 'COMPLETED'");
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && ((await statusOf(due)) !== 'ERASED' || (await completedRuns()) < 1)) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(await statusOf(due)).toBe('ERASED');
      expect(await completedRuns()).toBeGreaterThanOrEqual(1);
      // The job's data names no person.
      const jobs = await sql<{ data: unknown }>(app, `select data from pgboss.job where name = 'retention'`);
      for (const row of jobs) expect(row.data).toEqual({ trigger: 'SCHEDULE' });
    } finally {
      await job.stop();
    }
  }, 60_000);
});

describe('the command line', () => {
  const apiRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/cli/main.ts', ...args], {
        cwd: apiRoot,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: app.databaseUrl,
          DATA_DIR: join(tmpdir(), 'register-retention-cli'),
          PIN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
          PIN_ENCRYPTION_KEY_ID: 'cli-test',
          BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
          SESSION_SECRET: randomBytes(32).toString('hex'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('register retention run --dry-run reports and changes nothing; without it erases, with progress on stderr', async () => {
    const ids = await Promise.all(Array.from({ length: 3 }, () => customer()));
    const dry = await cli(['retention', 'run', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('customers to erase: 3');
    expect(dry.stdout).toContain('Nothing was changed.');
    expect(dry.stderr).toContain('planned 3/3');
    for (const id of ids) expect(await statusOf(id)).toBe('TERMINATED');

    const bad = await cli(['retention', 'run', '--as-of', '31.12.2026']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--as-of');

    const real = await cli(['retention', 'run', '--batch-size', '2']);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/COMPLETED, 3 customers erased/);
    expect(real.stderr).toMatch(/running: 2\/3 processed/);
    for (const id of ids) expect(await statusOf(id)).toBe('ERASED');
  }, 180_000);
});
