import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { DataSource } from '../customer/customer.enums.js';
import { ContractStatus, SimCardStatus } from './contract.enums.js';

@InputType({ description: 'A service to put on a contract' })
export class ContractLineInput {
  @Field(() => ID)
  serviceProductId!: string;

  @Field(() => Int, { nullable: true, description: 'How many (default 1)' })
  quantity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Agreed monthly price per unit in euro cents (default: the catalogue price)' })
  monthlyPriceCents?: number | null;
}

/** Flat mutation arguments (the ra-data-graphql-simple convention). Validated in the service. */
@ArgsType()
export class CreateContractArgs {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startDate?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Empty for an open-ended contract' })
  endDate?: string | null;

  @Field(() => ContractStatus, { nullable: true, description: 'Default DRAFT' })
  status?: ContractStatus;

  @Field(() => [ContractLineInput], { nullable: true })
  lines?: ContractLineInput[];

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the data was collected (defaults to now)' })
  collectedAt?: Date | null;
}

@ArgsType()
export class UpdateContractArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => ContractStatus, { nullable: true })
  status?: ContractStatus;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Null makes the contract open-ended again' })
  endDate?: string | null;
}

@ArgsType()
export class AddContractServiceArgs {
  @Field(() => ID)
  contractId!: string;

  @Field(() => ID)
  serviceProductId!: string;

  @Field(() => Int, { nullable: true, description: 'How many (default 1)' })
  quantity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Agreed monthly price per unit in euro cents (default: the catalogue price)' })
  monthlyPriceCents?: number | null;
}

@ArgsType()
export class ChangeContractServiceArgs {
  @Field(() => ID)
  contractLineId!: string;

  @Field(() => Int, { nullable: true })
  quantity?: number | null;

  @Field(() => Int, { nullable: true })
  monthlyPriceCents?: number | null;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class ContractFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => [ID], { nullable: true, description: 'The contracts of these customers (e.g. of a page of customers), at most 500' })
  customerIds?: string[];

  @Field(() => ContractStatus, { nullable: true })
  status?: ContractStatus;

  @Field(() => ID, { nullable: true, description: 'Contracts that have (or had) this service' })
  serviceProductId?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Started on or after this date' })
  startAfter?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Started on or before this date' })
  startBefore?: string;

  @Field(() => String, { nullable: true, description: 'The contract number, e.g. SOP-100001' })
  contractNumber?: string;
}

@ArgsType()
export class ContractListArgs extends PageArgs {
  @Field(() => ContractFilter, { nullable: true })
  filter?: ContractFilter;
}

/** Which filter keys read which data-map fields (a filter is a read of what it filters on). */
export const CONTRACT_FILTER_FIELDS: Record<keyof ContractFilter, string[]> = {
  ids: ['id'],
  customerId: ['customerId'],
  customerIds: ['customerId'],
  status: ['status'],
  serviceProductId: ['lines'],
  startAfter: ['startDate'],
  startBefore: ['startDate'],
  contractNumber: ['contractNumber'],
};

export const CONTRACT_SORT_FIELDS = ['contractNumber', 'startDate', 'endDate', 'status', 'createdAt', 'updatedAt'] as const;

/** The create operation of SimCard (named in the data map: `mutations.create`). */
@ArgsType()
export class AddSimCardArgs {
  @Field(() => ID, { nullable: true })
  contractId?: string;

  @Field(() => String, { nullable: true, description: 'SIM card number, 18–20 digits' })
  iccid?: string;

  @Field(() => String, { nullable: true, description: 'Finnish mobile number, e.g. +358 40 123 4567' })
  phoneNumber?: string;

  @Field(() => SimCardStatus, { nullable: true, description: 'Default ORDERED' })
  status?: SimCardStatus;

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  collectedAt?: Date | null;
}

@ArgsType()
export class UpdateSimCardArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => SimCardStatus, { nullable: true })
  status?: SimCardStatus;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class SimCardFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => [ID], { nullable: true, description: 'The SIM cards of these customers, at most 500' })
  customerIds?: string[];

  @Field(() => ID, { nullable: true })
  contractId?: string;

  @Field(() => SimCardStatus, { nullable: true })
  status?: SimCardStatus;

  @Field(() => String, { nullable: true, description: 'The exact ICCID' })
  iccid?: string;
}

@ArgsType()
export class SimCardListArgs extends PageArgs {
  @Field(() => SimCardFilter, { nullable: true })
  filter?: SimCardFilter;
}

export const SIM_CARD_FILTER_FIELDS: Record<keyof SimCardFilter, string[]> = {
  ids: ['id'],
  customerId: ['customerId'],
  customerIds: ['customerId'],
  contractId: ['contractId'],
  status: ['status'],
  iccid: ['iccid'],
};

export const SIM_CARD_SORT_FIELDS = ['iccid', 'phoneNumber', 'status', 'activatedAt', 'closedAt', 'createdAt'] as const;
