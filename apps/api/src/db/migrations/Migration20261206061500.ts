import { Migration } from '@mikro-orm/migrations';

/**
 * Whether a customer's processing is restricted, kept on the customer itself: lists and searches
 * leave restricted people out (for everyone but the dpo), and with the flag in the indexes that
 * serve them (INCLUDE) a page stays an index-only scan that stops after the page, and a count
 * reads the index alone — instead of probing the active restrictions for every row read (tens of
 * thousands of customers kept under a legal hold after their erasure, in a register of a million).
 *
 * The restrictions stay the source of truth: a trigger on `processing_restriction` sets the flag
 * of the subject (when it is a customer) after every insert, update and delete, in the same
 * transaction; the migration sets it from the active restrictions once.
 */
export class Migration20261206061500 extends Migration {
  override name = 'Migration20261206061500';

  override up(): void | Promise<void> {
    this.addSql(`alter table "customer" add column "processing_restricted" boolean not null default false;`);
    this.addSql(`update "customer" c set "processing_restricted" = true
      where exists (select 1 from "processing_restriction" r where r."subject_id" = c."id" and r."lifted_at" is null);`);
    this.addSql(`create function processing_restriction_flag() returns trigger language plpgsql as $$
      begin
        -- The customer (if the subject is one) is restricted while any of its restrictions is active.
        if tg_op in ('UPDATE', 'DELETE') then
          update "customer" c set "processing_restricted" = exists (
              select 1 from "processing_restriction" r where r."subject_id" = old."subject_id" and r."lifted_at" is null)
           where c."id" = old."subject_id";
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          update "customer" c set "processing_restricted" = exists (
              select 1 from "processing_restriction" r where r."subject_id" = new."subject_id" and r."lifted_at" is null)
           where c."id" = new."subject_id";
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "processing_restriction_flag" after insert or update or delete on "processing_restriction"
      for each row execute function processing_restriction_flag();`);
    this.addSql(`drop index "customer_name_id_idx";`);
    this.addSql(`create index "customer_name_id_idx" on "customer" ("name", "id") include ("processing_restricted");`);
    this.addSql(`drop index "customer_created_at_id_idx";`);
    this.addSql(`create index "customer_created_at_id_idx" on "customer" ("created_at", "id") include ("processing_restricted");`);
    this.addSql(`drop index "customer_search_phone_idx";`);
    this.addSql(`create index "customer_search_phone_idx" on "customer" (("phone" collate "C"), "id") include ("processing_restricted");`);
    this.addSql(`drop index "customer_search_email_idx";`);
    this.addSql(`create index "customer_search_email_idx" on "customer" ((lower("email") collate "C"), "id") include ("email", "processing_restricted");`);
    this.addSql(`drop index "customer_search_name_idx";`);
    this.addSql(`create index "customer_search_name_idx" on "customer" ((regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name", "processing_restricted");`);
    this.addSql(`drop index "customer_search_word2_idx";`);
    this.addSql(`create index "customer_search_word2_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name", "processing_restricted") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
    this.addSql(`drop index "customer_search_word3_idx";`);
    this.addSql(`create index "customer_search_word3_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name", "processing_restricted") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
    this.addSql(`drop index "customer_search_word4_idx";`);
    this.addSql(`create index "customer_search_word4_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name", "processing_restricted") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "customer_name_id_idx";`);
    this.addSql(`create index "customer_name_id_idx" on "customer" ("name", "id");`);
    this.addSql(`drop index "customer_created_at_id_idx";`);
    this.addSql(`create index "customer_created_at_id_idx" on "customer" ("created_at", "id");`);
    this.addSql(`drop index "customer_search_phone_idx";`);
    this.addSql(`create index "customer_search_phone_idx" on "customer" (("phone" collate "C"), "id");`);
    this.addSql(`drop index "customer_search_email_idx";`);
    this.addSql(`create index "customer_search_email_idx" on "customer" ((lower("email") collate "C"), "id") include ("email");`);
    this.addSql(`drop index "customer_search_name_idx";`);
    this.addSql(`create index "customer_search_name_idx" on "customer" ((regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name");`);
    this.addSql(`drop index "customer_search_word2_idx";`);
    this.addSql(`create index "customer_search_word2_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
    this.addSql(`drop index "customer_search_word3_idx";`);
    this.addSql(`create index "customer_search_word3_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
    this.addSql(`drop index "customer_search_word4_idx";`);
    this.addSql(`create index "customer_search_word4_idx" on "customer" ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C"), (regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') collate "C"), "id") include ("name") where ((substring(regexp_replace(lower("name"), '[[:space:]]+', ' ', 'g') from '^[^ -]+[ -]+[^ -]+[ -]+[^ -]+[ -]+([^ -].*)$') collate "C") is not null);`);
    this.addSql(`drop trigger "processing_restriction_flag" on "processing_restriction";`);
    this.addSql(`drop function processing_restriction_flag();`);
    this.addSql(`alter table "customer" drop column "processing_restricted";`);
  }
}
