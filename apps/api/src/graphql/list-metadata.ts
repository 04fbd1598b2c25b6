import { Field, Int, ObjectType } from 'type-graphql';

/** `_allXMeta` result of the ra-data-graphql-simple convention. */
@ObjectType()
export class ListMetadata {
  @Field(() => Int)
  count!: number;
}
