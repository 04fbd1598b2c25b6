import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One entry of the append-only, hash-chained audit log. It names people by id only (never
 * values), so an erasure leaves the chain valid. Rows are written only by the database function
 * `audit_append` (see the migration), which assigns `seq` and the hash under a short lock;
 * triggers refuse every UPDATE, DELETE and TRUNCATE.
 */
@ObjectType({ simpleResolvers: true, description: 'Who did what to whose data, when and from where (never the values)' })
@Entity({ tableName: 'audit_event', readonly: true })
@Index({ name: 'audit_event_subject_idx', properties: ['subjectId', 'seq'] })
export class AuditEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  seq!: string;

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => String, { description: 'staff, partner, system or anonymous' })
  @Property({ length: 16 })
  actorType!: string;

  @Field(() => String, { nullable: true, description: 'Staff user id or partner key id' })
  @Property({ length: 64, nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'The client: IP address and user agent, or the partner key' })
  @Property({ length: 300, nullable: true })
  client?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 64, nullable: true })
  requestId?: string | null;

  @Field(() => String, { description: 'The GraphQL operation or command' })
  @Property({ length: 100 })
  operation!: string;

  @Field(() => String, { description: 'read, create, update, delete, verify, login, …' })
  @Property({ length: 32 })
  action!: string;

  @Field(() => String, { nullable: true })
  @Property({ length: 64, nullable: true })
  subjectType?: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the data subject' })
  @Property({ length: 64, nullable: true })
  subjectId?: string | null;

  /** Only the events about many are in this index (see Migration20261206120000). */
  @Index({
    name: 'audit_event_subject_ids_idx',
    expression: 'create index "audit_event_subject_ids_idx" on "audit_event" using gin ("subject_ids") where "subject_ids" is not null',
  })
  @Field(() => [String], { nullable: true, description: 'The data subjects of an event about many (the reads of a page); subjectId is then empty' })
  @Property({ type: 'text[]', nullable: true })
  subjectIds?: string[] | null;

  @Field(() => [String], { description: 'Names of the fields read or changed, never their values' })
  @Property({ type: 'text[]' })
  fields: string[] = [];

  @Field(() => String, { nullable: true, description: 'e.g. success, denied, mismatch' })
  @Property({ length: 32, nullable: true })
  outcome?: string | null;

  @Property({ type: 'bytea', hidden: true })
  prevHash!: Buffer;

  @Property({ type: 'bytea', hidden: true })
  hash!: Buffer;
}
