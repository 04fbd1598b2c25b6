import { Migration } from '@mikro-orm/migrations';

/**
 * Contracts, their services and SIM cards; the customer history timeline. Money is integer euro
 * cents, dates are dates. The compiled customer figures are computed from these tables on read
 * (modules/compiled): nothing of theirs is stored.
 */
export class Migration20261125020400 extends Migration {
  override name = 'Migration20261125020400';

  override up(): void | Promise<void> {
    this.addSql(`create type "contract_status" as enum ('DRAFT', 'ACTIVE', 'ENDED', 'CANCELLED');`);
    this.addSql(`create type "sim_card_status" as enum ('ORDERED', 'ACTIVE', 'SUSPENDED', 'CLOSED');`);
    this.addSql(`create type "customer_event_kind" as enum ('SERVICE_ADDED', 'SERVICE_REMOVED', 'SERVICE_CHANGED', 'CONTRACT_CREATED', 'CONTRACT_STATUS_CHANGED', 'CONTRACT_CHANGED', 'SIM_ADDED', 'SIM_STATUS_CHANGED', 'CONTACT', 'QUOTATION', 'ORDER');`);
    this.addSql(`create type "contact_channel" as enum ('PHONE', 'EMAIL', 'VISIT', 'CHAT');`);

    // Contract numbers SOP-100001, SOP-100002, … (gaps after a rolled-back insert are harmless).
    this.addSql(`create sequence "contract_number_seq" start with 100001;`);

    this.addSql(`create table "contract" ("id" uuid not null, "contract_number" varchar(20) not null, "customer_id" uuid not null, "status" "contract_status" not null default 'DRAFT', "start_date" date not null, "end_date" date null, "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint "contract_dates_check" check ("end_date" is null or "end_date" >= "start_date"));`);
    this.addSql(`alter table "contract" add constraint "contract_contract_number_unique" unique ("contract_number");`);
    this.addSql(`alter table "contract" add constraint "contract_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`create index "contract_customer_id_start_date_idx" on "contract" ("customer_id", "start_date");`);
    this.addSql(`create index "contract_start_date_id_idx" on "contract" ("start_date", "id");`);
    this.addSql(`create index "contract_status_idx" on "contract" ("status");`);

    this.addSql(`create table "contract_line" ("id" uuid not null, "contract_id" uuid not null, "service_product_id" uuid not null, "quantity" int not null default 1, "monthly_price_cents" int not null, "added_date" date not null, "removed_date" date null, "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint "contract_line_quantity_check" check ("quantity" >= 1), constraint "contract_line_monthly_price_cents_check" check ("monthly_price_cents" >= 0), constraint "contract_line_dates_check" check ("removed_date" is null or "removed_date" >= "added_date"));`);
    this.addSql(`alter table "contract_line" add constraint "contract_line_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on delete cascade;`);
    this.addSql(`alter table "contract_line" add constraint "contract_line_service_product_id_foreign" foreign key ("service_product_id") references "service_product" ("id");`);
    this.addSql(`create index "contract_line_contract_id_idx" on "contract_line" ("contract_id");`);
    this.addSql(`create index "contract_line_service_product_id_idx" on "contract_line" ("service_product_id");`);

    this.addSql(`create table "sim_card" ("id" uuid not null, "contract_id" uuid not null, "customer_id" uuid not null, "iccid" varchar(20) not null, "phone_number" varchar(16) not null, "status" "sim_card_status" not null default 'ORDERED', "activated_at" timestamptz null, "closed_at" timestamptz null, "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint "sim_card_iccid_check" check ("iccid" ~ '^89[0-9]{16,18}$'), constraint "sim_card_phone_number_check" check ("phone_number" ~ '^\\+[1-9][0-9]{6,14}$'));`);
    this.addSql(`alter table "sim_card" add constraint "sim_card_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on delete cascade;`);
    this.addSql(`alter table "sim_card" add constraint "sim_card_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`create index "sim_card_contract_id_idx" on "sim_card" ("contract_id");`);
    this.addSql(`create index "sim_card_customer_id_idx" on "sim_card" ("customer_id");`);
    this.addSql(`create index "sim_card_iccid_idx" on "sim_card" ("iccid");`);
    // An ICCID and a phone number belong to one card at a time; a CLOSED card's may be issued again.
    this.addSql(`create unique index "sim_card_iccid_active_unique" on "sim_card" ("iccid") where "status" <> 'CLOSED';`);
    this.addSql(`create unique index "sim_card_phone_number_active_unique" on "sim_card" ("phone_number") where "status" <> 'CLOSED';`);

    this.addSql(`create table "customer_event" ("id" uuid not null, "customer_id" uuid not null, "at" timestamptz not null, "kind" "customer_event_kind" not null, "summary" varchar(2000) not null, "before" jsonb null, "after" jsonb null, "channel" "contact_channel" null, "staff_user_id" uuid null, "record_type" varchar(40) null, "record_id" uuid null, "source_type" "data_source" not null default 'SERVICE_DELIVERY', "source_partner" varchar(100) null, "collected_at" timestamptz not null, primary key ("id"), constraint "customer_event_contact_channel_check" check (("kind" = 'CONTACT') = ("channel" is not null)));`);
    this.addSql(`alter table "customer_event" add constraint "customer_event_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`create index "customer_event_customer_id_at_idx" on "customer_event" ("customer_id", "at", "id");`);
    this.addSql(`create index "customer_event_at_id_idx" on "customer_event" ("at", "id");`);
    this.addSql(`create index "customer_event_record_id_idx" on "customer_event" ("record_id");`);
  }
}
