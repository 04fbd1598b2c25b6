import { Migration } from '@mikro-orm/migrations';

/**
 * Imports of customers from partner registers: the run (counts and progress, no values of the
 * file) and the rows that were not written (row, column, a message without the value).
 */
export class Migration20261125040000 extends Migration {
  override name = 'Migration20261125040000';

  override up(): void | Promise<void> {
    this.addSql(`create type "import_status" as enum ('VALIDATING', 'IMPORTING', 'COMPLETED', 'FAILED');`);
    this.addSql(`create type "import_problem_kind" as enum ('INVALID', 'DUPLICATE');`);
    this.addSql(`create table "import_run" ("id" uuid not null, "partner_register" varchar(100) not null, "file_name" varchar(255) null, "dry_run" boolean not null default false, "status" "import_status" not null default 'VALIDATING', "total_rows" int not null default 0, "processed_rows" int not null default 0, "valid_rows" int not null default 0, "invalid_rows" int not null default 0, "imported_rows" int not null default 0, "duplicate_rows" int not null default 0, "started_by" varchar(64) not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "last_progress_at" timestamptz not null, "failure" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "import_run_started_at_id_idx" on "import_run" ("started_at", "id");`);
    this.addSql(`create index "import_run_running_idx" on "import_run" ("last_progress_at") where "status" in ('VALIDATING', 'IMPORTING');`);
    this.addSql(`alter table "import_run" add constraint "import_run_counts_check" check ("processed_rows" <= "total_rows" and "valid_rows" + "invalid_rows" = "processed_rows" and "imported_rows" + "duplicate_rows" <= "valid_rows");`);
    this.addSql(`create table "import_row_error" ("id" uuid not null, "run_id" uuid not null, "row_number" int not null, "column" varchar(40) null, "kind" "import_problem_kind" not null, "message" varchar(500) not null, primary key ("id"));`);
    this.addSql(`create index "import_row_error_run_row_idx" on "import_row_error" ("run_id", "row_number", "id");`);
    this.addSql(`alter table "import_row_error" add constraint "import_row_error_run_id_foreign" foreign key ("run_id") references "import_run" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_row_error" cascade;`);
    this.addSql(`drop table if exists "import_run" cascade;`);
    this.addSql(`drop type if exists "import_status";`);
    this.addSql(`drop type if exists "import_problem_kind";`);
  }
}
