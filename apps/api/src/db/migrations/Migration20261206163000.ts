import { Migration } from '@mikro-orm/migrations';

/**
 * Audit events stay in the table's own pages, uncompressed, up to a page's size. An event about
 * many subjects (the read of a page of 50 customers: ~50 × 37 bytes of ids) passed PostgreSQL's
 * default TOAST threshold of ~2 kB, so each one was first compressed (pglz, which gains little on
 * random ids) and then moved out of line into the TOAST table and its index: three inserts and a
 * compression per event, inside the append that every read waits for. Measured on the benchmark's
 * server (pgbench, prepared, one connection): an append of five such events cost 0.48 ms of
 * PostgreSQL CPU, 0.34 ms with this setting. Only events written from now on are stored this way;
 * the stored bytes of a value are unchanged, so every hash verifies as before.
 */
export class Migration20261206163000 extends Migration {
  override name = 'Migration20261206163000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_event" set (toast_tuple_target = 8160);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_event" reset (toast_tuple_target);`);
  }
}
