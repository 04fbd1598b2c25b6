import { Migration } from '@mikro-orm/migrations';

/**
 * Data subject requests (GDPR Art. 12–21) and restrictions of processing (Art. 18).
 *
 * A request names its person by a customer or a contact person, or — until they are matched — by
 * the identifying details the person gave (personal data, dpo only). The due date is computed by
 * the application (one calendar month, clamped to the month's end) and can be extended once.
 * A restriction is keyed by the data subject's id (customer or contact person): while it is not
 * lifted, nobody but the dpo reads or changes that subject's records. Several API instances share
 * the table, so "at most one active restriction per subject and reason" is a unique index.
 */
export class Migration20261125041000 extends Migration {
  override name = 'Migration20261125041000';

  override up(): void | Promise<void> {
    this.addSql(`create type "dsr_type" as enum ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'PORTABILITY');`);
    this.addSql(`create type "dsr_status" as enum ('RECEIVED', 'IDENTITY_VERIFIED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REFUSED');`);
    this.addSql(`create type "dsr_channel" as enum ('LETTER', 'EMAIL', 'IN_PERSON');`);
    this.addSql(`create table "data_subject_request" (
      "id" uuid not null,
      "type" "dsr_type" not null,
      "status" "dsr_status" not null default 'RECEIVED',
      "customer_id" uuid null,
      "contact_person_id" uuid null,
      "requester_name" varchar(200) null,
      "requester_email" varchar(254) null,
      "requester_phone" varchar(30) null,
      "requester_address" varchar(500) null,
      "requester_date_of_birth" date null,
      "received_date" date not null,
      "channel" "dsr_channel" not null,
      "signed" boolean not null default false,
      "identity_verification_method" varchar(500) null,
      "identity_verified_by_id" uuid null,
      "identity_verified_at" timestamptz null,
      "original_due_date" date not null,
      "due_date" date not null,
      "extension_reason" varchar(2000) null,
      "extended_by_id" uuid null,
      "extended_at" timestamptz null,
      "refusal_reason" varchar(2000) null,
      "completed_date" date null,
      "notes" varchar(4000) null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      primary key ("id"));`);
    this.addSql(`create index "data_subject_request_status_due_date_idx" on "data_subject_request" ("status", "due_date", "id");`);
    this.addSql(`create index "data_subject_request_due_date_id_idx" on "data_subject_request" ("due_date", "id");`);
    this.addSql(`create index "data_subject_request_customer_id_idx" on "data_subject_request" ("customer_id") where "customer_id" is not null;`);
    this.addSql(`create index "data_subject_request_contact_person_id_idx" on "data_subject_request" ("contact_person_id") where "contact_person_id" is not null;`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_one_person_check" check ("customer_id" is null or "contact_person_id" is null);`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_refusal_check" check (("status" = 'REFUSED') = ("refusal_reason" is not null));`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_closed_check" check (("status" in ('COMPLETED', 'REFUSED')) = ("completed_date" is not null));`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_extension_check" check (("extended_at" is null) = ("extension_reason" is null) and "due_date" >= "original_due_date" and ("extended_at" is not null or "due_date" = "original_due_date"));`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_due_check" check ("original_due_date" > "received_date");`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_contact_person_id_foreign" foreign key ("contact_person_id") references "contact_person" ("id") on delete set null;`);
    for (const column of ['identity_verified_by_id', 'extended_by_id', 'created_by_id']) {
      this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_${column}_foreign" foreign key ("${column}") references "staff_user" ("id") on delete set null;`);
    }

    this.addSql(`create type "restriction_subject_type" as enum ('CUSTOMER', 'CONTACT_PERSON');`);
    this.addSql(`create type "restriction_reason" as enum ('DATA_SUBJECT_REQUEST', 'LEGAL_HOLD');`);
    this.addSql(`create table "processing_restriction" (
      "id" uuid not null,
      "subject_type" "restriction_subject_type" not null,
      "subject_id" uuid not null,
      "reason" "restriction_reason" not null,
      "request_id" uuid null,
      "since" timestamptz not null,
      "restricted_by_id" uuid null,
      "lifted_at" timestamptz null,
      "lifted_by_id" uuid null,
      primary key ("id"));`);
    // The per-request loader asks "which of these subjects are restricted now?": this answers it.
    this.addSql(`create index "processing_restriction_active_subject_idx" on "processing_restriction" ("subject_id") where "lifted_at" is null;`);
    this.addSql(`create unique index "processing_restriction_active_unique" on "processing_restriction" ("subject_id", "reason") where "lifted_at" is null;`);
    this.addSql(`create index "processing_restriction_request_id_idx" on "processing_restriction" ("request_id") where "request_id" is not null;`);
    this.addSql(`alter table "processing_restriction" add constraint "processing_restriction_lifted_check" check ("lifted_at" is null or "lifted_at" >= "since");`);
    this.addSql(`alter table "processing_restriction" add constraint "processing_restriction_request_id_foreign" foreign key ("request_id") references "data_subject_request" ("id") on delete set null;`);
    this.addSql(`alter table "processing_restriction" add constraint "processing_restriction_restricted_by_id_foreign" foreign key ("restricted_by_id") references "staff_user" ("id") on delete set null;`);
    this.addSql(`alter table "processing_restriction" add constraint "processing_restriction_lifted_by_id_foreign" foreign key ("lifted_by_id") references "staff_user" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "processing_restriction";`);
    this.addSql(`drop type if exists "restriction_reason";`);
    this.addSql(`drop type if exists "restriction_subject_type";`);
    this.addSql(`drop table if exists "data_subject_request";`);
    this.addSql(`drop type if exists "dsr_channel";`);
    this.addSql(`drop type if exists "dsr_status";`);
    this.addSql(`drop type if exists "dsr_type";`);
  }
}
