import { Field, Int, ObjectType } from 'type-graphql';

/** `_allXMeta` result of the ra-data-graphql-simple convention. */
@ObjectType({ simpleResolvers: true })
export class ListMetadata {
  @Field(() => Int)
  count!: number;
}
