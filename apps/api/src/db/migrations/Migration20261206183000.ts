import { Migration } from '@mikro-orm/migrations';

/**
 * The pending list of the GIN index of `audit_event.subject_ids` is merged by the API in the
 * background (audit/subject-index.ts), no longer inside an append.
 *
 * - `audit_flush_subject_index()` merges it: `gin_clean_pending_list` may be called only by the
 *   index's owner, so the function runs as its owner (SECURITY DEFINER, its search path
 *   pg_catalog and the register's schema) and does nothing else; it answers how many pending pages it merged.
 *   Not executable by PUBLIC.
 * - The list may grow to 16 MB (from PostgreSQL's 4 MB) before an append merges it itself: a
 *   burst between two background merges stays out of the requests' way. The access report's
 *   look-up reads the list as it is (at most a few MB between merges).
 */
export class Migration20261206183000 extends Migration {
  override name = 'Migration20261206183000';

  override up(): void | Promise<void> {
    this.addSql(`alter index "audit_event_subject_ids_idx" set (gin_pending_list_limit = 16384);`);
    // The schema the register's tables are in, fixed in the function (pg_catalog first).
    this.addSql(`do $do$ begin
      execute format($f$create function audit_flush_subject_index() returns bigint language sql security definer
        set search_path = pg_catalog, %I as $$ select gin_clean_pending_list('audit_event_subject_ids_idx'::regclass) $$$f$, current_schema());
    end $do$;`);
    // Only the register's own roles call it (the owner may; others when granted).
    this.addSql(`revoke all on function audit_flush_subject_index() from public;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop function if exists audit_flush_subject_index();`);
    this.addSql(`alter index "audit_event_subject_ids_idx" reset (gin_pending_list_limit);`);
  }
}
