import { GraphQLLocalDate } from '../../common/scalars.js';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ErasureSubjectType {
  CUSTOMER = 'CUSTOMER',
  CONTACT_PERSON = 'CONTACT_PERSON',
}

export enum ErasureRecordAction {
  DELETE = 'DELETE',
  ANONYMISE = 'ANONYMISE',
  HOLD = 'HOLD',
  CLEAR = 'CLEAR',
}

export enum ErasureFieldStrategy {
  DELETE = 'DELETE',
  ANONYMISE = 'ANONYMISE',
  HOLD = 'HOLD',
  NONE = 'NONE',
}

registerEnumType(ErasureSubjectType, { name: 'ErasureSubjectType', description: 'A customer (with everything of theirs) or a contact person' });
registerEnumType(ErasureRecordAction, {
  name: 'ErasureRecordAction',
  description:
    'DELETE: the record is removed. ANONYMISE: the customer record stays as an opaque key (status ERASED), its identifiers removed. ' +
    'HOLD: kept under a legal hold until heldUntil, restricted to the dpo; fields that are not held are removed. ' +
    'CLEAR: kept because a held record refers to it, or kept as evidence under its own retention; its personal fields are removed.',
});
registerEnumType(ErasureFieldStrategy, { name: 'ErasureFieldStrategy', description: 'What the data map says erasure does to a field' });

@ObjectType({ simpleResolvers: true, description: 'What erasure does to one field of a type (from the data map)' })
export class ErasurePlanField {
  @Field(() => String) field!: string;
  @Field(() => String) label!: string;
  @Field(() => String) labelFi!: string;
  @Field(() => ErasureFieldStrategy) strategy!: ErasureFieldStrategy;
  @Field(() => String, { nullable: true, description: 'The value an anonymised field gets (empty: removed)' }) replacement?: string | null;
  @Field(() => String, { nullable: true, description: 'The legal hold, e.g. accounting-voucher' }) hold?: string | null;
  @Field(() => String, { nullable: true, description: 'The law behind the hold' }) law?: string | null;
  @Field(() => String, { nullable: true, description: 'Why the field is kept as it is' }) reason?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One record of the data subject and what erasure does to it' })
export class ErasurePlanRecord {
  @Field(() => ID) id!: string;
  @Field(() => ErasureRecordAction) action!: ErasureRecordAction;
  @Field(() => String, { nullable: true }) hold?: string | null;
  @Field(() => String, { nullable: true }) law?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The last day the record is kept under the hold' }) heldUntil?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The records of one type and what erasure does to them' })
export class ErasurePlanType {
  @Field(() => String) type!: string;
  @Field(() => String) label!: string;
  @Field(() => String) labelFi!: string;
  @Field(() => [ErasurePlanRecord]) records!: ErasurePlanRecord[];
  @Field(() => [ErasurePlanField]) fields!: ErasurePlanField[];
}

@ObjectType({ simpleResolvers: true, description: 'How many records erasure deletes, anonymises, clears and keeps under a hold' })
export class ErasureCounts {
  @Field(() => Int) records!: number;
  @Field(() => Int) deleted!: number;
  @Field(() => Int) anonymised!: number;
  @Field(() => Int) cleared!: number;
  @Field(() => Int) held!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A classified type that stores nothing of its own (computed when read)' })
export class ErasureComputedType {
  @Field(() => String) type!: string;
  @Field(() => String) label!: string;
  @Field(() => String) labelFi!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The erasure plan of a data subject, computed from the data map (dpo only)' })
export class ErasurePlanResult {
  @Field(() => ErasureSubjectType) subjectType!: ErasureSubjectType;
  @Field(() => ID) subjectId!: string;
  @Field(() => GraphQLLocalDate) asOf!: string;
  @Field(() => String, { description: 'Send it as `confirm` to eraseDataSubject: the plan executed is this plan' }) fingerprint!: string;
  @Field(() => Boolean, { description: 'The subject was erased before; only records whose hold has ended remain to erase' }) alreadyErased!: boolean;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the first hold ends (the retention job erases those records then)' }) heldUntil?: string | null;
  @Field(() => ErasureCounts) counts!: ErasureCounts;
  @Field(() => [ErasurePlanType]) types!: ErasurePlanType[];
  @Field(() => [ErasureComputedType]) computedTypes!: ErasureComputedType[];
}

@ObjectType({ simpleResolvers: true, description: 'What an executed erasure did' })
export class ErasureResult {
  @Field(() => ID) erasureId!: string;
  @Field(() => ErasureSubjectType) subjectType!: ErasureSubjectType;
  @Field(() => ID) subjectId!: string;
  @Field(() => ErasureCounts) counts!: ErasureCounts;
  @Field(() => GraphQLLocalDate, { nullable: true }) heldUntil?: string | null;
  @Field(() => Int) ledgerEntriesRemoved!: number;
  @Field(() => Boolean, { description: 'Records stay under a legal hold and the subject is restricted' }) restricted!: boolean;
}

@ArgsType()
export class ErasureSubjectArgs {
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => ID, { nullable: true }) contactPersonId?: string | null;
}

@ArgsType()
export class EraseDataSubjectArgs extends ErasureSubjectArgs {
  @Field(() => ID, { nullable: true, description: 'The ERASURE data subject request this erasure answers' }) requestId?: string | null;
  @Field(() => String, { description: 'The fingerprint of the plan the dpo reviewed (erasurePlan.fingerprint)' }) confirm!: string;
}
