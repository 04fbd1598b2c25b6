import { Migration } from '@mikro-orm/migrations';

/** The product catalogue: services and equipment models that contracts and orders refer to. */
export class Migration20261125020100 extends Migration {
  override name = 'Migration20261125020100';

  override up(): void | Promise<void> {
    this.addSql(`create type "service_kind" as enum ('MOBILE', 'BROADBAND', 'FIXED_LINE', 'TV', 'SECURITY', 'OTHER');`);
    this.addSql(`create table "service_product" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(200) not null, "kind" "service_kind" not null, "monthly_price_cents" int not null, "one_off_price_cents" int not null default 0, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint "service_product_prices_check" check ("monthly_price_cents" >= 0 and "one_off_price_cents" >= 0));`);
    this.addSql(`alter table "service_product" add constraint "service_product_code_unique" unique ("code");`);
    this.addSql(`create table "equipment_model" ("id" uuid not null, "sku" varchar(40) not null, "manufacturer" varchar(100) not null, "model" varchar(200) not null, "price_cents" int not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"), constraint "equipment_model_price_check" check ("price_cents" >= 0));`);
    this.addSql(`alter table "equipment_model" add constraint "equipment_model_sku_unique" unique ("sku");`);
  }
}
