import { Migration } from '@mikro-orm/migrations';

/**
 * Contact persons of business customers, billing accounts and invoices, and customer feedback.
 * Every record carries its provenance (section 5). Invoice numbers come from a sequence; money is
 * integer cents and the total is net + VAT, checked by the database as well as by the API.
 * Foreign keys to customer restrict deletion: a customer with attached records is erased, not
 * deleted.
 */
export class Migration20261125020200 extends Migration {
  override name = 'Migration20261125020200';

  override up(): void | Promise<void> {
    this.addSql(`create type "billing_method" as enum ('E_INVOICE', 'EMAIL', 'PAPER', 'DIRECT_PAYMENT');`);
    this.addSql(`create type "invoice_status" as enum ('OPEN', 'REMINDER_SENT', 'IN_COLLECTION', 'PAID', 'CREDITED');`);
    this.addSql(`create type "feedback_kind" as enum ('SURVEY_ANSWER', 'FREE_FEEDBACK', 'COMPLAINT');`);

    this.addSql(`create table "contact_person" ("id" uuid not null, "customer_id" uuid not null, "name" varchar(200) not null, "email" varchar(254) null, "phone" varchar(20) null, "street_address" varchar(200) null, "postal_code" varchar(10) null, "city" varchar(100) null, "country" varchar(2) not null default 'FI', "role_in_company" varchar(200) null, "position" varchar(200) null, "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "search_text" text generated always as (lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), ''))) stored not null, primary key ("id"));`);
    this.addSql(`create index "contact_person_email_idx" on "contact_person" (lower("email"));`);
    this.addSql(`create index "contact_person_phone_idx" on "contact_person" ("phone");`);
    this.addSql(`create index "contact_person_search_text_trgm_idx" on "contact_person" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "contact_person_name_id_idx" on "contact_person" ("name", "id");`);
    this.addSql(`create index "contact_person_customer_id_name_idx" on "contact_person" ("customer_id", "name", "id");`);

    this.addSql(`create table "billing_account" ("id" uuid not null, "customer_id" uuid not null, "method" "billing_method" not null, "e_invoice_address" varchar(34) null, "e_invoice_operator_id" varchar(20) null, "invoice_email" varchar(254) null, "billing_contact_name" varchar(200) null, "street_address" varchar(200) null, "postal_code" varchar(10) null, "city" varchar(100) null, "country" varchar(2) not null default 'FI', "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "billing_account_customer_id_idx" on "billing_account" ("customer_id", "created_at");`);

    // Invoice numbers run from 100001; a number taken by a failed write is skipped, never reused.
    this.addSql(`create sequence "invoice_number_seq" as integer start with 100001;`);
    this.addSql(`create table "invoice" ("id" uuid not null, "customer_id" uuid not null, "billing_account_id" uuid not null, "invoice_number" int not null, "reference_number" varchar(20) not null, "issue_date" date not null, "due_date" date not null, "net_amount_cents" int not null, "vat_amount_cents" int not null, "total_amount_cents" int not null, "currency" varchar(3) not null default 'EUR', "status" "invoice_status" not null default 'OPEN', "paid_date" date null, "reminder_sent_date" date null, "collection_agency" varchar(200) null, "source_type" "data_source" not null default 'SERVICE_DELIVERY', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint "invoice_amounts_check" check ("net_amount_cents" >= 0 and "vat_amount_cents" >= 0 and "total_amount_cents" = "net_amount_cents" + "vat_amount_cents"), constraint "invoice_due_date_check" check ("due_date" >= "issue_date"), constraint "invoice_paid_date_check" check (("status" = 'PAID') = ("paid_date" is not null)), constraint "invoice_collection_agency_check" check ("status" <> 'IN_COLLECTION' or "collection_agency" is not null), constraint "invoice_currency_check" check ("currency" ~ '^EUR$'));`);
    this.addSql(`alter table "invoice" add constraint "invoice_invoice_number_unique" unique ("invoice_number");`);
    this.addSql(`alter table "invoice" add constraint "invoice_reference_number_unique" unique ("reference_number");`);
    this.addSql(`create index "invoice_issue_date_id_idx" on "invoice" ("issue_date", "id");`);
    this.addSql(`create index "invoice_status_due_date_idx" on "invoice" ("status", "due_date");`);
    this.addSql(`create index "invoice_billing_account_id_idx" on "invoice" ("billing_account_id");`);
    this.addSql(`create index "invoice_customer_id_issue_date_idx" on "invoice" ("customer_id", "issue_date");`);

    this.addSql(`create table "feedback" ("id" uuid not null, "customer_id" uuid not null, "kind" "feedback_kind" not null, "survey_name" varchar(200) null, "question" varchar(500) null, "score" smallint null, "text" varchar(4000) null, "given_at" timestamptz not null, "consent" varchar(500) not null, "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint "feedback_score_check" check ("score" >= 0 and "score" <= 10));`);
    this.addSql(`create index "feedback_given_at_id_idx" on "feedback" ("given_at", "id");`);
    this.addSql(`create index "feedback_customer_id_given_at_idx" on "feedback" ("customer_id", "given_at");`);

    this.addSql(`alter table "contact_person" add constraint "contact_person_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`alter table "billing_account" add constraint "billing_account_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_billing_account_id_foreign" foreign key ("billing_account_id") references "billing_account" ("id");`);
    this.addSql(`alter table "feedback" add constraint "feedback_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
  }
}
