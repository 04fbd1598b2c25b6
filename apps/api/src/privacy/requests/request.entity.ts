import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { todayInFinland } from './due-date.js';
import { CLOSED_STATUSES, DataSubjectRequestChannel, DataSubjectRequestStatus, DataSubjectRequestType } from './request.enums.js';

/**
 * A data subject request and how it was handled. Dates are calendar dates (`YYYY-MM-DD`); the due
 * date follows the calendar-month rule (due-date.ts) and moves at most once. Every field is
 * classified in the data map (DataSubjectRequest): only the dpo reads or writes any of it.
 */
@ObjectType({ simpleResolvers: true, description: 'A data subject request (GDPR Art. 15–21) and its handling (dpo only)' })
@Entity({ tableName: 'data_subject_request' })
export class DataSubjectRequest {
  [OptionalProps]?: 'status' | 'signed' | 'createdAt' | 'updatedAt' | 'overdue' | 'subjectId';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => DataSubjectRequestType, { nullable: true })
  @Enum({ items: () => DataSubjectRequestType, nativeEnumName: 'dsr_type' })
  type!: DataSubjectRequestType;

  @Field(() => DataSubjectRequestStatus, { nullable: true })
  @Enum({ items: () => DataSubjectRequestStatus, nativeEnumName: 'dsr_status', default: DataSubjectRequestStatus.RECEIVED })
  status: DataSubjectRequestStatus = DataSubjectRequestStatus.RECEIVED;

  @Field(() => ID, { nullable: true, description: 'The customer the request concerns, once matched' })
  @Property({ type: 'uuid', nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The contact person the request concerns, once matched' })
  @Property({ type: 'uuid', nullable: true })
  contactPersonId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The data subject: the customer or contact person, or the request itself while nobody is matched',
  })
  get subjectId(): string {
    return this.customerId ?? this.contactPersonId ?? this.id;
  }

  @Field(() => String, { nullable: true })
  @Property({ length: 200, nullable: true })
  requesterName?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 254, nullable: true })
  requesterEmail?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 30, nullable: true })
  requesterPhone?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 500, nullable: true })
  requesterAddress?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  requesterDateOfBirth?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  receivedDate!: string;

  @Field(() => DataSubjectRequestChannel, { nullable: true })
  @Enum({ items: () => DataSubjectRequestChannel, nativeEnumName: 'dsr_channel' })
  channel!: DataSubjectRequestChannel;

  @Field(() => Boolean, { nullable: true })
  @Property({ default: false })
  signed: boolean = false;

  @Field(() => String, { nullable: true })
  @Property({ length: 500, nullable: true })
  identityVerificationMethod?: string | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  identityVerifiedById?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  identityVerifiedAt?: Date | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'One calendar month after receipt' })
  @Property({ type: 'date' })
  originalDueDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The original due date, or the extended one' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => Boolean, { nullable: true, description: 'Open and past its due date (Finnish time)' })
  get overdue(): boolean {
    return !CLOSED_STATUSES.includes(this.status) && this.dueDate < todayInFinland();
  }

  @Field(() => String, { nullable: true })
  @Property({ length: 2000, nullable: true })
  extensionReason?: string | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  extendedById?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  extendedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 2000, nullable: true })
  refusalReason?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the request was completed or refused' })
  @Property({ type: 'date', nullable: true })
  completedDate?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 4000, nullable: true })
  notes?: string | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
