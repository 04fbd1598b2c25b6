import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Whose processing is restricted: a customer or a contact person (each a data subject). */
export const RestrictionSubjectType = { CUSTOMER: 'CUSTOMER', CONTACT_PERSON: 'CONTACT_PERSON' } as const;
/** A name distinct from the value's, so that decorator metadata reflects a string, not the object. */
export type RestrictionSubjectTypeName = (typeof RestrictionSubjectType)[keyof typeof RestrictionSubjectType];

/** Why: the data subject asked (Art. 18), or records kept under a legal hold after an erasure. */
export const RestrictionReason = { DATA_SUBJECT_REQUEST: 'DATA_SUBJECT_REQUEST', LEGAL_HOLD: 'LEGAL_HOLD' } as const;
export type RestrictionReasonName = (typeof RestrictionReason)[keyof typeof RestrictionReason];

registerEnumType(RestrictionSubjectType, { name: 'RestrictionSubjectType', description: 'A customer or a contact person' });
registerEnumType(RestrictionReason, {
  name: 'RestrictionReason',
  description: 'A data subject request (GDPR Art. 18) or a legal hold on records kept after an erasure',
});

/**
 * A restriction of processing: while `liftedAt` is empty, every role except `dpo` is refused the
 * subject's records (reads and writes); the data stays stored. Written only through
 * RestrictionService; the database allows one active restriction per subject and reason.
 */
@ObjectType({ simpleResolvers: true, description: 'A restriction of processing of one data subject’s data (dpo only)' })
@Entity({ tableName: 'processing_restriction' })
export class ProcessingRestriction {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => RestrictionSubjectType)
  @Enum({ items: () => RestrictionSubjectType, nativeEnumName: 'restriction_subject_type' })
  subjectType!: RestrictionSubjectTypeName;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  subjectId!: string;

  @Field(() => RestrictionReason)
  @Enum({ items: () => RestrictionReason, nativeEnumName: 'restriction_reason' })
  reason!: RestrictionReasonName;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  requestId?: string | null;

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz' })
  since!: Date;

  @Field(() => ID, { nullable: true, description: 'The staff user who restricted it (empty for the system)' })
  @Property({ type: 'uuid', nullable: true })
  restrictedById?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  liftedAt?: Date | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  liftedById?: string | null;
}
