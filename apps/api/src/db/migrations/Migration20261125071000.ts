import { Migration } from '@mikro-orm/migrations';

/**
 * Customer search on a million customers (customer.search.ts): every kind of `filter.q` becomes a
 * range scan of a btree in the "C" collation that also gives the order of the results, instead
 * of a trigram search over `search_text` that had to sort every match.
 *   - phone: the stored international number;
 *   - e-mail: the lower-cased address;
 *   - name: the lower-cased name (runs of white space as one space) from its first, second, third
 *     and fourth word on, so that a surname or a first name matches at its start.
 * Each index carries the id (and the column its key is computed from), so that counting the
 * matches reads the index alone. The trigram index and the plain e-mail and phone indexes served
 * only the search and go. The expressions must stay exactly as customer.search.ts writes them.
 */
export class Migration20261125071000 extends Migration {
  override name = 'Migration20261125071000';

  override up(): void | Promise<void> {
    this.addSql(`drop index if exists "customer_search_text_trgm_idx";`);
    this.addSql(`drop index if exists "customer_email_idx";`);
    this.addSql(`drop index if exists "customer_phone_idx";`);
    this.addSql(`create index "customer_search_phone_idx" on "customer" (("phone" collate "C"), "id");`);
    this.addSql(`create index "customer_search_email_idx" on "customer" ((lower("email") collate "C"), "id") include ("email");`);
    this.addSql(`create index "customer_search_name_idx" on "customer" ((regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name");`);
    this.addSql(`create index "customer_search_word2_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
    this.addSql(`create index "customer_search_word3_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
    this.addSql(`create index "customer_search_word4_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "customer_search_phone_idx";`);
    this.addSql(`drop index if exists "customer_search_email_idx";`);
    this.addSql(`drop index if exists "customer_search_name_idx";`);
    this.addSql(`drop index if exists "customer_search_word2_idx";`);
    this.addSql(`drop index if exists "customer_search_word3_idx";`);
    this.addSql(`drop index if exists "customer_search_word4_idx";`);
    this.addSql(`create index "customer_search_text_trgm_idx" on "customer" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "customer_email_idx" on "customer" (lower("email"));`);
    this.addSql(`create index "customer_phone_idx" on "customer" ("phone");`);
  }
}
