import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { PartnerScope } from '@register/schema';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { PartnerScopeEnum } from '../../access/roles.js';

/**
 * A partner system's API key. The key is shown once when created; only its HMAC is stored.
 * Partners act on the controller's behalf and are listed as recipients in the description.
 */
@ObjectType({ simpleResolvers: true, description: 'A partner system key (the secret itself is shown only once)' })
@Entity({ tableName: 'partner_api_key' })
export class ApiKey {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'The partner organisation, e.g. "Posti Oy"' })
  @Property({ length: 200 })
  partner!: string;

  @Field(() => String, { description: 'What the key is for' })
  @Property({ length: 200 })
  label!: string;

  @Field(() => String, { description: 'The first characters of the key, to recognise it' })
  @Property({ length: 16 })
  prefix!: string;

  @Unique({ name: 'partner_api_key_secret_hash_unique' })
  @Property({ type: 'bytea', hidden: true })
  secretHash!: Buffer;

  @Field(() => [PartnerScopeEnum])
  @Property({ type: 'text[]' })
  scopes: PartnerScope[] = [];

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => String, { nullable: true })
  @Property({ length: 64, nullable: true })
  createdBy?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;
}
