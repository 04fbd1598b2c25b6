import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ImportProblemKind, ImportStatus } from './import.enums.js';

/**
 * One import of customers from a partner register (CSV). It holds counts and row numbers only,
 * never a value of the file: the rows themselves become customers (with the partner as their
 * provenance) or are reported by row, column and a message that does not repeat the value.
 */
@ObjectType({ simpleResolvers: true, description: 'An import of customers from a partner register (CSV): progress and totals' })
@Entity({ tableName: 'import_run' })
@Index({ name: 'import_run_started_at_id_idx', properties: ['startedAt', 'id'] })
@Index({
  name: 'import_run_running_idx',
  expression: `create index "import_run_running_idx" on "import_run" ("last_progress_at") where "status" in ('VALIDATING', 'IMPORTING')`,
})
@Check({ name: 'import_run_counts_check', expression: '"processed_rows" <= "total_rows" and "valid_rows" + "invalid_rows" = "processed_rows" and "imported_rows" + "duplicate_rows" <= "valid_rows"' })
export class ImportRun {
  [OptionalProps]?: 'progress' | 'lastProgressAt' | 'status' | 'totalRows' | 'processedRows' | 'validRows' | 'invalidRows' | 'importedRows' | 'duplicateRows' | 'startedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'The partner register the customers come from (their provenance)' })
  @Property({ length: 100 })
  partnerRegister!: string;

  @Field(() => String, { nullable: true })
  @Property({ length: 255, nullable: true })
  fileName?: string | null;

  @Field(() => Boolean, { description: 'Validate only: nothing is written' })
  @Property({ default: false })
  dryRun: boolean = false;

  @Field(() => ImportStatus)
  @Enum({ items: () => ImportStatus, nativeEnumName: 'import_status', default: ImportStatus.VALIDATING })
  status: ImportStatus = ImportStatus.VALIDATING;

  @Field(() => Int, { description: 'Data rows in the file (the header not counted)' })
  @Property({ type: 'int', default: 0 })
  totalRows: number = 0;

  @Field(() => Int, { description: 'Rows handled so far; updated after every batch' })
  @Property({ type: 'int', default: 0 })
  processedRows: number = 0;

  @Field(() => Int)
  @Property({ type: 'int', default: 0 })
  validRows: number = 0;

  @Field(() => Int, { description: 'Rows that failed validation; none of them was written' })
  @Property({ type: 'int', default: 0 })
  invalidRows: number = 0;

  @Field(() => Int, { description: 'Customers written (0 in a dry run)' })
  @Property({ type: 'int', default: 0 })
  importedRows: number = 0;

  @Field(() => Int, { description: 'Valid rows skipped because the customer is already in the register' })
  @Property({ type: 'int', default: 0 })
  duplicateRows: number = 0;

  @Field(() => Float, { description: 'processedRows / totalRows, from 0 to 1' })
  get progress(): number {
    return this.totalRows === 0 ? (this.finishedAt ? 1 : 0) : this.processedRows / this.totalRows;
  }

  @Field(() => String, { description: 'Who ran it: a staff user id, or cli:<operator>' })
  @Property({ length: 64 })
  startedBy!: string;

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz' })
  startedAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  /** Set with every batch; a running import without progress for long was cut off by a restart. */
  @Property({ type: 'timestamptz' })
  lastProgressAt: Date = new Date();

  @Field(() => String, { nullable: true, description: 'Why a FAILED import stopped (no values of the file)' })
  @Property({ length: 500, nullable: true })
  failure?: string | null;
}

/** A row of an import that was not written: where it is and why, never what it contained. */
@ObjectType({ simpleResolvers: true, description: 'A row of an import that was not written: row, column and why (never the value)' })
@Entity({ tableName: 'import_row_error' })
@Index({ name: 'import_row_error_run_row_idx', properties: ['run', 'rowNumber', 'id'] })
export class ImportRowError {
  [OptionalProps]?: 'runId';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => ImportRun, { deleteRule: 'cascade', hidden: true })
  run!: Rel<ImportRun>;

  @Field(() => ID)
  get runId(): string {
    return this.run.id;
  }

  @Field(() => Int, { description: 'Line of the file (the header is line 1)' })
  @Property({ type: 'int' })
  rowNumber!: number;

  @Field(() => String, { nullable: true, description: 'The CSV column, or null when the problem is the whole row' })
  @Property({ length: 40, nullable: true })
  column?: string | null;

  @Field(() => ImportProblemKind)
  @Enum({ items: () => ImportProblemKind, nativeEnumName: 'import_problem_kind' })
  kind!: ImportProblemKind;

  @Field(() => String)
  @Property({ length: 500 })
  message!: string;
}
