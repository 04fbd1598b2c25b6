import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum RetentionRunStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  STOPPED = 'STOPPED',
  INTERRUPTED = 'INTERRUPTED',
}

export enum RetentionRunTrigger {
  SCHEDULE = 'SCHEDULE',
  CLI = 'CLI',
  API = 'API',
}

registerEnumType(RetentionRunStatus, {
  name: 'RetentionRunStatus',
  description: 'RUNNING; COMPLETED; FAILED (an error stopped it); STOPPED (asked to stop); INTERRUPTED (its process ended mid-run; the next run finishes the work)',
});
registerEnumType(RetentionRunTrigger, { name: 'RetentionRunTrigger', description: 'What started the run: the daily schedule, the CLI or the API' });

/**
 * One run of the retention job: progress counters updated after every batch. Holds ids and
 * counts only, never personal data.
 */
@ObjectType({ simpleResolvers: true, description: 'A run of the retention job (dpo only)' })
@Entity({ tableName: 'retention_run' })
@Index({ name: 'retention_run_started_at_idx', expression: 'create index "retention_run_started_at_idx" on "retention_run" ("started_at" desc)' })
export class RetentionRun {
  [OptionalProps]?: 'status' | 'startedAt' | 'heartbeatAt' | 'total' | 'processed' | 'erased' | 'holdsEnded' | 'held' | 'failed';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => GraphQLLocalDate, { description: 'The day whose retention rules the run applied' })
  @Property({ type: 'date' })
  asOf!: string;

  @Field(() => RetentionRunTrigger)
  @Property({ type: 'string', length: 16 })
  trigger!: RetentionRunTrigger;

  @Field(() => RetentionRunStatus)
  @Property({ type: 'string', length: 16, default: RetentionRunStatus.RUNNING })
  status: RetentionRunStatus = RetentionRunStatus.RUNNING;

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  startedAt: Date = new Date();

  @Field(() => GraphQLDateTime, { description: 'Last progress of a running run' })
  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  heartbeatAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  @Field(() => Int, { description: 'Customers and ended holds due when the run started' })
  @Property({ type: 'int', default: 0 })
  total = 0;

  @Field(() => Int)
  @Property({ type: 'int', default: 0 })
  processed = 0;

  @Field(() => Int, { description: 'Customers erased' })
  @Property({ type: 'int', default: 0 })
  erased = 0;

  @Field(() => Int, { description: 'Erased data subjects whose legal holds ended: their held records were erased' })
  @Property({ type: 'int', default: 0 })
  holdsEnded = 0;

  @Field(() => Int, { description: 'Customers erased with records kept under a legal hold' })
  @Property({ type: 'int', default: 0 })
  held = 0;

  @Field(() => Int)
  @Property({ type: 'int', default: 0 })
  failed = 0;

  @Field(() => String, { nullable: true, description: 'Why the run failed (no personal data)' })
  @Property({ type: 'string', length: 500, nullable: true })
  error?: string | null;
}
