import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { canWrite, type Principal } from '@register/schema';
import { GraphQLError } from 'graphql';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.js';
import { badInput, forbidden, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { Customer } from '../customer/customer.entity.js';
import type { CustomerService } from '../customer/customer.service.js';
import { isUuid } from '../customer/customer.service.js';
import * as validate from '../customer/customer.validation.js';
import { parseCustomerCsv, rowToCustomerArgs, type CsvColumn, type CsvRow, type ParsedCsv } from './import.csv.js';
import { ImportRowError, ImportRun } from './import.entity.js';
import { ImportProblemKind, ImportStatus } from './import.enums.js';
import {
  CsvDelimiterOption,
  IMPORT_ROW_ERROR_SORT_FIELDS,
  IMPORT_RUN_SORT_FIELDS,
  type ImportPartnerCustomersInput,
  type ImportRowErrorListArgs,
  type ImportRunListArgs,
} from './import.input.js';
import { redactMessage } from './import.redact.js';

const OPERATION = 'importPartnerCustomers';
/** A batch takes seconds; a running import without progress for this long was cut off by a restart. */
const INTERRUPTED_AFTER_MINUTES = 10;

export interface ImportOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /** Imports running at once in this process (each holds its file in memory). */
  maxRunning?: number;
}

/** Who starts an import: a staff member through the API, or an operator on the command line. */
export interface ImportActor {
  /** Checked against the data map for every column of the file; `null` for the operator's CLI. */
  principal: Principal | null;
  /** A staff user id or `cli:<operator>`. */
  startedBy: string;
  audit: AuditLog;
}

interface Problem {
  row: number;
  column: string | null;
  kind: ImportProblemKind;
  message: string;
}

interface Prepared {
  row: CsvRow;
  customer: Customer;
  fields: string[];
}

/** What the rows of one file have already claimed (duplicates within the file are skipped too). */
interface Seen {
  pins: Set<string>;
  businessIds: Set<string>;
}

/**
 * Imports customers from a partner register's CSV file. Every row goes through the customer
 * service's own validation; invalid rows are reported by row, column and a message without the
 * value, and never written; customers already in the register (same identity number by its blind
 * index, or same business ID) are reported as skipped. Rows are written in batches, each batch in
 * one transaction together with its audit events, its row reports and the run's progress, so a
 * failure leaves nothing of the failed batch.
 */
export class ImportService {
  private readonly batchSize: number;
  private readonly maxRunning: number;
  private readonly running = new Set<Promise<ImportRun>>();
  private readonly runningIds = new Set<string>();

  constructor(
    private readonly customers: CustomerService,
    options: ImportOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxRunning = options.maxRunning ?? 2;
  }

  /**
   * Checks the request and the file's header and structure, records the run and starts the rows.
   * Returns the run at once; `done` settles when every row is handled (the run then says how it
   * ended — `done` itself never rejects).
   */
  async start(
    em: EntityManager,
    actor: ImportActor,
    input: ImportPartnerCustomersInput,
    onProgress?: (run: ImportRun) => void,
  ): Promise<{ run: ImportRun; done: Promise<ImportRun> }> {
    await this.expireInterrupted(em);
    // The partner register becomes each customer's `sourcePartner`, validated as such.
    const check = new InputProblems();
    const partnerRegister = validate.text(check, 'sourcePartner', input.partnerRegister, { required: true });
    const [problem] = problemsOf(check);
    if (problem) throw badInput('partnerRegister', `${problem.message} (the name of the partner register the customers come from)`);
    const fileName = input.fileName?.trim() ? input.fileName.trim().slice(0, 255) : null;
    const delimiter =
      input.delimiter === CsvDelimiterOption.SEMICOLON ? ';' : input.delimiter === CsvDelimiterOption.COMMA ? ',' : undefined;
    const parsed = parseCustomerCsv(input.csv, delimiter);
    if (actor.principal) {
      const principal = actor.principal;
      // The import sets the provenance itself; every other column is a field the caller writes.
      const denied = parsed.columns.filter((column) => column !== 'collectedAt' && !canWrite(principal, 'Customer', column, 'create'));
      if (denied.length > 0) {
        throw forbidden(`Your role may not set ${denied.join(', ')} of a customer: remove ${denied.length > 1 ? 'those columns' : 'that column'} from the file.`);
      }
    }
    if (this.running.size >= this.maxRunning) {
      throw new GraphQLError(`${this.maxRunning} imports are running already: start this one when one of them has finished.`, {
        extensions: { code: 'TOO_MANY_REQUESTS' },
      });
    }

    const run = new ImportRun();
    run.id = randomUUID();
    run.partnerRegister = partnerRegister!;
    run.fileName = fileName;
    run.dryRun = input.dryRun ?? false;
    run.status = run.dryRun ? ImportStatus.VALIDATING : ImportStatus.IMPORTING;
    run.totalRows = parsed.rows.length;
    run.startedBy = actor.startedBy;
    await em.transactional(async (tx) => {
      tx.persist(run);
      await tx.flush();
      await actor.audit.write(tx, [{ operation: OPERATION, action: run.dryRun ? 'validate' : 'import', subjectType: 'ImportRun', subjectId: run.id }]);
    });

    const done = this.process(em.fork(), actor.audit, run, parsed, partnerRegister!, onProgress);
    this.running.add(done);
    this.runningIds.add(run.id);
    // `process` settles the run itself; nothing of it may become an unhandled rejection.
    void done
      .finally(() => {
        this.running.delete(done);
        this.runningIds.delete(run.id);
      })
      .catch(() => undefined);
    return { run, done };
  }

  /** Settles when every import of this process has finished (for shutdown and tests). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async process(
    em: EntityManager,
    audit: AuditLog,
    run: ImportRun,
    parsed: ParsedCsv,
    partnerRegister: string,
    onProgress?: (run: ImportRun) => void,
  ): Promise<ImportRun> {
    // Let the request that started the import answer before the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    const seen: Seen = { pins: new Set(), businessIds: new Set() };
    const importedAt = new Date();
    try {
      for (let start = 0; start < parsed.rows.length; start += this.batchSize) {
        const rows = parsed.rows.slice(start, start + this.batchSize);
        await this.batchWithRetry(em, audit, run, parsed.columns, rows, partnerRegister, importedAt, seen);
        onProgress?.(run);
      }
      run.status = ImportStatus.COMPLETED;
      run.finishedAt = new Date();
      await em.fork().nativeUpdate(ImportRun, { id: run.id }, { status: run.status, finishedAt: run.finishedAt });
    } catch (error) {
      run.status = ImportStatus.FAILED;
      run.finishedAt = new Date();
      // Never the error's own text: a database error may quote a value of the row. Its SQLSTATE is safe.
      const position = parsed.rows[run.processedRows]?.line ?? run.processedRows + 2;
      const code = (error as { code?: unknown } | null)?.code;
      const reason = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` (database error ${code})` : '';
      run.failure = `stopped by an unexpected error${reason} in the batch starting at row ${position}; the rows before it were handled, nothing of that batch was written. Import the file again: rows already imported are skipped as duplicates.`;
      await em
        .fork()
        .nativeUpdate(ImportRun, { id: run.id }, { status: run.status, finishedAt: run.finishedAt, failure: run.failure })
        .catch(() => undefined);
    }
    onProgress?.(run);
    return run;
  }

  /** A concurrent insert of the same customer makes the batch fail as a whole; once more finds it a duplicate. */
  private async batchWithRetry(...args: Parameters<ImportService['batch']>): Promise<void> {
    const [, , run, , , , , seen] = args;
    const counts = pickCounts(run);
    const claimed = { pins: new Set(seen.pins), businessIds: new Set(seen.businessIds) };
    try {
      await this.batch(...args);
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      Object.assign(run, counts);
      seen.pins = claimed.pins;
      seen.businessIds = claimed.businessIds;
      await this.batch(...args);
    }
  }

  private async batch(
    em: EntityManager,
    audit: AuditLog,
    run: ImportRun,
    columns: readonly CsvColumn[],
    rows: readonly CsvRow[],
    partnerRegister: string,
    importedAt: Date,
    seen: Seen,
  ): Promise<void> {
    const problems: Problem[] = [];
    const prepared: Prepared[] = [];
    for (const row of rows) {
      const rowProblems = this.validateRow(columns, row, partnerRegister, importedAt);
      if ('customer' in rowProblems) prepared.push(rowProblems);
      else problems.push(...rowProblems.problems);
    }
    const invalid = new Set(problems.map((problem) => problem.row)).size;

    const fresh = await this.withoutDuplicates(em, prepared, seen, problems);

    const counts = {
      processedRows: run.processedRows + rows.length,
      validRows: run.validRows + prepared.length,
      invalidRows: run.invalidRows + invalid,
      importedRows: run.importedRows + (run.dryRun ? 0 : fresh.length),
      duplicateRows: run.duplicateRows + (prepared.length - fresh.length),
    };
    await em.fork().transactional(async (tx) => {
      if (!run.dryRun && fresh.length > 0) {
        for (const { customer } of fresh) tx.persist(customer);
        await tx.flush();
        const events: AuditEntry[] = fresh.map(({ customer, fields }) => ({
          operation: OPERATION,
          action: 'create',
          subjectType: 'Customer',
          subjectId: customer.id,
          fields: [...fields].sort(),
        }));
        await audit.write(tx, events);
      }
      if (problems.length > 0) {
        await tx.insertMany(
          ImportRowError,
          problems.map((problem) => ({
            id: randomUUID(),
            run: run.id,
            rowNumber: problem.row,
            column: problem.column,
            kind: problem.kind,
            message: problem.message,
          })),
        );
      }
      await tx.nativeUpdate(ImportRun, { id: run.id }, { ...counts, lastProgressAt: new Date() });
    });
    Object.assign(run, counts);
  }

  /** One row through the customer service's own validation; problems carry no value of the row. */
  private validateRow(
    columns: readonly CsvColumn[],
    row: CsvRow,
    partnerRegister: string,
    importedAt: Date,
  ): Prepared | { problems: Problem[] } {
    const invalid = (column: string | null, message: string): Problem => ({
      row: row.line,
      column,
      kind: ImportProblemKind.INVALID,
      message: redactMessage(message, row.cells),
    });
    if (row.cells.length !== columns.length) {
      return {
        problems: [
          invalid(null, `has ${row.cells.length} values but the header has ${columns.length} columns: check the delimiter and the quotes of this row`),
        ],
      };
    }
    const conversion = new InputProblems();
    const args = rowToCustomerArgs(conversion, columns, row.cells, partnerRegister, importedAt);
    const found: Problem[] = problemsOf(conversion).map((p) => invalid(p.field, p.message));
    // The fields that failed conversion are left out, so that their other problems are found too.
    for (const problem of found) delete (args as Record<string, unknown>)[problem.column!];
    try {
      const { customer, fields } = this.customers.prepareNew(args);
      if (found.length === 0) return { row, customer, fields };
    } catch (error) {
      const reported = error instanceof GraphQLError ? (error.extensions.problems as { field: string; message: string }[] | undefined) : undefined;
      if (!reported) throw error;
      for (const { field, message } of reported) {
        // The run supplies `sourcePartner` and the default `collectedAt`; every other field is a column.
        const column = (columns as readonly string[]).includes(field) ? field : null;
        if (column && found.some((p) => p.column === column)) continue;
        found.push(invalid(column, column ? message : `${field}: ${message}`));
      }
    }
    return { problems: found };
  }

  /**
   * Drops the customers already in the register or earlier in the file, reporting them as
   * skipped. One statement for the batch, whatever its size.
   */
  private async withoutDuplicates(em: EntityManager, prepared: Prepared[], seen: Seen, problems: Problem[]): Promise<Prepared[]> {
    const pins = prepared.flatMap(({ customer }) => (customer.personalIdentityNumberBlindIndex ? [customer.personalIdentityNumberBlindIndex] : []));
    const businessIds = prepared.flatMap(({ customer }) => (customer.businessId ? [customer.businessId] : []));
    // MikroORM expands an array parameter into a list: `in (?)`, one condition per non-empty list.
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (pins.length > 0) {
      conditions.push('personal_identity_number_blind_index in (?)');
      params.push(pins);
    }
    if (businessIds.length > 0) {
      conditions.push('business_id in (?)');
      params.push(businessIds);
    }
    const existing =
      conditions.length === 0
        ? []
        : await em.getConnection().execute<{ pin: string | null; business_id: string | null }[]>(
            `select encode(personal_identity_number_blind_index, 'hex') as pin, business_id from customer where ${conditions.join(' or ')}`,
            params,
            'all',
          );
    const inRegister = {
      pins: new Set(existing.flatMap((row) => (row.pin ? [row.pin] : []))),
      businessIds: new Set(existing.flatMap((row) => (row.business_id ? [row.business_id] : []))),
    };
    const fresh: Prepared[] = [];
    for (const entry of prepared) {
      const pin = entry.customer.personalIdentityNumberBlindIndex?.toString('hex');
      const businessId = entry.customer.businessId ?? undefined;
      const skip = (column: string, message: string) =>
        problems.push({ row: entry.row.line, column, kind: ImportProblemKind.DUPLICATE, message });
      if (pin && inRegister.pins.has(pin)) skip('personalIdentityNumber', 'a customer with this personal identity number is already in the register: row skipped');
      else if (pin && seen.pins.has(pin)) skip('personalIdentityNumber', 'an earlier row of this file has the same personal identity number: row skipped');
      else if (businessId && inRegister.businessIds.has(businessId)) skip('businessId', 'a customer with this business ID is already in the register: row skipped');
      else if (businessId && seen.businessIds.has(businessId)) skip('businessId', 'an earlier row of this file has the same business ID: row skipped');
      else fresh.push(entry);
      if (pin) seen.pins.add(pin);
      if (businessId) seen.businessIds.add(businessId);
    }
    return fresh;
  }

  /**
   * Imports left running by a server that stopped (a restart, a crash) would look busy for ever:
   * one statement marks those without progress for long as FAILED, before any read of the runs.
   * Imports of this process are never touched, however slow.
   */
  private async expireInterrupted(em: EntityManager): Promise<void> {
    await em.getConnection().execute(
      `update import_run set status = 'FAILED', finished_at = now(),
              failure = 'interrupted: the server stopped while it ran; the batches before it were handled, nothing of the interrupted one was written. Import the file again: rows already imported are skipped as duplicates.'
        where status in ('VALIDATING', 'IMPORTING') and last_progress_at < now() - make_interval(mins => ?)
          ${this.runningIds.size > 0 ? 'and id not in (?)' : ''}`,
      this.runningIds.size > 0 ? [INTERRUPTED_AFTER_MINUTES, [...this.runningIds]] : [INTERRUPTED_AFTER_MINUTES],
      'run',
    );
  }

  async get(em: EntityManager, id: string): Promise<ImportRun | null> {
    if (!isUuid(id)) return null;
    await this.expireInterrupted(em);
    return em.findOne(ImportRun, { id });
  }

  async list(em: EntityManager, args: ImportRunListArgs): Promise<ImportRun[]> {
    await this.expireInterrupted(em);
    return em.find(ImportRun, runWhere(args), listOptions(args, IMPORT_RUN_SORT_FIELDS, { sortField: 'startedAt', sortOrder: 'DESC' }));
  }

  async count(em: EntityManager, args: ImportRunListArgs): Promise<number> {
    return em.count(ImportRun, runWhere(args));
  }

  async rowErrors(em: EntityManager, args: ImportRowErrorListArgs): Promise<ImportRowError[]> {
    if (!isUuid(args.filter.runId)) throw notFound('ImportRun', args.filter.runId);
    const { limit, offset, orderBy } = listOptions(args, IMPORT_ROW_ERROR_SORT_FIELDS, { sortField: 'rowNumber', perPage: 50 });
    const direction = orderBy.rowNumber ?? 'asc';
    return em.find(
      ImportRowError,
      { run: args.filter.runId },
      { limit, offset, orderBy: { rowNumber: direction, column: direction, id: direction } },
    );
  }

  async countRowErrors(em: EntityManager, args: ImportRowErrorListArgs): Promise<number> {
    if (!isUuid(args.filter.runId)) throw notFound('ImportRun', args.filter.runId);
    return em.count(ImportRowError, { run: args.filter.runId });
  }
}

function runWhere(args: ImportRunListArgs) {
  const ids = args.filter?.ids;
  if (ids && ids.some((id) => !isUuid(id))) throw badInput('filter.ids', 'must be import ids (UUIDs)');
  return ids ? { id: { $in: ids } } : {};
}

function pickCounts(run: ImportRun) {
  const { processedRows, validRows, invalidRows, importedRows, duplicateRows } = run;
  return { processedRows, validRows, invalidRows, importedRows, duplicateRows };
}

function problemsOf(problems: InputProblems): { field: string; message: string }[] {
  try {
    problems.throwIfAny();
    return [];
  } catch (error) {
    return (error as GraphQLError).extensions.problems as { field: string; message: string }[];
  }
}
