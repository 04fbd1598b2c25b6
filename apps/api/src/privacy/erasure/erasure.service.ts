import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { classification, LEGAL_HOLDS, type ErasureStrategy, type LegalHold, type Text } from '@register/schema';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput, notFound } from '../../common/errors.js';
import {
  buildErasureModel,
  DELETION_FUNCTIONS,
  dependencyOrder,
  HOLD_STARTS,
  pgArray,
  subjectPath,
  type ErasureModel,
  type ErasureTable,
  type StoredColumn,
  type SubjectType,
} from './erasure-model.js';
import { holdApplies, holdEndDate } from './hold-dates.js';
import type { RestrictionService } from '../restriction/restriction.service.js';

/**
 * The erasure of a data subject (GDPR Art. 17), computed from the data map and executed in one
 * transaction. What happens to each record:
 *   - DELETE: the row is removed;
 *   - ANONYMISE: the subject's own record (the customer) stays as an opaque key with status ERASED
 *     and every identifier removed, so that held records and the audit log still point somewhere;
 *   - HOLD: a legal hold applies until `heldUntil`: the held fields stay, every other personal
 *     field is removed, and the subject is restricted (only the dpo reads it) until the hold ends;
 *   - CLEAR: a held record refers to it (e.g. the billing account of a held invoice), so the row
 *     stays with its personal fields removed.
 * The fingerprint covers every record's action and its current contents: executing with a
 * fingerprint from an older plan is refused, so the dpo executes exactly the plan they saw.
 */

export type RecordAction = 'DELETE' | 'ANONYMISE' | 'HOLD' | 'CLEAR';

export interface ErasureSubject {
  type: SubjectType;
  id: string;
}

export interface PlannedField {
  field: string;
  label: Text;
  strategy: ErasureStrategy['strategy'];
  replacement: string | null;
  hold: LegalHold | null;
  law: string | null;
  reason: string | null;
}

export interface PlannedRecord {
  id: string;
  action: RecordAction;
  hold: LegalHold | null;
  law: string | null;
  heldUntil: string | null;
  digest: string;
  references: Record<string, string | null>;
}

export interface PlannedType {
  typeName: string;
  label: Text;
  table: string;
  fields: PlannedField[];
  records: PlannedRecord[];
}

export interface ErasurePlanCounts {
  records: number;
  deleted: number;
  anonymised: number;
  cleared: number;
  held: number;
}

export interface ErasurePlan {
  subjectType: SubjectType;
  subjectId: string;
  asOf: string;
  fingerprint: string;
  alreadyErased: boolean;
  /** The next day a hold ends (the retention job erases those records then), or null. */
  heldUntil: string | null;
  counts: ErasurePlanCounts;
  types: PlannedType[];
  /** Classified types that store nothing of their own (computed on read). */
  computedTypes: { typeName: string; label: Text }[];
}

export interface ErasureOutcome {
  erasureId: string;
  subjectType: SubjectType;
  subjectId: string;
  counts: ErasurePlanCounts;
  heldUntil: string | null;
  ledgerEntriesRemoved: number;
  restricted: boolean;
}

const ROOT: Readonly<Record<SubjectType, { typeName: string; member: string; argument: string }>> = {
  CUSTOMER: { typeName: 'Customer', member: 'customerId', argument: 'customerId' },
  CONTACT_PERSON: { typeName: 'ContactPerson', member: 'contactPersonId', argument: 'contactPersonId' },
};

/** What the erasure itself writes into the subject's kept record (data map: Customer.status). */
const ROOT_MARKS: Readonly<Record<string, Record<string, string>>> = {
  customer: {
    status: `'ERASED'`,
    relationship_ended_at: 'coalesce("relationship_ended_at", clock_timestamp())',
    updated_at: 'clock_timestamp()',
  },
};

/**
 * Through which field a type's records belong to the subject being erased: a customer's records
 * name it in `customerId` (its contact persons too); a contact person's own records name them in
 * `contactPersonId`, and records about "a customer or a contact person" in their subject field.
 */
function membershipField(table: ErasureTable, subjectType: SubjectType): string | undefined {
  const { subject, fields } = table.classification;
  if (subjectType === 'CUSTOMER') return subject === 'customerId' || fields.customerId ? 'customerId' : undefined;
  if (fields.contactPersonId) return 'contactPersonId';
  return isEvidence(table) ? subject : undefined;
}

/**
 * Records about a data subject that serve a purpose of their own (a data subject request, a
 * disclosure to an authority): their subject is neither a customer key nor their own id. They are
 * kept under their own retention, naming the person by id only; what the map says to remove from
 * them (e.g. identifying details given by a requester) is removed.
 */
function isEvidence(table: ErasureTable): boolean {
  const { subject } = table.classification;
  return subject !== 'customerId' && subject !== 'id';
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function plannedField(field: string, label: Text, erasure: ErasureStrategy): PlannedField {
  return {
    field,
    label,
    strategy: erasure.strategy,
    replacement: erasure.strategy === 'anonymise' ? erasure.replacement : null,
    hold: erasure.strategy === 'hold' ? erasure.hold : null,
    law: erasure.strategy === 'hold' ? LEGAL_HOLDS[erasure.hold].law : null,
    reason: erasure.strategy === 'none' ? erasure.reason : null,
  };
}

function clearedValue(table: ErasureTable, column: StoredColumn): string {
  if (column.nullable) return 'null';
  if (column.array) return `'{}'`;
  if (column.hasDefault) return 'default';
  throw new Error(
    `erasure: ${table.table}.${column.name} is NOT NULL without a default, so a kept record cannot lose it; ` +
      'classify its field with anonymise and a replacement, or make the column nullable',
  );
}

export class ErasureService {
  private model: Promise<ErasureModel> | undefined;

  constructor(private readonly restrictions: RestrictionService) {}

  erasureModel(em: EntityManager): Promise<ErasureModel> {
    this.model ??= buildErasureModel(em).catch((error: unknown) => {
      this.model = undefined;
      throw error;
    });
    return this.model;
  }

  /** Which subject the arguments name: exactly one of customerId and contactPersonId. */
  subjectOf(args: { customerId?: string | null; contactPersonId?: string | null }): ErasureSubject {
    if (args.customerId && args.contactPersonId) {
      throw badInput('customerId', 'give either customerId or contactPersonId, not both: erase one data subject at a time');
    }
    if (args.customerId) return { type: 'CUSTOMER', id: args.customerId };
    if (args.contactPersonId) return { type: 'CONTACT_PERSON', id: args.contactPersonId };
    throw badInput('customerId', 'is required: give the customerId (or the contactPersonId) of the data subject to erase');
  }

  /**
   * The ERASURE request an erasure answers must exist, be an erasure request, be open and concern
   * the same data subject.
   */
  async checkRequest(em: EntityManager, subject: ErasureSubject, requestId: string): Promise<void> {
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const [request] = UUID.test(requestId)
      ? await em.getConnection().execute<{ type: string; status: string; customer_id: string | null; contact_person_id: string | null }[]>(
          'select type::text as type, status::text as status, customer_id::text as customer_id, contact_person_id::text as contact_person_id from data_subject_request where id = ?',
          [requestId],
          'all',
          em.getTransactionContext(),
        )
      : [];
    if (!request) throw badInput('requestId', 'no data subject request has this id; give the id of the ERASURE request, or leave it empty');
    if (request.type !== 'ERASURE') throw badInput('requestId', `is a ${request.type} request; an erasure answers an ERASURE request`);
    if (request.status === 'COMPLETED' || request.status === 'REFUSED') {
      throw badInput('requestId', `this request is already ${request.status}; an erasure answers an open request`);
    }
    const concerns = subject.type === 'CUSTOMER' ? request.customer_id : request.contact_person_id;
    if (concerns !== subject.id) {
      throw badInput('requestId', 'this request concerns another person (or nobody yet): link the request to this data subject first');
    }
  }

  async plan(em: EntityManager, subject: ErasureSubject, asOf: string): Promise<ErasurePlan> {
    const model = await this.erasureModel(em);
    const root = ROOT[subject.type];
    const rootTable = model.tables.get(root.typeName);
    if (!rootTable) throw new Error(`erasure: ${root.typeName} has no table`);
    const connection = em.getConnection();
    const context = em.getTransactionContext();

    const types: PlannedType[] = [];
    const byType = new Map<string, PlannedType>();
    let rootStatus: string | null = null;
    // One statement reads every record of the subject from every table (a UNION ALL of one
    // SELECT per type), each row with its digest, references and the date its hold starts.
    const tables: ErasureTable[] = [];
    const selects: string[] = [];
    for (const table of dependencyOrder(model)) {
      const isRoot = table === rootTable;
      let where: string;
      if (isRoot) {
        where = `t.${quote(table.primaryKey)} = ?`;
      } else {
        const member = membershipField(table, subject.type);
        const path = member ? subjectPath(model, table, member) : undefined;
        if (!path) continue;
        where =
          'column' in path
            ? `t.${quote(path.column)} = ?`
            : `t.${quote(path.via.column)} in (select p.${quote(path.parent.primaryKey)} from ${quote(path.parent.table)} p where p.${quote(path.parentPath.column)} = ?)`;
      }
      const starts = table.holds.length > 0 ? (HOLD_STARTS[table.typeName] ?? []) : [];
      const columns = [
        `${tables.length}::int as type_index`,
        `t.${quote(table.primaryKey)}::text as id`,
        'md5(t::text) as digest',
        `jsonb_build_array(${table.references.map((reference) => `t.${quote(reference.column)}::text`).join(', ')}) as refs`,
        starts.length > 0 ? `coalesce(${starts.map((column) => `t.${quote(column)}::date::text`).join(', ')}) as hold_start` : 'null::text as hold_start',
        isRoot && table.columns.has('status') ? 't."status"::text as status' : 'null::text as status',
      ];
      tables.push(table);
      selects.push(`(select ${columns.join(', ')} from ${quote(table.table)} t where ${where})`);
    }
    const rows = await connection.execute<
      { type_index: number; id: string; digest: string; refs: (string | null)[]; hold_start: string | null; status: string | null }[]
    >(`${selects.join(' union all ')} order by 1, 2`, selects.map(() => subject.id), 'all', context);
    const rowsByType = new Map<number, typeof rows>();
    for (const row of rows) {
      const list = rowsByType.get(row.type_index) ?? [];
      list.push(row);
      rowsByType.set(row.type_index, list);
    }
    for (const [index, table] of tables.entries()) {
      const isRoot = table === rootTable;
      const typeRows = rowsByType.get(index) ?? [];
      if (isRoot) {
        if (typeRows.length === 0) throw notFound(subject.type === 'CUSTOMER' ? 'Customer' : 'Contact person', subject.id);
        rootStatus = typeRows[0]!.status ?? null;
      }
      const records = typeRows.map((row): PlannedRecord => {
        const references = Object.fromEntries(table.references.map((reference, position) => [reference.column, row.refs[position] ?? null]));
        const heldUntil = this.heldUntil(table, row.hold_start, references, byType, asOf);
        const held = heldUntil !== null && holdApplies(heldUntil, asOf);
        const hold = held ? table.holds[0]! : null;
        const action: RecordAction =
          isRoot && subject.type === 'CUSTOMER' ? 'ANONYMISE' : held ? 'HOLD' : isEvidence(table) ? 'CLEAR' : 'DELETE';
        return { id: row.id, action, hold, law: hold ? LEGAL_HOLDS[hold].law : null, heldUntil: held ? heldUntil : null, digest: row.digest, references };
      });
      const planned: PlannedType = {
        typeName: table.typeName,
        label: table.classification.label,
        table: table.table,
        fields: Object.entries(table.classification.fields).map(([field, c]) => plannedField(field, c.label, c.erasure)),
        records,
      };
      types.push(planned);
      byType.set(table.typeName, planned);
    }

    // A kept record keeps what it refers to (a held invoice keeps its billing account, cleared).
    for (const planned of [...types].reverse()) {
      const table = model.tables.get(planned.typeName)!;
      for (const record of planned.records) {
        if (record.action === 'DELETE') continue;
        for (const reference of table.references) {
          if (reference.setNullOnDelete) continue;
          const target = recordById(byType, reference.targetType, record.references[reference.column]);
          if (target?.action === 'DELETE') target.action = 'CLEAR';
        }
      }
    }

    const all = types.flatMap((planned) => planned.records);
    const counts: ErasurePlanCounts = {
      records: all.length,
      deleted: all.filter((record) => record.action === 'DELETE').length,
      anonymised: all.filter((record) => record.action === 'ANONYMISE').length,
      cleared: all.filter((record) => record.action === 'CLEAR').length,
      held: all.filter((record) => record.action === 'HOLD').length,
    };
    const heldDates = all.flatMap((record) => (record.heldUntil ? [record.heldUntil] : [])).sort();
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          subject.type,
          subject.id,
          asOf,
          types.map((planned) => [planned.typeName, planned.records.map((r) => [r.id, r.action, r.heldUntil, r.digest])]),
        ]),
      )
      .digest('hex');
    return {
      subjectType: subject.type,
      subjectId: subject.id,
      asOf,
      fingerprint,
      alreadyErased: rootStatus === 'ERASED',
      heldUntil: heldDates[0] ?? null,
      counts,
      types,
      computedTypes: model.computed.map((typeName) => ({ typeName, label: classification(typeName)?.label ?? { en: typeName, fi: typeName } })),
    };
  }

  private heldUntil(
    table: ErasureTable,
    start: string | null,
    references: Record<string, string | null>,
    planned: Map<string, PlannedType>,
    asOf: string,
  ): string | null {
    if (table.holds.length === 0) return null;
    if (HOLD_STARTS[table.typeName]) {
      const from = start ?? asOf;
      return table.holds.map((hold) => holdEndDate(hold, from)).sort().at(-1)!;
    }
    // Held for as long as the record it belongs to (a contract's lines and SIM cards).
    for (const reference of table.references) {
      const parentRecord = recordById(planned, reference.targetType, references[reference.column]);
      if (parentRecord && HOLD_STARTS[reference.targetType]) return parentRecord.heldUntil ?? '0000-01-01';
    }
    throw new Error(`erasure: ${table.typeName} has held fields but no start for the hold (HOLD_STARTS) and no held parent`);
  }

  /**
   * Executes the plan in one transaction. With `confirm`, refuses when the plan computed now differs
   * from the one confirmed. Returns null (and changes nothing) when `onlyIfPending` is set and the
   * subject was already erased with nothing left to do.
   */
  async execute(
    em: EntityManager,
    audit: AuditLog,
    subject: ErasureSubject,
    options: {
      asOf: string;
      confirm?: string;
      requestId?: string | null;
      executedBy: string | null;
      retentionRunId?: string | null;
      operation: string;
      onlyIfPending?: boolean;
    },
  ): Promise<ErasureOutcome | null> {
    const model = await this.erasureModel(em);
    return em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const run = (sql: string, params: unknown[] = []) => connection.execute(sql, params, 'run', context);
      const rootTable = model.tables.get(ROOT[subject.type].typeName)!;
      const locked = await connection.execute<{ id: string }[]>(
        `select ${quote(rootTable.primaryKey)}::text as id from ${quote(rootTable.table)} where ${quote(rootTable.primaryKey)} = ? for update`,
        [subject.id],
        'all',
        context,
      );
      const argument = ROOT[subject.type].argument;
      if (locked.length === 0) throw notFound(subject.type === 'CUSTOMER' ? 'Customer' : 'Contact person', subject.id);

      if (options.requestId) await this.checkRequest(tx, subject, options.requestId);
      const plan = await this.plan(tx, subject, options.asOf);
      if (options.confirm !== undefined && options.confirm !== plan.fingerprint) {
        throw badInput(
          'confirm',
          'the data changed after the erasure plan was computed (or the plan is from another day): compute the plan again, review it and confirm with its new fingerprint',
        );
      }
      const pending = plan.counts.deleted > 0 || !plan.alreadyErased;
      if (!pending) {
        if (options.onlyIfPending) {
          // Nothing to delete yet: the remembered end of the hold moves to the plan's next one.
          if (plan.heldUntil) await run('update erasure_hold set held_until = ? where subject_type = ? and subject_id = ?', [plan.heldUntil, subject.type, subject.id]);
          else await run('delete from erasure_hold where subject_type = ? and subject_id = ?', [subject.type, subject.id]);
          return null;
        }
        throw badInput(
          argument,
          plan.heldUntil
            ? `this data subject was already erased; the records kept under a legal hold are erased when the hold ends (${plan.heldUntil})`
            : 'this data subject was already erased; nothing of theirs remains to erase',
        );
      }

      const erasureId = randomUUID();
      await run(
        `insert into erasure (id, subject_type, subject_id, executed_by, request_id, retention_run_id, as_of, fingerprint, deleted_records, cleared_records, held_records, held_until)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          erasureId,
          subject.type,
          subject.id,
          options.executedBy,
          options.requestId ?? null,
          options.retentionRunId ?? null,
          options.asOf,
          plan.fingerprint,
          plan.counts.deleted,
          plan.counts.cleared + plan.counts.anonymised,
          plan.counts.held,
          plan.heldUntil,
        ],
      );
      const [ledger] = await connection.execute<{ removed: number }[]>('select erase_marketing_ledger(?) as removed', [erasureId], 'all', context);

      // Every table's deletes and updates, and the remembered end of the hold, in one statement
      // (one data-modifying CTE each): one round trip whatever the number of tables. The foreign
      // keys between them are NO ACTION or CASCADE, checked when the statement ends, so the order
      // inside it does not matter (a RESTRICT key would be checked at once and fail the erasure).
      const touched: string[] = [];
      const writes: string[] = [];
      const values: unknown[] = [];
      const plannedTypes = new Map(plan.types.map((planned) => [planned.typeName, planned]));
      for (const table of [...dependencyOrder(model)].reverse()) {
        const planned = plannedTypes.get(table.typeName);
        if (!planned || planned.records.length === 0) continue;
        touched.push(table.typeName);
        if (DELETION_FUNCTIONS[table.table]) continue;
        const deleted = planned.records.filter((record) => record.action === 'DELETE').map((record) => record.id);
        if (deleted.length > 0) {
          writes.push(`delete from ${quote(table.table)} where ${primaryKeyIn(table)}`);
          values.push(pgArray(deleted));
        }
        for (const action of ['ANONYMISE', 'HOLD', 'CLEAR'] as const) {
          const ids = planned.records.filter((record) => record.action === action).map((record) => record.id);
          if (ids.length === 0) continue;
          const assignments = this.assignments(table, action);
          if (assignments.length === 0) continue;
          writes.push(`update ${quote(table.table)} set ${assignments.join(', ')} where ${primaryKeyIn(table)}`);
          values.push(pgArray(ids));
        }
      }
      if (plan.heldUntil) {
        writes.push(
          `insert into erasure_hold (subject_type, subject_id, held_until, erasure_id) values (?, ?, ?, ?)
           on conflict (subject_type, subject_id) do update set held_until = excluded.held_until, erasure_id = excluded.erasure_id`,
        );
        values.push(subject.type, subject.id, plan.heldUntil, erasureId);
      } else {
        writes.push('delete from erasure_hold where subject_type = ? and subject_id = ?');
        values.push(subject.type, subject.id);
      }
      await run(`with ${writes.map((write, index) => `w${index} as (${write})`).join(', ')} select 1`, values);

      if (plan.heldUntil) {
        await this.restrictions.restrict(
          tx,
          { subjectType: subject.type, subjectId: subject.id, reason: 'LEGAL_HOLD', requestId: options.requestId ?? null, by: options.executedBy },
          audit,
        );
      } else if (plan.alreadyErased) {
        await this.restrictions.lift(tx, { subjectId: subject.id, reason: 'LEGAL_HOLD', by: options.executedBy }, audit);
      }

      await audit.write(tx, [
        {
          operation: options.operation,
          action: 'erase',
          subjectType: ROOT[subject.type].typeName,
          subjectId: subject.id,
          fields: touched.sort(),
          outcome: plan.heldUntil ? `held until ${plan.heldUntil}` : 'erased',
        },
      ]);
      return {
        erasureId,
        subjectType: subject.type,
        subjectId: subject.id,
        counts: plan.counts,
        heldUntil: plan.heldUntil,
        ledgerEntriesRemoved: Number(ledger?.removed ?? 0),
        restricted: Boolean(plan.heldUntil),
      };
    });
  }

  /** SET clauses for a kept record: what the map says to remove goes, held and kept fields stay. */
  private assignments(table: ErasureTable, action: Exclude<RecordAction, 'DELETE'>): string[] {
    const values = new Map<string, string>();
    for (const field of table.fields) {
      const { erasure } = field;
      if (erasure.strategy === 'none') continue;
      if (erasure.strategy === 'hold' && action === 'HOLD') continue;
      for (const name of field.columns) {
        const column = table.columns.get(name);
        if (!column || column.generated || name === table.primaryKey) continue;
        const value =
          erasure.strategy === 'anonymise' && erasure.replacement !== null
            ? `'${erasure.replacement.replace(/'/g, "''")}'`
            : clearedValue(table, column);
        if (!values.has(name) || value !== 'null') values.set(name, value);
      }
    }
    if (action === 'ANONYMISE') {
      for (const [name, value] of Object.entries(ROOT_MARKS[table.table] ?? {})) if (table.columns.has(name)) values.set(name, value);
    }
    return [...values].map(([name, value]) => `${quote(name)} = ${value}`);
  }
}

/**
 * A planned record by type and id. The index of each type's records is built on first use, so that
 * a customer with thousands of records (SIM cards of a large business) is planned in linear time.
 */
const recordIndexes = new WeakMap<PlannedType, Map<string, PlannedRecord>>();
function recordById(planned: Map<string, PlannedType>, typeName: string, id: string | null | undefined): PlannedRecord | undefined {
  const type = planned.get(typeName);
  if (!type || !id) return undefined;
  let index = recordIndexes.get(type);
  if (!index) recordIndexes.set(type, (index = new Map(type.records.map((record) => [record.id, record]))));
  return index.get(id);
}

/**
 * `<primary key> = any(?)` with the parameter cast to the key's own type: comparing the key as text
 * would hide it from its index and turn every statement into a scan of the whole table.
 */
function primaryKeyIn(table: ErasureTable): string {
  const type = table.columns.get(table.primaryKey)?.typeName ?? 'text';
  return `${quote(table.primaryKey)} = any(?::${quote(type)}[])`;
}
