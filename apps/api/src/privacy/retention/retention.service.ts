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

  constructor(private readonly erasure: ErasureService) {}

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
    const skipped = new Set<string>();
    try {
      for (const kind of ['customers', 'holds'] as const) {
        for (;;) {
          let done = 0;
          let exhausted = false;
          while (done < batchSize) {
            if (options.shouldStop?.()) {
              run.status = RetentionRunStatus.STOPPED;
              break;
            }
            const result = await this.eraseNext(em, kind, options.asOf, run.id, audit, skipped);
            if (result === 'none') {
              exhausted = true;
              break;
            }
            done += 1;
            run.processed += 1;
            if (result === 'failed') run.failed += 1;
            else if (result === 'unchanged') continue;
            else if (kind === 'holds') run.holdsEnded += 1;
            else {
              run.erased += 1;
              if (result === 'held') run.held += 1;
            }
          }
          run.heartbeatAt = new Date();
          await em.flush();
          options.onProgress?.(run);
          if (exhausted || run.status === RetentionRunStatus.STOPPED) break;
        }
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
   * Erases the next due subject in a transaction of its own. The row lock (SKIP LOCKED) keeps a
   * parallel runner off the same subject; a subject that fails is skipped for the rest of the run.
   */
  private async eraseNext(
    em: EntityManager,
    kind: 'customers' | 'holds',
    asOf: string,
    runId: string,
    audit: AuditLog,
    skipped: Set<string>,
  ): Promise<'none' | 'erased' | 'held' | 'unchanged' | 'failed'> {
    return em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const exclude = `{${[...skipped].join(',')}}`;
      let subject: ErasureSubject | undefined;
      if (kind === 'customers') {
        const [row] = await connection.execute<{ id: string }[]>(
          `select c.id::text as id ${DUE_CUSTOMERS} and c.id <> all(?::uuid[])
            order by c.relationship_ended_at, c.id limit 1 for update of c skip locked`,
          [asOf, this.relationshipMonths, exclude],
          'all',
          context,
        );
        if (row) subject = { type: 'CUSTOMER', id: row.id };
      } else {
        const [row] = await connection.execute<{ subject_type: SubjectType; subject_id: string }[]>(
          `select h.subject_type, h.subject_id::text as subject_id ${DUE_HOLDS} and h.subject_id <> all(?::uuid[])
            order by h.held_until, h.subject_id limit 1 for update of h skip locked`,
          [asOf, exclude],
          'all',
          context,
        );
        if (row) subject = { type: row.subject_type, id: row.subject_id };
      }
      if (!subject) return 'none';
      try {
        const outcome = await this.erasure.execute(tx, audit, subject, {
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
        skipped.add(subject.id);
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
