import { Migration } from '@mikro-orm/migrations';

/**
 * Disclosures to authorities (section 6 of the registry description): an append-only record of
 * what was handed over, about whom, to whom, on which legal basis, when and by whom. It is the
 * evidence that a disclosure was lawful, so the database refuses UPDATE, DELETE and TRUNCATE; the
 * person is named by id only (no foreign key on `subject_id`, which may be a customer or a contact
 * person; `customer_id` keeps a customer with disclosures from being deleted as a mistake).
 */
export class Migration20261125043000 extends Migration {
  override name = 'Migration20261125043000';

  override up(): void | Promise<void> {
    this.addSql(`create type "disclosure_subject_kind" as enum ('CUSTOMER', 'CONTACT_PERSON');`);
    this.addSql(`create type "disclosure_legal_basis" as enum ('POLICE', 'TAX', 'COURT_ORDER', 'TRAFICOM', 'ENFORCEMENT', 'OTHER');`);
    this.addSql(`create table "disclosure" ("id" uuid not null, "subject_kind" "disclosure_subject_kind" not null, "subject_id" uuid not null, "customer_id" uuid not null, "recipient" varchar(200) not null, "legal_basis" "disclosure_legal_basis" not null, "legal_basis_text" varchar(1000) not null, "categories" text[] not null, "fields" text[] not null, "disclosed_on" date not null, "request_reference" varchar(100) null, "note" varchar(2000) null, "disclosed_by_id" uuid not null, "recorded_at" timestamptz not null default clock_timestamp(), primary key ("id"),
      constraint "disclosure_recipient_check" check (btrim("recipient") <> ''),
      constraint "disclosure_legal_basis_text_check" check (btrim("legal_basis_text") <> ''),
      constraint "disclosure_what_check" check (cardinality("categories") + cardinality("fields") > 0),
      constraint "disclosure_subject_check" check (("subject_kind" = 'CUSTOMER') = ("subject_id" = "customer_id")));`);
    this.addSql(`alter table "disclosure" add constraint "disclosure_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`alter table "disclosure" add constraint "disclosure_disclosed_by_id_foreign" foreign key ("disclosed_by_id") references "staff_user" ("id");`);
    this.addSql(`create index "disclosure_subject_id_idx" on "disclosure" ("subject_id", "disclosed_on" desc);`);
    this.addSql(`create index "disclosure_customer_id_idx" on "disclosure" ("customer_id", "disclosed_on" desc);`);
    this.addSql(`create index "disclosure_disclosed_on_id_idx" on "disclosure" ("disclosed_on", "id");`);
    this.addSql(`create index "disclosure_disclosed_by_id_idx" on "disclosure" ("disclosed_by_id");`);

    this.addSql(`create function disclosure_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'disclosure is append-only: % is not allowed (record a new disclosure instead)', tg_op
          using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger disclosure_no_update before update or delete on "disclosure" for each row execute function disclosure_refuse_change();`);
    this.addSql(`create trigger disclosure_no_truncate before truncate on "disclosure" for each statement execute function disclosure_refuse_change();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "disclosure" cascade;`);
    this.addSql(`drop function if exists disclosure_refuse_change();`);
    this.addSql(`drop type if exists "disclosure_legal_basis";`);
    this.addSql(`drop type if exists "disclosure_subject_kind";`);
  }
}
