import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { STAFF_ROLES, type StaffRole } from '@register/schema';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { StaffRoleEnum } from '../../access/roles.js';

/** A member of staff with user-specific credentials (section 8 of the registry description). */
@ObjectType({ simpleResolvers: true, description: 'A member of staff who signs in to the register' })
@Entity({ tableName: 'staff_user' })
export class StaffUser {
  [OptionalProps]?: 'active' | 'failedLogins' | 'createdAt' | 'updatedAt' | 'passwordChangedAt' | 'totpEnabled';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Index({ name: 'staff_user_username_unique', expression: 'create unique index "staff_user_username_unique" on "staff_user" (lower("username"))' })
  @Field(() => String)
  @Property({ length: 64 })
  username!: string;

  @Field(() => String)
  @Property({ length: 200 })
  displayName!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => [StaffRoleEnum])
  @Property({ type: 'text[]' })
  roles: StaffRole[] = [];

  @Field(() => Boolean)
  @Property({ default: true })
  active: boolean = true;

  @Property({ default: 0, hidden: true })
  failedLogins: number = 0;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;

  /** TOTP secret, encrypted with the identity-number key service (AES-256-GCM). */
  @Property({ type: 'bytea', nullable: true, hidden: true, lazy: true })
  totpSecretCiphertext?: Buffer | null;

  @Property({ length: 32, nullable: true, hidden: true })
  totpSecretKeyId?: string | null;

  @Field(() => Boolean, { description: 'Whether sign-in asks for a one-time code' })
  get totpEnabled(): boolean {
    return this.totpSecretKeyId != null;
  }

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt?: Date | null;

  @Property({ type: 'timestamptz' })
  passwordChangedAt: Date = new Date();

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

export const ALL_STAFF_ROLES: readonly StaffRole[] = STAFF_ROLES;
