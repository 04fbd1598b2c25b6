import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { dataMap, type DataMap } from '@register/schema';
import { AuditLog } from '../../audit/audit-log.js';
import type { ErasureService, ErasureSubject } from '../erasure/erasure.service.js';
import type { SubjectType } from '../erasure/erasure-model.js';
import { RetentionRun, RetentionRunStatus, RetentionRunTrigger } from './retention-run.entity.js';

/**
 * The retention job: erases customers whose relationship ended and whose data is no longer needed,
 * and erases the records kept under a legal hold once the hold has ended.
 *
 * "Relationship ended" (decided from the data): the customer's status is TERMINATED (set by staff
 * when the relationship ends; `relationshipEndedAt` records the day), no contract of theirs is
 * ACTIVE or DRAFT, no order of theirs is still open, and the person has not asked for their data to
 * be kept (an active restriction on their own request, GDPR Art. 18(1)(c)). Their data is "no longer
 * needed" once the longest `relationship-end` retention of the data map (36 months today) has
 * passed since that day. Records under a legal hold then stay, restricted, until the hold ends —
 * the same erasure plan decides that — and a later run erases them.
 *
 * Safe to stop and restart, and to run on several instances at once: each subject is erased in its
 * own transaction, picked with FOR UPDATE SKIP LOCKED, and what is due is decided from the data
 * (an erased customer is no longer TERMINATED; an ended hold is removed or moved to the next end),
 * so a customer is erased exactly once and a stopped or crashed run leaves the rest for the next.
 */

export interface RetentionDue {
  customers: number;
  holdsEnding: number;
}

export interface RetentionReportType {
  type: string;
  deleted: number;
  anonymised: number;
  cleared: number;
  held: number;
}

export interface RetentionReport {
  asOf: string;
  relationshipMonths: number;
  /** Customers whose data is no longer needed (would be erased). */
  customers: number;
  /** Erased data subjects with a legal hold ending by asOf (their held records would be erased). */
  holdsEnding: number;
  /** Subjects whose plans the counts below cover (all of them, up to `limit`). */
  planned: number;
  types: RetentionReportType[];
  /** Of the customers erased, how many would keep records under a legal hold. */
  wouldHold: number;
}

export interface RunOptions {
  asOf: string;
  trigger: RetentionRunTrigger;
  batchSize?: number;
  /** Called after every batch (the CLI prints it). */
  onProgress?: (run: RetentionRun) => void;
  /** Asked between subjects: true stops the run (status STOPPED), the rest is left for later. */
  shouldStop?: () => boolean;
}

/** A run whose heartbeat is older than this is taken to have died with its process. */
const STALE_MINUTES = 15;

/** Due subjects read per statement while a run walks them (ids only). */
const CANDIDATE_PAGE = 500;

/** The longest time any customer data is kept after the relationship ends, from the map. */
export function relationshipRetentionMonths(map: DataMap = dataMap): number {
  let months = 0;
  for (const type of Object.values(map)) {
    for (const field of Object.values(type.fields)) {
      if (field.retention.after === 'relationship-end') months = Math.max(months, field.retention.months);
    }
  }
  return months;
}

const DUE_CUSTOMERS = `
  from customer c
  where c.status = 'TERMINATED'
    and c.relationship_ended_at < (((?::date - make_interval(months => ?))::date + 1)::timestamp at time zone 'Europe/Helsinki')
    and not exists (select 1 from contract k where k.customer_id = c.id and k.status in ('ACTIVE', 'DRAFT'))
    and not exists (select 1 from customer_order o where o.customer_id = c.id and o.status in ('NEW', 'CONFIRMED', 'IN_DELIVERY'))
    and not exists (select 1 from processing_restriction r where r.subject_id = c.id and r.lifted_at is null and r.reason = 'DATA_SUBJECT_REQUEST')`;

const DUE_HOLDS = `from erasure_hold h where h.held_until < ?::date`;

export class RetentionService {
  readonly relationshipMonths = relationshipRetentionMonths();

  constructor(
    private readonly erasure: ErasureService,
    /** Due subjects read per statement while a run walks them (smaller in tests, to cross pages). */
    private readonly candidatePage = CANDIDATE_PAGE,
  ) {}

  async due(em: EntityManager, asOf: string): Promise<RetentionDue> {
    const [row] = await em.getConnection().execute<{ customers: string; holds: string }[]>(
      `select (select count(*) ${DUE_CUSTOMERS}) as customers, (select count(*) ${DUE_HOLDS}) as holds`,
      [asOf, this.relationshipMonths, asOf],
      'all',
    );
    return { customers: Number(row?.customers ?? 0), holdsEnding: Number(row?.holds ?? 0) };
  }

  /** What a run on `asOf` would do, without changing anything. */
  async dryRun(em: EntityManager, asOf: string, limit = 500, onProgress?: (done: number, total: number) => void): Promise<RetentionReport> {
    const due = await this.due(em, asOf);
    const connection = em.getConnection();
    const customers = await connection.execute<{ id: string }[]>(
      `select c.id::text as id ${DUE_CUSTOMERS} order by c.relationship_ended_at, c.id limit ?`,
      [asOf, this.relationshipMonths, limit],
      'all',
    );
    const holds = await connection.execute<{ subject_type: SubjectType; subject_id: string }[]>(
      `select h.subject_type, h.subject_id::text as subject_id ${DUE_HOLDS} order by h.held_until, h.subject_id limit ?`,
      [asOf, Math.max(0, limit - customers.length)],
      'all',
    );
    const subjects: ErasureSubject[] = [
      ...customers.map((row) => ({ type: 'CUSTOMER' as const, id: row.id })),
      ...holds.map((row) => ({ type: row.subject_type, id: row.subject_id })),
    ];
    const byType = new Map<string, RetentionReportType>();
    let wouldHold = 0;
    for (const [index, subject] of subjects.entries()) {
      const plan = await this.erasure.plan(em, subject, asOf);
      if (index < customers.length && plan.counts.held > 0) wouldHold += 1;
      for (const planned of plan.types) {
        let counts = byType.get(planned.typeName);
        if (!counts) byType.set(planned.typeName, (counts = { type: planned.typeName, deleted: 0, anonymised: 0, cleared: 0, held: 0 }));
        for (const record of planned.records) {
          if (record.action === 'DELETE') counts.deleted += 1;
          else if (record.action === 'ANONYMISE') counts.anonymised += 1;
          else if (record.action === 'CLEAR') counts.cleared += 1;
          else counts.held += 1;
        }
      }
      onProgress?.(index + 1, subjects.length);
    }
    return {
      asOf,
      relationshipMonths: this.relationshipMonths,
      customers: due.customers,
      holdsEnding: due.holdsEnding,
      planned: subjects.length,
      types: [...byType.values()].filter((t) => t.deleted + t.anonymised + t.cleared + t.held > 0),
      wouldHold,
    };
  }

  /** Runs the job to the end (or until asked to stop). Returns the finished run. */
  async run(em: EntityManager, options: RunOptions): Promise<RetentionRun> {
    const batchSize = options.batchSize ?? 100;
    await em.getConnection().execute(
      `update retention_run set status = 'INTERRUPTED', finished_at = clock_timestamp()
        where status = 'RUNNING' and heartbeat_at < clock_timestamp() - make_interval(mins => ?)`,
      [STALE_MINUTES],
      'run',
    );
    const due = await this.due(em, options.asOf);
    const run = em.create(RetentionRun, {
      id: randomUUID(),
      asOf: options.asOf,
      trigger: options.trigger,
      total: due.customers + due.holdsEnding,
    });
    await em.persist(run).flush();
    const audit = new AuditLog({ kind: 'system', name: 'retention' }, 'retention job', `retention-${run.id}`, 'retention');
    const heartbeat = async () => {
      run.heartbeatAt = new Date();
      await em.flush();
      options.onProgress?.(run);
    };
    try {
      for (const kind of ['customers', 'holds'] as const) {
        let done = 0;
        for await (const candidate of this.candidates(em, kind, options.asOf)) {
          if (options.shouldStop?.()) {
            run.status = RetentionRunStatus.STOPPED;
            break;
          }
          const result = await this.eraseCandidate(em, kind, candidate, options.asOf, run.id, audit);
          // Another runner has it in hand, or it is no longer due: not this run's work.
          if (result === 'gone') continue;
          run.processed += 1;
          if (result === 'failed') run.failed += 1;
          else if (result === 'erased' || result === 'held') {
            if (kind === 'holds') run.holdsEnded += 1;
            else {
              run.erased += 1;
              if (result === 'held') run.held += 1;
            }
          }
          done += 1;
          if (done % batchSize === 0) await heartbeat();
        }
        await heartbeat();
        if (run.status === RetentionRunStatus.STOPPED) break;
      }
      if (run.status === RetentionRunStatus.RUNNING) run.status = RetentionRunStatus.COMPLETED;
    } catch (error) {
      run.status = RetentionRunStatus.FAILED;
      run.error = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    }
    run.finishedAt = new Date();
    run.heartbeatAt = run.finishedAt;
    await em.flush();
    options.onProgress?.(run);
    return run;
  }

  /**
   * The due subjects in the order they are erased, read a page at a time without locks: each page
   * continues after the last subject of the one before (keyset), so the run walks the due list once
   * instead of searching it again from the start for every subject. Whether a candidate is still
   * due is decided again, under its lock, when it is erased.
   */
  private async *candidates(em: EntityManager, kind: 'customers' | 'holds', asOf: string): AsyncGenerator<ErasureSubject> {
    const connection = em.getConnection();
    if (kind === 'customers') {
      let after: { endedAt: string; id: string } | undefined;
      for (;;) {
        const rows = await connection.execute<{ id: string; ended_at: string }[]>(
          `select c.id::text as id, c.relationship_ended_at::text as ended_at ${DUE_CUSTOMERS}
              ${after ? 'and (c.relationship_ended_at, c.id) > (?::timestamptz, ?::uuid)' : ''}
            order by c.relationship_ended_at, c.id limit ?`,
          [asOf, this.relationshipMonths, ...(after ? [after.endedAt, after.id] : []), this.candidatePage],
          'all',
        );
        for (const row of rows) yield { type: 'CUSTOMER', id: row.id };
        if (rows.length < this.candidatePage) return;
        after = { endedAt: rows.at(-1)!.ended_at, id: rows.at(-1)!.id };
      }
    }
    let after: { heldUntil: string; type: string; id: string } | undefined;
    for (;;) {
      const rows = await connection.execute<{ subject_type: SubjectType; subject_id: string; held_until: string }[]>(
        `select h.subject_type, h.subject_id::text as subject_id, h.held_until::text as held_until ${DUE_HOLDS}
            ${after ? 'and (h.held_until, h.subject_type, h.subject_id) > (?::date, ?, ?::uuid)' : ''}
          order by h.held_until, h.subject_type, h.subject_id limit ?`,
        [asOf, ...(after ? [after.heldUntil, after.type, after.id] : []), this.candidatePage],
        'all',
      );
      for (const row of rows) yield { type: row.subject_type, id: row.subject_id };
      if (rows.length < this.candidatePage) return;
      const last = rows.at(-1)!;
      after = { heldUntil: last.held_until, type: last.subject_type, id: last.subject_id };
    }
  }

  /**
   * Erases one candidate in a transaction of its own, if it is still due: the row lock (SKIP
   * LOCKED) keeps a parallel runner off the same subject, and the due condition is checked again
   * under it, so a subject another runner erased meanwhile is left alone ('gone'). A subject that
   * fails is counted and left for the next run.
   */
  private async eraseCandidate(
    em: EntityManager,
    kind: 'customers' | 'holds',
    candidate: ErasureSubject,
    asOf: string,
    runId: string,
    audit: AuditLog,
  ): Promise<'gone' | 'erased' | 'held' | 'unchanged' | 'failed'> {
    return em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      // The commit does not wait for the disk (about 7 ms a subject on a busy 2-core machine). A
      // crash can lose only the last few erasures, each whole with its audit events, and never
      // one that a later durable commit (the run's progress included) comes after; what is due
      // is decided from the data, so the next run erases those customers again.
      await connection.execute('set local synchronous_commit = off', [], 'run', context);
      const locked =
        kind === 'customers'
          ? await connection.execute<{ id: string }[]>(
              `select c.id::text as id ${DUE_CUSTOMERS} and c.id = ? for update of c skip locked`,
              [asOf, this.relationshipMonths, candidate.id],
              'all',
              context,
            )
          : await connection.execute<{ id: string }[]>(
              `select h.subject_id::text as id ${DUE_HOLDS} and h.subject_type = ? and h.subject_id = ? for update of h skip locked`,
              [asOf, candidate.type, candidate.id],
              'all',
              context,
            );
      if (locked.length === 0) return 'gone';
      try {
        const outcome = await this.erasure.execute(tx, audit, candidate, {
          asOf,
          executedBy: null,
          retentionRunId: runId,
          operation: 'retention',
          onlyIfPending: true,
        });
        if (!outcome) return 'unchanged';
        return outcome.heldUntil ? 'held' : 'erased';
      } catch {
        // The subject's own savepoint is rolled back; the error names no personal data but may
        // name a record: it is not stored, the subject is counted as failed and retried next run.
        return 'failed';
      }
    });
  }

  async list(em: EntityManager, options: { limit: number; offset: number; orderBy: Record<string, 'asc' | 'desc'> }): Promise<RetentionRun[]> {
    return em.find(RetentionRun, {}, options);
  }

  count(em: EntityManager): Promise<number> {
    return em.count(RetentionRun, {});
  }
}
