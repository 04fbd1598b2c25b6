import { Migration } from '@mikro-orm/migrations';

/**
 * Access changes are announced: `NOTIFY register_access` when a transaction that changes who may
 * do what commits — a staff user changed or removed (roles, deactivation), a session removed or
 * its expiry or user changed (sign-out, revocation), a processing restriction placed, lifted or
 * removed. API processes that answer sessions from memory (access/session-cache.ts) forget them
 * on it, whoever made the change (another API process, the CLI, a person with psql).
 * Statement-level: one notification per statement, and PostgreSQL folds equal ones of a
 * transaction into one. A session's last-activity refresh changes no access and says nothing.
 */
export class Migration20261206064500 extends Migration {
  override name = 'Migration20261206064500';

  override up(): void | Promise<void> {
    this.addSql(`create function register_access_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('register_access', tg_table_name);
        return null;
      end $$;`);
    this.addSql(`create trigger "staff_user_access_changed" after update or delete or truncate on "staff_user"
      for each statement execute function register_access_changed();`);
    this.addSql(`create trigger "staff_session_access_changed" after delete or truncate or update of "expires_at", "user_id", "id" on "staff_session"
      for each statement execute function register_access_changed();`);
    this.addSql(`create trigger "processing_restriction_access_changed" after insert or update or delete or truncate on "processing_restriction"
      for each statement execute function register_access_changed();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger "processing_restriction_access_changed" on "processing_restriction";`);
    this.addSql(`drop trigger "staff_session_access_changed" on "staff_session";`);
    this.addSql(`drop trigger "staff_user_access_changed" on "staff_user";`);
    this.addSql(`drop function register_access_changed();`);
  }
}
