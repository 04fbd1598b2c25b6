import { Migration } from '@mikro-orm/migrations';

/**
 * One audit event for the reads of many data subjects. A page of 50 customers with their
 * contracts used to append 100 read events (one per subject and type), each hashed and inserted
 * on its own under the chain's lock; now the reads of a request that returned the same fields of
 * the same type are one event, whose `subject_ids` names every subject (`subject_id` stays the
 * single subject of every other event, and of a read of one subject). Who read whose data, which
 * fields, when and from where is recorded exactly as before.
 *
 * The hash of an event covers `subject_ids` too, appended to the canonical text only when it is
 * set, so every event written before this migration keeps its hash and the chain verifies as it
 * did. A GIN index finds a subject's events among the lists (the access report's audit trail).
 */
export class Migration20261125073000 extends Migration {
  override name = 'Migration20261125073000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_event" add column "subject_ids" text[] null;`);
    this.addSql(`create index "audit_event_subject_ids_idx" on "audit_event" using gin ("subject_ids");`);
    this.addSql(`drop function audit_canonical(bytea, bigint, timestamptz, text, text, text, text, text, text, text, text, text[], text);`);
    this.addSql(`create function audit_canonical(prev_hash bytea, seq bigint, at timestamptz, actor_type text,
        actor_id text, client text, request_id text, operation text, action text, subject_type text,
        subject_id text, fields text[], outcome text, subject_ids text[]) returns text language sql immutable as $$
      select concat_ws('|', encode(prev_hash, 'hex'), seq::text,
        ((extract(epoch from at) * 1000000)::bigint)::text,
        audit_part(actor_type), audit_part(actor_id), audit_part(left(client, 300)), audit_part(request_id),
        audit_part(operation), audit_part(action), audit_part(subject_type), audit_part(subject_id),
        audit_part(array_to_string(fields, ',')), audit_part(outcome))
        || case when subject_ids is null then '' else '|' || audit_part(array_to_string(subject_ids, ',')) end
    $$;`);
    this.addSql(`create or replace function audit_append(events jsonb) returns void language plpgsql as $$
      declare
        last_seq bigint;
        last_hash bytea;
        event jsonb;
        now_at timestamptz := clock_timestamp();
        canonical text;
        next_hash bytea;
        event_fields text[];
        event_subjects text[];
      begin
        perform pg_advisory_xact_lock(727100101);
        select seq, hash into last_seq, last_hash from audit_event order by seq desc limit 1;
        if last_seq is null then
          last_seq := 0;
          last_hash := decode(repeat('00', 32), 'hex');
        end if;
        for event in select value from jsonb_array_elements(events) loop
          last_seq := last_seq + 1;
          event_fields := array(select jsonb_array_elements_text(coalesce(event->'fields', '[]'::jsonb)));
          event_subjects := case when jsonb_typeof(event->'subject_ids') = 'array'
            then array(select jsonb_array_elements_text(event->'subject_ids')) end;
          canonical := audit_canonical(last_hash, last_seq, now_at,
            event->>'actor_type', event->>'actor_id', event->>'client', event->>'request_id',
            event->>'operation', event->>'action', event->>'subject_type', event->>'subject_id',
            event_fields, event->>'outcome', event_subjects);
          next_hash := sha256(convert_to(canonical, 'UTF8'));
          insert into audit_event (seq, at, actor_type, actor_id, client, request_id, operation, action,
                                   subject_type, subject_id, subject_ids, fields, outcome, prev_hash, hash)
          values (last_seq, now_at, event->>'actor_type', event->>'actor_id', left(event->>'client', 300),
                  event->>'request_id', event->>'operation', event->>'action', event->>'subject_type',
                  event->>'subject_id', event_subjects, event_fields,
                  event->>'outcome', last_hash, next_hash);
          last_hash := next_hash;
        end loop;
      end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create or replace function audit_append(events jsonb) returns void language plpgsql as $$
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
    this.addSql(`drop function audit_canonical(bytea, bigint, timestamptz, text, text, text, text, text, text, text, text, text[], text, text[]);`);
    this.addSql(`create function audit_canonical(prev_hash bytea, seq bigint, at timestamptz, actor_type text,
        actor_id text, client text, request_id text, operation text, action text, subject_type text,
        subject_id text, fields text[], outcome text) returns text language sql immutable as $$
      select concat_ws('|', encode(prev_hash, 'hex'), seq::text,
        ((extract(epoch from at) * 1000000)::bigint)::text,
        audit_part(actor_type), audit_part(actor_id), audit_part(left(client, 300)), audit_part(request_id),
        audit_part(operation), audit_part(action), audit_part(subject_type), audit_part(subject_id),
        audit_part(array_to_string(fields, ',')), audit_part(outcome))
    $$;`);
    this.addSql(`drop index "audit_event_subject_ids_idx";`);
    this.addSql(`alter table "audit_event" drop column "subject_ids";`);
  }
}
