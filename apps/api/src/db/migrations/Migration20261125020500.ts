import { Migration } from '@mikro-orm/migrations';

/**
 * Orders and quotations with their lines. Order and quotation numbers come from sequences; values
 * are integer cents computed from the lines (the checks keep every line total = quantity × unit
 * price); a line names exactly one service or one equipment model of the catalogue.
 */
export class Migration20261125020500 extends Migration {
  override name = 'Migration20261125020500';

  override up(): void | Promise<void> {
    this.addSql(`create type "order_status" as enum ('NEW', 'CONFIRMED', 'IN_DELIVERY', 'DELIVERED', 'CANCELLED');`);
    this.addSql(`create type "quotation_status" as enum ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'CONVERTED');`);
    this.addSql(`create sequence "quotation_number_seq" as int start 500001;`);
    this.addSql(`create sequence "customer_order_number_seq" as int start 100001;`);

    this.addSql(`create table "quotation" ("id" uuid not null, "quotation_number" int not null, "customer_id" uuid not null, "quotation_date" date not null, "valid_until" date not null, "status" "quotation_status" not null default 'DRAFT', "total_cents" int not null default 0, "prepared_by_id" uuid null, "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter sequence "quotation_number_seq" owned by "quotation"."quotation_number";`);
    this.addSql(`alter table "quotation" add constraint "quotation_quotation_number_unique" unique ("quotation_number");`);
    this.addSql(`create index "quotation_status_idx" on "quotation" ("status");`);
    this.addSql(`create index "quotation_customer_id_idx" on "quotation" ("customer_id");`);
    this.addSql(`alter table "quotation" add constraint "quotation_source_partner_check" check (("source_type" = 'PARTNER') = ("source_partner" is not null));`);
    this.addSql(`alter table "quotation" add constraint "quotation_total_cents_check" check ("total_cents" >= 0);`);
    this.addSql(`alter table "quotation" add constraint "quotation_valid_until_check" check ("valid_until" >= "quotation_date");`);

    this.addSql(`create table "quotation_line" ("id" uuid not null, "quotation_id" uuid not null, "line_number" smallint not null, "service_product_id" uuid null, "equipment_model_id" uuid null, "quantity" int not null, "unit_price_cents" int not null, "total_cents" int not null, primary key ("id"));`);
    this.addSql(`create index "quotation_line_equipment_model_id_idx" on "quotation_line" ("equipment_model_id");`);
    this.addSql(`create index "quotation_line_service_product_id_idx" on "quotation_line" ("service_product_id");`);
    this.addSql(`create index "quotation_line_quotation_id_idx" on "quotation_line" ("quotation_id");`);
    this.addSql(`alter table "quotation_line" add constraint "quotation_line_total_cents_check" check ("total_cents" = "quantity" * "unit_price_cents");`);
    this.addSql(`alter table "quotation_line" add constraint "quotation_line_unit_price_cents_check" check ("unit_price_cents" >= 0);`);
    this.addSql(`alter table "quotation_line" add constraint "quotation_line_quantity_check" check ("quantity" >= 1 and "quantity" <= 1000);`);
    this.addSql(`alter table "quotation_line" add constraint "quotation_line_one_product_check" check (("service_product_id" is null) <> ("equipment_model_id" is null));`);

    this.addSql(`create table "customer_order" ("id" uuid not null, "order_number" int not null, "customer_id" uuid not null, "order_date" date not null, "delivery_date" date not null, "delivered_at" date null, "status" "order_status" not null default 'NEW', "delivery_street_address" varchar(200) null, "delivery_postal_code" varchar(10) null, "delivery_city" varchar(100) null, "delivery_country" varchar(2) not null default 'FI', "recipient_name" varchar(200) null, "sim_iccids" text[] not null, "value_cents" int not null default 0, "quotation_id" uuid null, "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter sequence "customer_order_number_seq" owned by "customer_order"."order_number";`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_order_number_unique" unique ("order_number");`);
    // The delivery partner's SIM look-ups and the "one open order per SIM card" check use this.
    this.addSql(`create index "customer_order_open_sim_iccids_idx" on "customer_order" using gin ("sim_iccids") where "status" in ('NEW', 'CONFIRMED', 'IN_DELIVERY');`);
    // A quotation becomes at most one order.
    this.addSql(`create unique index "customer_order_quotation_id_unique" on "customer_order" ("quotation_id") where "quotation_id" is not null;`);
    this.addSql(`create index "customer_order_order_date_id_idx" on "customer_order" ("order_date", "id");`);
    this.addSql(`create index "customer_order_status_idx" on "customer_order" ("status");`);
    this.addSql(`create index "customer_order_customer_id_idx" on "customer_order" ("customer_id");`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_source_partner_check" check (("source_type" = 'PARTNER') = ("source_partner" is not null));`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_value_cents_check" check ("value_cents" >= 0);`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_delivered_at_check" check (("delivered_at" is null or "delivered_at" >= "order_date") and (("status" = 'DELIVERED') = ("delivered_at" is not null)));`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_delivery_date_check" check ("delivery_date" >= "order_date");`);

    this.addSql(`create table "customer_order_line" ("id" uuid not null, "order_id" uuid not null, "line_number" smallint not null, "service_product_id" uuid null, "equipment_model_id" uuid null, "quantity" int not null, "unit_price_cents" int not null, "total_cents" int not null, primary key ("id"));`);
    this.addSql(`create index "customer_order_line_equipment_model_id_idx" on "customer_order_line" ("equipment_model_id");`);
    this.addSql(`create index "customer_order_line_service_product_id_idx" on "customer_order_line" ("service_product_id");`);
    this.addSql(`alter table "customer_order_line" add constraint "customer_order_line_order_id_line_number_unique" unique ("order_id", "line_number");`);
    this.addSql(`alter table "customer_order_line" add constraint "customer_order_line_total_cents_check" check ("total_cents" = "quantity" * "unit_price_cents");`);
    this.addSql(`alter table "customer_order_line" add constraint "customer_order_line_unit_price_cents_check" check ("unit_price_cents" >= 0);`);
    this.addSql(`alter table "customer_order_line" add constraint "customer_order_line_quantity_check" check ("quantity" >= 1 and "quantity" <= 1000);`);
    this.addSql(`alter table "customer_order_line" add constraint "customer_order_line_one_product_check" check (("service_product_id" is null) <> ("equipment_model_id" is null));`);

    this.addSql(`alter table "quotation" add constraint "quotation_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`alter table "quotation" add constraint "quotation_prepared_by_id_foreign" foreign key ("prepared_by_id") references "staff_user" ("id") on delete set null;`);
    this.addSql(`alter table "quotation_line" add constraint "quotation_line_quotation_id_foreign" foreign key ("quotation_id") references "quotation" ("id") on delete cascade;`);
    this.addSql(`alter table "quotation_line" add constraint "quotation_line_service_product_id_foreign" foreign key ("service_product_id") references "service_product" ("id") on delete no action;`);
    this.addSql(`alter table "quotation_line" add constraint "quotation_line_equipment_model_id_foreign" foreign key ("equipment_model_id") references "equipment_model" ("id") on delete no action;`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_quotation_id_foreign" foreign key ("quotation_id") references "quotation" ("id") on delete set null;`);
    this.addSql(`alter table "customer_order_line" add constraint "customer_order_line_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on delete cascade;`);
    this.addSql(`alter table "customer_order_line" add constraint "customer_order_line_service_product_id_foreign" foreign key ("service_product_id") references "service_product" ("id") on delete no action;`);
    this.addSql(`alter table "customer_order_line" add constraint "customer_order_line_equipment_model_id_foreign" foreign key ("equipment_model_id") references "equipment_model" ("id") on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "customer_order_line" cascade;`);
    this.addSql(`drop table if exists "customer_order" cascade;`);
    this.addSql(`drop table if exists "quotation_line" cascade;`);
    this.addSql(`drop table if exists "quotation" cascade;`);
    this.addSql(`drop type if exists "order_status";`);
    this.addSql(`drop type if exists "quotation_status";`);
  }
}
