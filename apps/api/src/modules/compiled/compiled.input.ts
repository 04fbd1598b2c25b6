import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { CustomerSegment } from './compiled.types.js';

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class CustomerFiguresFilter {
  @Field(() => [ID], { nullable: true, description: 'The customers whose figures to compile' })
  customerIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Same as customerIds (react-admin asks for records by ids)' })
  ids?: string[];

  @Field(() => CustomerSegment, { nullable: true })
  segment?: CustomerSegment;
}

@ArgsType()
export class CustomerFiguresListArgs extends PageArgs {
  @Field(() => CustomerFiguresFilter, { nullable: true })
  filter?: CustomerFiguresFilter;
}

export const CUSTOMER_FIGURES_FILTER_FIELDS: Record<keyof CustomerFiguresFilter, string[]> = {
  customerIds: ['customerId'],
  ids: ['id'],
  segment: ['segment'],
};

export const CUSTOMER_FIGURES_SORT_FIELDS = ['customerId', 'activeServices', 'monthlyValueCents', 'customerSince', 'segment'] as const;
