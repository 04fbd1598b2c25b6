import { GraphQLLocalDate } from '../../common/scalars.js';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { DisclosureLegalBasis, DisclosureSubjectKind } from './disclosure.enums.js';

/** Flat mutation arguments, named after the fields they write. Validated in the service. */
@ArgsType()
export class RecordDisclosureArgs {
  @Field(() => DisclosureSubjectKind, { nullable: true, description: 'CUSTOMER or CONTACT_PERSON (required)' })
  subjectKind?: DisclosureSubjectKind | null;

  @Field(() => ID, { nullable: true, description: 'The customer or contact person whose data was disclosed (required)' })
  subjectId?: string | null;

  @Field(() => String, { nullable: true, description: 'The authority (required, at most 200 characters)' })
  recipient?: string | null;

  @Field(() => DisclosureLegalBasis, { nullable: true, description: 'The law the disclosure was made under (required)' })
  legalBasis?: DisclosureLegalBasis | null;

  @Field(() => String, { nullable: true, description: 'The section of law or the decision (required, at most 1000 characters)' })
  legalBasisText?: string | null;

  @Field(() => [String], { nullable: true, description: 'Data categories disclosed (categories and/or fields are required)' })
  categories?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Fields disclosed, as Type.field of the data map' })
  fields?: string[] | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The date of the disclosure (required, not in the future)' })
  disclosedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'The reference number of the authority’s request (at most 100 characters)' })
  requestReference?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters; no names or identifiers of the person' })
  note?: string | null;
}

@InputType({ description: 'Disclosure list filters' })
export class DisclosureFilter {
  @Field(() => ID, { nullable: true, description: 'Disclosures about this person (customer or contact person)' })
  subjectId?: string;

  @Field(() => ID, { nullable: true, description: 'Disclosures about this customer and its contact persons' })
  customerId?: string;

  @Field(() => String, { nullable: true, description: 'Recipient contains this text (case-insensitive)' })
  recipient?: string;

  @Field(() => DisclosureLegalBasis, { nullable: true })
  legalBasis?: DisclosureLegalBasis;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Disclosed on or after this date' })
  disclosedFrom?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Disclosed on or before this date' })
  disclosedTo?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];
}

@ArgsType()
export class DisclosureListArgs extends PageArgs {
  @Field(() => DisclosureFilter, { nullable: true })
  filter?: DisclosureFilter;
}

export const DISCLOSURE_SORT_FIELDS = ['disclosedOn', 'recordedAt', 'recipient', 'legalBasis'] as const;
