import { Migration } from '@mikro-orm/migrations';

/**
 * An order may be taken before its delivery date is agreed (createOrder and
 * convertQuotationToOrder always declared it optional). A date given is still never before the
 * order date (customer_order_delivery_date_check holds for null).
 */
export class Migration20261125040001 extends Migration {
  override name = 'Migration20261125040001';

  override up(): void | Promise<void> {
    this.addSql(`alter table "customer_order" alter column "delivery_date" drop not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "customer_order" set "delivery_date" = "order_date" where "delivery_date" is null;`);
    this.addSql(`alter table "customer_order" alter column "delivery_date" set not null;`);
  }
}
