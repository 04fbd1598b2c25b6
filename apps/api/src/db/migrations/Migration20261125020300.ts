import { Migration } from '@mikro-orm/migrations';

/**
 * Direct marketing: the append-only ledger of permits and prohibitions per channel, and the
 * current state per customer and channel derived from it.
 *
 * The state is a table kept by the database itself, in the transaction of the change that moves
 * it: a row per customer and channel is created with the law's default when the customer is
 * created (and re-defaulted when its kind changes, while no entry decided the channel), and an
 * appended ledger entry replaces it unless a later one already decided. A prohibition is therefore
 * in force the moment its transaction commits, whoever appended it (the API, the seed, a future
 * import), and reading it is a primary-key join — a list filtered to permitted customers is a
 * semi-join on a partial index, never a scan of the ledger.
 *
 * Existing customers get their default rows here, so the migration runs forward with data intact.
 */
export class Migration20261125020300 extends Migration {
  override name = 'Migration20261125020300';

  override up(): void | Promise<void> {
    this.addSql(`create type "marketing_channel" as enum ('EMAIL', 'SMS', 'PHONE', 'POST');`);
    this.addSql(`create type "marketing_decision" as enum ('PERMIT', 'PROHIBIT');`);
    this.addSql(`create type "marketing_source" as enum ('CUSTOMER_FORM', 'PHONE_CALL', 'PARTNER', 'EMAIL', 'IN_PERSON', 'OBJECTION_REQUEST');`);

    this.addSql(`create table "marketing_permit_entry" ("id" uuid not null, "customer_id" uuid not null, "contact_person_id" uuid null, "channel" "marketing_channel" not null, "decision" "marketing_decision" not null, "recorded_at" timestamptz not null default clock_timestamp(), "source" "marketing_source" not null, "source_partner" varchar(100) null, "source_type" "data_source" not null default 'DATA_SUBJECT', "collected_at" timestamptz not null, "recorded_by_id" uuid not null, "evidence" varchar(2000) not null, primary key ("id"),
      constraint "marketing_permit_entry_source_partner_check" check (("source" = 'PARTNER') = ("source_partner" is not null)),
      constraint "marketing_permit_entry_source_type_check" check (("source" = 'PARTNER') = ("source_type" = 'PARTNER')),
      constraint "marketing_permit_entry_evidence_check" check (btrim("evidence") <> ''));`);
    this.addSql(`alter table "marketing_permit_entry" add constraint "marketing_permit_entry_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`);
    this.addSql(`alter table "marketing_permit_entry" add constraint "marketing_permit_entry_recorded_by_id_foreign" foreign key ("recorded_by_id") references "staff_user" ("id");`);
    this.addSql(`create index "marketing_permit_entry_customer_idx" on "marketing_permit_entry" ("customer_id", "channel", "recorded_at" desc);`);
    this.addSql(`create index "marketing_permit_entry_contact_person_idx" on "marketing_permit_entry" ("contact_person_id", "channel", "recorded_at" desc) where "contact_person_id" is not null;`);
    this.addSql(`create index "marketing_permit_entry_recorded_at_id_idx" on "marketing_permit_entry" ("recorded_at", "id");`);
    this.addSql(`create index "marketing_permit_entry_recorded_by_id_index" on "marketing_permit_entry" ("recorded_by_id");`);

    this.addSql(`create table "customer_marketing_state" ("customer_id" uuid not null, "channel" "marketing_channel" not null, "permitted" boolean not null, "decided_at" timestamptz null, "entry_id" uuid null, primary key ("customer_id", "channel"),
      constraint "customer_marketing_state_decided_check" check (("decided_at" is null) = ("entry_id" is null)));`);
    this.addSql(`alter table "customer_marketing_state" add constraint "customer_marketing_state_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`);
    this.addSql(`alter table "customer_marketing_state" add constraint "customer_marketing_state_entry_id_foreign" foreign key ("entry_id") references "marketing_permit_entry" ("id");`);
    this.addSql(`create index "customer_marketing_state_permitted_idx" on "customer_marketing_state" ("channel", "customer_id") where "permitted";`);
    this.addSql(`create index "customer_marketing_state_entry_id_index" on "customer_marketing_state" ("entry_id");`);

    // Finnish law when nothing was decided: consumers (PRIVATE) must have consented before
    // electronic marketing — e-mail and SMS (Information Society Code 917/2014, 200 §) — while
    // telephone and postal marketing is allowed until prohibited; businesses are opt-out on every
    // channel (201 §). The only place the defaults live.
    this.addSql(`create function marketing_default_permitted(kind customer_kind, channel marketing_channel) returns boolean
      language sql immutable as $$
        select case when kind = 'PRIVATE' then channel in ('PHONE', 'POST') else true end
      $$;`);

    this.addSql(`create function customer_marketing_state_defaults() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into customer_marketing_state (customer_id, channel, permitted)
            select new.id, channel, marketing_default_permitted(new.kind, channel)
            from unnest(enum_range(null::marketing_channel)) as channel;
        elsif new.kind is distinct from old.kind then
          update customer_marketing_state set permitted = marketing_default_permitted(new.kind, channel)
            where customer_id = new.id and entry_id is null;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger customer_marketing_state_defaults after insert or update of kind on "customer" for each row execute function customer_marketing_state_defaults();`);

    // The latest entry per channel wins (by recorded_at; of equal times, the one appended last).
    // The row lock of the upsert orders concurrent decisions on one channel.
    this.addSql(`create function marketing_permit_entry_apply() returns trigger language plpgsql as $$
      begin
        if new.contact_person_id is null then
          insert into customer_marketing_state as state (customer_id, channel, permitted, decided_at, entry_id)
            values (new.customer_id, new.channel, new.decision = 'PERMIT', new.recorded_at, new.id)
            on conflict (customer_id, channel) do update
              set permitted = excluded.permitted, decided_at = excluded.decided_at, entry_id = excluded.entry_id
              where state.decided_at is null or state.decided_at <= excluded.decided_at;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger marketing_permit_entry_apply after insert on "marketing_permit_entry" for each row execute function marketing_permit_entry_apply();`);

    // Append-only: a decision is corrected by a newer entry, never by changing or removing one.
    // Erasure of a data subject's entries will get its own documented path (a later change).
    this.addSql(`create function marketing_permit_entry_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'marketing_permit_entry is append-only: % is not allowed (record a new decision instead)', tg_op
          using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger marketing_permit_entry_no_update before update or delete on "marketing_permit_entry" for each row execute function marketing_permit_entry_refuse_change();`);
    this.addSql(`create trigger marketing_permit_entry_no_truncate before truncate on "marketing_permit_entry" for each statement execute function marketing_permit_entry_refuse_change();`);

    this.addSql(`insert into customer_marketing_state (customer_id, channel, permitted)
      select customer.id, channel, marketing_default_permitted(customer.kind, channel)
      from customer cross join unnest(enum_range(null::marketing_channel)) as channel;`);
  }
}
