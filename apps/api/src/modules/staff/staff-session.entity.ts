import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { StaffUser } from './staff-user.entity.js';

/**
 * A server-side session. The cookie carries a random token; the table keeps only its HMAC under
 * the session secret, so a copy of the table does not let anyone sign in.
 */
@Entity({ tableName: 'staff_session' })
@Index({ name: 'staff_session_expires_at_idx', properties: ['expiresAt'] })
export class StaffSession {
  @PrimaryKey({ type: 'bytea' })
  id!: Buffer;

  @ManyToOne(() => StaffUser, { deleteRule: 'cascade' })
  user!: Rel<StaffUser>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  lastSeenAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ length: 64, nullable: true })
  ip?: string | null;

  @Property({ length: 200, nullable: true })
  userAgent?: string | null;
}
