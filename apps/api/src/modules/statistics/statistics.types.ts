import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType, registerEnumType, ArgsType } from 'type-graphql';
import { CustomerSegment } from '../compiled/compiled.types.js';
import { CustomerKind } from '../customer/customer.enums.js';
import { AgeBand, FinnishRegion, StatisticsService } from './statistics.dimensions.js';

export enum StatisticsDimension {
  SEGMENT = 'SEGMENT',
  SERVICE = 'SERVICE',
  REGION = 'REGION',
  AGE_BAND = 'AGE_BAND',
  KIND = 'KIND',
}

registerEnumType(StatisticsDimension, {
  name: 'StatisticsDimension',
  description: 'What customers can be grouped and filtered by in aggregate statistics',
});

@InputType({ description: 'Restricts the statistics to customers matching every given list (any value of a list)' })
export class StatisticsFilter {
  @Field(() => [CustomerSegment], { nullable: true })
  segments?: CustomerSegment[];

  @Field(() => [StatisticsService], { nullable: true })
  services?: StatisticsService[];

  @Field(() => [FinnishRegion], { nullable: true })
  regions?: FinnishRegion[];

  @Field(() => [AgeBand], { nullable: true })
  ageBands?: AgeBand[];

  @Field(() => [CustomerKind], { nullable: true })
  kinds?: CustomerKind[];
}

@ArgsType()
export class CustomerStatisticsArgs {
  @Field(() => [StatisticsDimension], { description: 'Dimensions to group by, each at most once (none: one group of all)' })
  groupBy!: StatisticsDimension[];

  @Field(() => StatisticsFilter, { nullable: true })
  filter?: StatisticsFilter;
}

@ObjectType({ simpleResolvers: true, description: 'One group of customers; a dimension not grouped by is null' })
export class StatisticsGroup {
  @Field(() => CustomerSegment, { nullable: true })
  segment?: CustomerSegment | null;

  @Field(() => StatisticsService, { nullable: true, description: 'Grouped by service: a customer with several kinds of service counts in each' })
  service?: StatisticsService | null;

  @Field(() => FinnishRegion, { nullable: true })
  region?: FinnishRegion | null;

  @Field(() => AgeBand, { nullable: true })
  ageBand?: AgeBand | null;

  @Field(() => CustomerKind, { nullable: true })
  kind?: CustomerKind | null;

  @Field(() => [StatisticsDimension], {
    description: 'Dimensions grouped by whose value is not shown for this group: its people share it only with fewer than five others',
  })
  hidden!: StatisticsDimension[];

  @Field(() => Int, { description: 'Distinct customers in the group (never fewer than the minimum group size)' })
  people!: number;

  @Field(() => Float, { description: 'Sum of the monthly value of the customers’ active services (all of them, also when grouped by service), in euro cents' })
  monthlyValueCents!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Aggregate statistics of current customers, without any individual data' })
export class CustomerStatistics {
  @Field(() => [StatisticsDimension])
  groupBy!: StatisticsDimension[];

  @Field(() => [StatisticsGroup])
  groups!: StatisticsGroup[];

  @Field(() => Int, { description: 'Distinct customers counted in the groups returned' })
  people!: number;

  @Field(() => Int, { description: 'No group of fewer people is ever counted (see the suppression rule)' })
  minimumGroupSize!: number;

  @Field(() => GraphQLDateTime)
  computedAt!: Date;
}
