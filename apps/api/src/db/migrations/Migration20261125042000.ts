import { Migration } from '@mikro-orm/migrations';

/**
 * Erasure and retention (issue 4).
 *
 * - `customer_status` gains ERASED: the customer row stays as an opaque key (status ERASED, name
 *   "Erased customer", every identifier removed) so that held records and the audit log keep
 *   pointing at something, and an erased customer is never erased twice.
 * - `erasure`: one row per executed erasure (ids, counts and dates only — never a value).
 * - `erasure_hold`: the data subjects whose records are kept under a legal hold after erasure, and
 *   the date the next hold ends; the retention job erases those records when it has passed.
 * - `retention_run`: progress of each retention run (read by the dpo).
 * - The marketing-permit ledger stays append-only for everybody, with exactly one exception:
 *   `erase_marketing_ledger(erasure_id)`, which removes a data subject's entries for the erasure
 *   recorded in the same transaction (see below).
 */
export class Migration20261125042000 extends Migration {
  override name = 'Migration20261125042000';

  override up(): void | Promise<void> {
    // Allowed in a transaction since PostgreSQL 12; the value is not used by this migration.
    this.addSql(`alter type "customer_status" add value if not exists 'ERASED';`);

    this.addSql(`create table "erasure" ("id" uuid not null, "subject_type" varchar(32) not null, "subject_id" uuid not null, "executed_at" timestamptz not null default clock_timestamp(), "executed_by" varchar(64) null, "request_id" uuid null, "retention_run_id" uuid null, "as_of" date not null, "fingerprint" varchar(64) not null, "deleted_records" int not null default 0, "cleared_records" int not null default 0, "held_records" int not null default 0, "held_until" date null, primary key ("id"),
      constraint "erasure_subject_type_check" check ("subject_type" in ('CUSTOMER', 'CONTACT_PERSON')));`);
    this.addSql(`create index "erasure_subject_idx" on "erasure" ("subject_type", "subject_id", "executed_at" desc);`);

    this.addSql(`create table "erasure_hold" ("subject_type" varchar(32) not null, "subject_id" uuid not null, "held_until" date not null, "erasure_id" uuid not null, primary key ("subject_type", "subject_id"));`);
    this.addSql(`alter table "erasure_hold" add constraint "erasure_hold_erasure_id_foreign" foreign key ("erasure_id") references "erasure" ("id");`);
    this.addSql(`create index "erasure_hold_held_until_idx" on "erasure_hold" ("held_until");`);

    this.addSql(`create table "retention_run" ("id" uuid not null, "as_of" date not null, "trigger" varchar(16) not null, "status" varchar(16) not null default 'RUNNING', "started_at" timestamptz not null default clock_timestamp(), "heartbeat_at" timestamptz not null default clock_timestamp(), "finished_at" timestamptz null, "total" int not null default 0, "processed" int not null default 0, "erased" int not null default 0, "holds_ended" int not null default 0, "held" int not null default 0, "failed" int not null default 0, "error" varchar(500) null, primary key ("id"),
      constraint "retention_run_status_check" check ("status" in ('RUNNING', 'COMPLETED', 'FAILED', 'STOPPED', 'INTERRUPTED')),
      constraint "retention_run_trigger_check" check ("trigger" in ('SCHEDULE', 'CLI', 'API')));`);
    this.addSql(`create index "retention_run_started_at_idx" on "retention_run" ("started_at" desc);`);
    // The retention job finds terminated customers by the end of their relationship.
    this.addSql(`create index "customer_relationship_ended_at_idx" on "customer" ("relationship_ended_at") where "relationship_ended_at" is not null;`);

    // THE ONE PATH THAT REMOVES LEDGER ENTRIES. The ledger is proof of consent and objection, so
    // nothing may rewrite it: UPDATE and TRUNCATE are always refused, and DELETE is refused unless
    // it runs inside erase_marketing_ledger(). That function accepts only the id of an erasure row
    // written by the *current transaction*, so it cannot be used to
    // quietly drop a decision: whoever removes entries also records an erasure, and the audit
    // event of the erasure is written in the same transaction. The trigger recognises the function
    // from the call stack (PG_CONTEXT), which no session setting can fake.
    this.addSql(`create or replace function marketing_permit_entry_refuse_change() returns trigger language plpgsql as $$
      declare
        stack text;
      begin
        if tg_op = 'DELETE' then
          get diagnostics stack = pg_context;
          if position('function erase_marketing_ledger(uuid)' in stack) > 0 then
            return old;
          end if;
        end if;
        raise exception 'marketing_permit_entry is append-only: % is not allowed (record a new decision instead; a data subject''s entries are removed only by their erasure)', tg_op
          using errcode = 'insufficient_privilege';
      end $$;`);

    this.addSql(`create function erase_marketing_ledger(p_erasure_id uuid) returns integer language plpgsql as $$
      declare
        v_type text;
        v_subject uuid;
        removed integer;
      begin
        -- A row this transaction can see whose inserting transaction is still in progress was
        -- inserted by this very transaction (or one of its savepoints): nobody else's uncommitted
        -- rows are visible, and an erasure committed earlier is no longer in progress.
        select subject_type, subject_id into v_type, v_subject from erasure
          where id = p_erasure_id
            and txid_status(((txid_current() >> 32) << 32) + xmin::text::bigint) = 'in progress';
        if v_subject is null then
          raise exception 'erase_marketing_ledger: % is not an erasure recorded in this transaction', p_erasure_id
            using errcode = 'insufficient_privilege';
        end if;
        if v_type = 'CUSTOMER' then
          -- The derived state forgets the entries and permits nothing: an erased customer is never marketed to.
          update customer_marketing_state set permitted = false, decided_at = null, entry_id = null
            where customer_id = v_subject;
          delete from marketing_permit_entry where customer_id = v_subject;
        else
          delete from marketing_permit_entry where contact_person_id = v_subject;
        end if;
        get diagnostics removed = row_count;
        return removed;
      end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop function if exists erase_marketing_ledger(uuid);`);
    this.addSql(`create or replace function marketing_permit_entry_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'marketing_permit_entry is append-only: % is not allowed (record a new decision instead)', tg_op
          using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`drop table if exists "retention_run";`);
    this.addSql(`drop table if exists "erasure_hold";`);
    this.addSql(`drop table if exists "erasure";`);
    this.addSql(`drop index if exists "customer_relationship_ended_at_idx";`);
  }
}
