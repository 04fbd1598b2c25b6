import { randomUUID } from 'node:crypto';
import type { Caller } from '../../access/caller.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { AuditLog } from '../../audit/audit-log.js';
import { forbidden } from '../../common/errors.js';
import { ProcessingRestriction, type RestrictionReasonName, type RestrictionSubjectTypeName } from './restriction.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RestrictInput {
  subjectType: RestrictionSubjectTypeName;
  subjectId: string;
  reason: RestrictionReasonName;
  requestId?: string | null;
  /** The staff user who restricts; empty when the system does (erasure, retention). */
  by?: string | null;
}

export interface LiftInput {
  subjectId: string;
  /** Lift only the restriction of this reason; every active one when empty. */
  reason?: RestrictionReasonName;
  by?: string | null;
}

/** The message every refused read or write of a restricted subject carries. */
export const RESTRICTED_MESSAGE =
  'Processing of this person’s data is restricted (GDPR Art. 18): only the registry liaison officer (dpo) may read or change it until the restriction is lifted.';

export const restrictedError = () => forbidden(RESTRICTED_MESSAGE);

/**
 * Restrictions of processing. Every method works in the EntityManager it is given, so a caller
 * that restricts inside its own transaction (erasure keeping records under a legal hold) commits
 * or rolls back the restriction with its work. Reads go through `loader`: one query per request
 * and page, whatever the number of rows.
 */
export class RestrictionService {
  /**
   * Restricts the subject's processing for the reason. Idempotent: an active restriction of the
   * same subject and reason is returned as it is (the database allows one).
   */
  async restrict(em: EntityManager, input: RestrictInput, audit?: AuditLog): Promise<ProcessingRestriction> {
    if (!UUID.test(input.subjectId)) throw new Error('restrict: subjectId must be a UUID');
    const connection = em.getConnection();
    const context = em.getTransactionContext();
    const inserted = await connection.execute<{ id: string }[]>(
      `insert into processing_restriction (id, subject_type, subject_id, reason, request_id, since, restricted_by_id)
       values (?, ?, ?, ?, ?, now(), ?)
       on conflict (subject_id, reason) where lifted_at is null do nothing
       returning id`,
      [randomUUID(), input.subjectType, input.subjectId, input.reason, input.requestId ?? null, input.by ?? null],
      'all',
      context,
    );
    if (inserted.length > 0 && audit) {
      await audit.write(em, [
        {
          operation: 'restrictProcessing',
          action: 'restrict',
          subjectType: subjectTypeName(input.subjectType),
          subjectId: input.subjectId,
          fields: input.requestId ? [`request:${input.requestId}`] : [],
          outcome: input.reason,
        },
      ]);
    }
    const active = await em.findOne(
      ProcessingRestriction,
      { subjectId: input.subjectId, reason: input.reason, liftedAt: null },
      { refresh: true },
    );
    if (!active) throw new Error('restrict: the restriction was not stored');
    return active;
  }

  /** Lifts the subject's active restrictions (of one reason, or all). Returns those lifted. */
  async lift(em: EntityManager, input: LiftInput, audit?: AuditLog): Promise<ProcessingRestriction[]> {
    if (!UUID.test(input.subjectId)) return [];
    const rows = await em.getConnection().execute<{ id: string; subject_type: RestrictionSubjectTypeName; reason: string }[]>(
      `update processing_restriction set lifted_at = greatest(now(), since), lifted_by_id = ?
        where subject_id = ? and lifted_at is null ${input.reason ? 'and reason = ?' : ''}
        returning id, subject_type, reason`,
      [input.by ?? null, input.subjectId, ...(input.reason ? [input.reason] : [])],
      'all',
      em.getTransactionContext(),
    );
    if (rows.length > 0 && audit) {
      await audit.write(
        em,
        rows.map((row) => ({
          operation: 'liftRestriction',
          action: 'lift',
          subjectType: subjectTypeName(row.subject_type),
          subjectId: input.subjectId,
          fields: [],
          outcome: row.reason,
        })),
      );
    }
    if (rows.length === 0) return [];
    return em.find(ProcessingRestriction, { id: { $in: rows.map((row) => row.id) } }, { refresh: true, orderBy: { since: 'asc' } });
  }

  async isRestricted(em: EntityManager, subjectId: string): Promise<boolean> {
    return (await this.restrictedAmong(em, [subjectId])).has(subjectId);
  }

  /** Which of these subjects are restricted now: one query for any number of ids. */
  async restrictedAmong(em: EntityManager, subjectIds: readonly string[]): Promise<Set<string>> {
    const ids = [...new Set(subjectIds.filter((id) => UUID.test(id)))];
    if (ids.length === 0) return new Set();
    const rows = await em.getConnection().execute<{ subject_id: string }[]>(
      `select distinct subject_id from processing_restriction where lifted_at is null and subject_id = any(?::uuid[])`,
      [`{${ids.join(',')}}`],
      'all',
      em.getTransactionContext(),
    );
    return new Set(rows.map((row) => row.subject_id));
  }

  /** Every restriction of a subject, active and lifted, oldest first. */
  history(em: EntityManager, subjectId: string): Promise<ProcessingRestriction[]> {
    if (!UUID.test(subjectId)) return Promise.resolve([]);
    return em.find(ProcessingRestriction, { subjectId }, { orderBy: { since: 'asc', id: 'asc' } });
  }

  /**
   * Refuses a write that touches a restricted subject, unless the caller may process restricted
   * data (dpo). Services and the access layer's write guard call it before changing anything.
   */
  async assertWritable(em: EntityManager, mayProcessRestricted: boolean, subjectIds: readonly string[]): Promise<void> {
    if (mayProcessRestricted || subjectIds.length === 0) return;
    if ((await this.restrictedAmong(em, subjectIds)).size > 0) throw restrictedError();
  }
}

/** The audit log's name of the subject's type. */
export function subjectTypeName(type: RestrictionSubjectTypeName): string {
  return type === 'CUSTOMER' ? 'Customer' : 'ContactPerson';
}

const loaders = new WeakMap<object, DataLoader<string, boolean>>();

/**
 * Whether a subject is restricted, batched per request: every field rule of a page asks in the
 * same tick and one query answers them all. Per request only, so a restriction or a lift takes
 * effect in the very next request.
 */
export function restrictionLoader(ctx: {
  em: EntityManager;
  services: { restrictions: RestrictionService };
  caller?: Caller;
}): DataLoader<string, boolean> {
  // Per request (its context): the request's EntityManager is forked only if the loader queries.
  let loader = loaders.get(ctx);
  if (!loader) {
    // The caller's look-up said no restriction was active when the request began: nothing to ask.
    const noneActive = ctx.caller !== undefined && 'anyRestrictions' in ctx.caller && ctx.caller.anyRestrictions === false;
    loader = new DataLoader(async (ids: readonly string[]) => {
      if (noneActive) return ids.map(() => false);
      const restricted = await ctx.services.restrictions.restrictedAmong(ctx.em, ids);
      return ids.map((id) => restricted.has(id));
    });
    loaders.set(ctx, loader);
  }
  return loader;
}
