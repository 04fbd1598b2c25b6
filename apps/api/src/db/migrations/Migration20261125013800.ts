import { Migration } from '@mikro-orm/migrations';

export class Migration20261125013800 extends Migration {

  override name = 'Migration20261125013800';

  override up(): void | Promise<void> {
    // Trigram indexes make `filter.q` (search in name, e-mail and phone) an index search.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create type "customer_kind" as enum ('PRIVATE', 'BUSINESS');`);
    this.addSql(`create type "customer_status" as enum ('PROSPECT', 'ACTIVE', 'TERMINATED');`);
    this.addSql(`create type "data_source" as enum ('DATA_SUBJECT', 'SERVICE_DELIVERY', 'PARTNER');`);
    this.addSql(`create table "partner_api_key" ("id" uuid not null, "partner" varchar(200) not null, "label" varchar(200) not null, "prefix" varchar(16) not null, "secret_hash" bytea not null, "scopes" text[] not null, "created_at" timestamptz not null, "created_by" varchar(64) null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "partner_api_key" add constraint "partner_api_key_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "audit_event" ("seq" bigint not null, "at" timestamptz not null, "actor_type" varchar(16) not null, "actor_id" varchar(64) null, "client" varchar(300) null, "request_id" varchar(64) null, "operation" varchar(100) not null, "action" varchar(32) not null, "subject_type" varchar(64) null, "subject_id" varchar(64) null, "fields" text[] not null, "outcome" varchar(32) null, "prev_hash" bytea not null, "hash" bytea not null, primary key ("seq"));`);
    this.addSql(`create index "audit_event_subject_idx" on "audit_event" ("subject_id", "seq");`);

    this.addSql(`create table "customer" ("id" uuid not null, "kind" "customer_kind" not null, "name" varchar(200) not null, "date_of_birth" date null, "personal_identity_number_ciphertext" bytea null, "personal_identity_number_key_id" varchar(32) null, "personal_identity_number_blind_index" bytea null, "personal_identity_number_masked" varchar(11) null, "business_id" varchar(9) null, "email" varchar(254) null, "phone" varchar(20) null, "street_address" varchar(200) null, "postal_code" varchar(10) null, "city" varchar(100) null, "country" varchar(2) not null default 'FI', "status" "customer_status" not null default 'ACTIVE', "source_type" "data_source" not null default 'DATA_SUBJECT', "source_partner" varchar(100) null, "collected_at" timestamptz not null, "relationship_ended_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "search_text" text generated always as (lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), ''))) stored not null, primary key ("id"));`);
    this.addSql(`create unique index "customer_pin_blind_index_unique" on "customer" ("personal_identity_number_blind_index") where "personal_identity_number_blind_index" is not null;`);
    this.addSql(`create unique index "customer_business_id_unique" on "customer" ("business_id") where "business_id" is not null;`);
    this.addSql(`create index "customer_email_idx" on "customer" (lower("email"));`);
    this.addSql(`create index "customer_phone_idx" on "customer" ("phone");`);
    this.addSql(`create index "customer_search_text_trgm_idx" on "customer" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "customer_status_idx" on "customer" ("status");`);
    this.addSql(`create index "customer_created_at_id_idx" on "customer" ("created_at", "id");`);
    this.addSql(`create index "customer_name_id_idx" on "customer" ("name", "id");`);

    this.addSql(`create table "staff_user" ("id" uuid not null, "username" varchar(64) not null, "display_name" varchar(200) not null, "password_hash" text not null, "roles" text[] not null, "active" boolean not null default true, "failed_logins" int not null default 0, "locked_until" timestamptz null, "totp_secret_ciphertext" bytea null, "totp_secret_key_id" varchar(32) null, "last_login_at" timestamptz null, "password_changed_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create unique index "staff_user_username_unique" on "staff_user" (lower("username"));`);

    this.addSql(`create table "staff_session" ("id" bytea not null, "user_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "ip" varchar(64) null, "user_agent" varchar(200) null, primary key ("id"));`);
    this.addSql(`create index "staff_session_expires_at_idx" on "staff_session" ("expires_at");`);

    this.addSql(`alter table "staff_session" add constraint "staff_session_user_id_foreign" foreign key ("user_id") references "staff_user" ("id") on delete cascade;`);
    this.addSql(`create index "staff_session_user_id_idx" on "staff_session" ("user_id");`);

    // Customer service's identity-number checks are rate-limited by counting recent attempts.
    this.addSql(`create index "audit_event_verify_idx" on "audit_event" ("actor_id", "subject_id", "at") where "action" = 'verify';`);

    // The audit log is append-only: the database itself refuses to change or remove an event.
    this.addSql(`create function audit_event_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_event_no_update before update or delete on "audit_event" for each row execute function audit_event_refuse_change();`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on "audit_event" for each statement execute function audit_event_refuse_change();`);

    // Appends events to the hash chain. Each event's hash covers the previous event's hash and
    // every column, each value length-prefixed (N for null) so no two events can encode alike.
    // The advisory lock is taken only here, at the very end of the request's transaction, and is
    // held for this one statement: it orders appends without serialising the requests themselves.
    this.addSql(`create function audit_append(events jsonb) returns void language plpgsql as $$
      declare
        last_seq bigint;
        last_hash bytea;
        event jsonb;
        now_at timestamptz := clock_timestamp();
        canonical text;
        next_hash bytea;
      begin
        perform pg_advisory_xact_lock(727100101);
        select seq, hash into last_seq, last_hash from audit_event order by seq desc limit 1;
        if last_seq is null then
          last_seq := 0;
          last_hash := decode(repeat('00', 32), 'hex');
        end if;
        for event in select value from jsonb_array_elements(events) loop
          last_seq := last_seq + 1;
          canonical := audit_canonical(last_hash, last_seq, now_at,
            event->>'actor_type', event->>'actor_id', event->>'client', event->>'request_id',
            event->>'operation', event->>'action', event->>'subject_type', event->>'subject_id',
            array(select jsonb_array_elements_text(coalesce(event->'fields', '[]'::jsonb))),
            event->>'outcome');
          next_hash := sha256(convert_to(canonical, 'UTF8'));
          insert into audit_event (seq, at, actor_type, actor_id, client, request_id, operation, action,
                                   subject_type, subject_id, fields, outcome, prev_hash, hash)
          values (last_seq, now_at, event->>'actor_type', event->>'actor_id', left(event->>'client', 300),
                  event->>'request_id', event->>'operation', event->>'action', event->>'subject_type',
                  event->>'subject_id', array(select jsonb_array_elements_text(coalesce(event->'fields', '[]'::jsonb))),
                  event->>'outcome', last_hash, next_hash);
          last_hash := next_hash;
        end loop;
      end $$;`);
    this.addSql(`create function audit_part(value text) returns text language sql immutable as $$
      select case when value is null then 'N' else octet_length(value)::text || ':' || value end
    $$;`);
    this.addSql(`create function audit_canonical(prev_hash bytea, seq bigint, at timestamptz, actor_type text,
        actor_id text, client text, request_id text, operation text, action text, subject_type text,
        subject_id text, fields text[], outcome text) returns text language sql immutable as $$
      select concat_ws('|', encode(prev_hash, 'hex'), seq::text,
        ((extract(epoch from at) * 1000000)::bigint)::text,
        audit_part(actor_type), audit_part(actor_id), audit_part(left(client, 300)), audit_part(request_id),
        audit_part(operation), audit_part(action), audit_part(subject_type), audit_part(subject_id),
        audit_part(array_to_string(fields, ',')), audit_part(outcome))
    $$;`);
  }

}
