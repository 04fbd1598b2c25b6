import { GraphQLLocalDate } from '../../common/scalars.js';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { DataSubjectRequestChannel, DataSubjectRequestStatus, DataSubjectRequestType } from './request.enums.js';

/** The details a request is registered and edited with; validated in the service. */
@ArgsType()
export class DataSubjectRequestFieldsArgs {
  @Field(() => ID, { nullable: true, description: 'The customer the request concerns (or a contact person, or neither yet)' })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  contactPersonId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name the person gave, while no customer or contact person matches' })
  requesterName?: string | null;

  @Field(() => String, { nullable: true })
  requesterEmail?: string | null;

  @Field(() => String, { nullable: true })
  requesterPhone?: string | null;

  @Field(() => String, { nullable: true })
  requesterAddress?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  requesterDateOfBirth?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the request was signed' })
  signed?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'How identity was verified (e.g. "passport shown at the office"); recording it marks the identity verified by you, now',
  })
  identityVerificationMethod?: string | null;

  @Field(() => String, { nullable: true, description: 'Handling notes (up to 4000 characters); do not repeat the person’s details' })
  notes?: string | null;
}

@ArgsType()
export class CreateDataSubjectRequestArgs extends DataSubjectRequestFieldsArgs {
  @Field(() => DataSubjectRequestType)
  type!: DataSubjectRequestType;

  @Field(() => GraphQLLocalDate, { description: 'The day the request reached the controller (not in the future)' })
  receivedDate!: string;

  @Field(() => DataSubjectRequestChannel)
  channel!: DataSubjectRequestChannel;
}

@ArgsType()
export class UpdateDataSubjectRequestArgs extends DataSubjectRequestFieldsArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => DataSubjectRequestType, { nullable: true })
  type?: DataSubjectRequestType | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Moves the due date too, unless it has been extended' })
  receivedDate?: string | null;

  @Field(() => DataSubjectRequestChannel, { nullable: true })
  channel?: DataSubjectRequestChannel | null;

  @Field(() => DataSubjectRequestStatus, {
    nullable: true,
    description: 'Only IN_PROGRESS here; verify, extend, complete and refuse have mutations of their own',
  })
  status?: DataSubjectRequestStatus | null;
}

@ArgsType()
export class ExtendDataSubjectRequestArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLLocalDate, { description: 'At most two further calendar months after the original due date' })
  newDueDate!: string;

  @Field(() => String, { description: 'Why more time is needed (Art. 12(3): the complexity and number of requests)' })
  reason!: string;
}

@ArgsType()
export class CompleteDataSubjectRequestArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Added to the notes' })
  notes?: string | null;
}

@ArgsType()
export class RefuseDataSubjectRequestArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Why the request is refused (Art. 12(5)); the person is told this reason' })
  reason!: string;
}

@InputType({ description: 'Filters of the request list' })
export class DataSubjectRequestFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => DataSubjectRequestStatus, { nullable: true })
  status?: DataSubjectRequestStatus;

  @Field(() => DataSubjectRequestType, { nullable: true })
  type?: DataSubjectRequestType;

  @Field(() => Boolean, { nullable: true, description: 'true: open and past the due date; false: everything else' })
  overdue?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'true: not yet completed or refused; false: closed' })
  open?: boolean;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Due on or before this day' })
  dueBefore?: string;

  @Field(() => ID, { nullable: true, description: 'Requests of this customer or contact person' })
  subjectId?: string;
}

@ArgsType()
export class DataSubjectRequestListArgs extends PageArgs {
  @Field(() => DataSubjectRequestFilter, { nullable: true })
  filter?: DataSubjectRequestFilter;
}

export const DATA_SUBJECT_REQUEST_SORT_FIELDS = ['dueDate', 'receivedDate', 'createdAt', 'status', 'type'] as const;

@ObjectType({ simpleResolvers: true, description: 'How many requests have a status' })
export class DataSubjectRequestStatusCount {
  @Field(() => DataSubjectRequestStatus)
  status!: DataSubjectRequestStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many requests received in a month have a status' })
export class DataSubjectRequestMonthCount {
  @Field(() => String, { description: 'Month of receipt, YYYY-MM' })
  month!: string;

  @Field(() => DataSubjectRequestStatus)
  status!: DataSubjectRequestStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Counts of requests for the dpo’s chart' })
export class DataSubjectRequestStatistics {
  @Field(() => [DataSubjectRequestStatusCount])
  byStatus!: DataSubjectRequestStatusCount[];

  @Field(() => [DataSubjectRequestMonthCount], { description: 'Per month of receipt and status, oldest month first' })
  byMonth!: DataSubjectRequestMonthCount[];

  @Field(() => Int, { description: 'Open requests past their due date' })
  overdue!: number;
}
