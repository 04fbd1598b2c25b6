import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, type Caller } from '../access/caller.js';
import { sqlOf, statement, type Sql } from '../db/sql.js';

const AUDIT_APPEND = statement('select audit_append($1::jsonb)');

export interface AuditEntry {
  operation: string;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  /** An event about many subjects (the reads of a page): all of them, and no `subjectId`. */
  subjectIds?: string[] | null;
  fields?: string[];
  outcome?: string | null;
}

/**
 * The audit events of one request. Reads are collected while the response is resolved (one event
 * per data subject with every field read) and written together in one statement at the end, so a
 * page of 50 customers costs one INSERT, not 50. Changes are written inside the transaction of
 * the change, just before it commits, so a change and its event exist together or not at all.
 */
export class AuditLog {
  private readonly reads = new Map<string, { subjectType: string; subjectId: string; fields: Set<string> }>();
  private readonly pending: AuditEntry[] = [];

  constructor(
    /** Who acts; `login` replaces the anonymous caller with the user who signed in. */
    public caller: Caller,
    private readonly client: string | null,
    private readonly requestId: string,
    public operation = 'anonymous operation',
  ) {}

  read(subjectType: string, subjectId: string, field: string): void {
    const key = `${subjectType}\u0000${subjectId}`;
    let entry = this.reads.get(key);
    if (!entry) {
      entry = { subjectType, subjectId, fields: new Set() };
      this.reads.set(key, entry);
    }
    entry.fields.add(field);
  }

  /** Whether anything waits to be written by `flush`. */
  get pendingCount(): number {
    return this.pending.length + this.reads.size;
  }

  /** An event to write with the request's reads (outside any change's transaction). */
  later(entry: AuditEntry): void {
    this.pending.push(entry);
  }

  /** Writes events now, in the given EntityManager's transaction. */
  async write(em: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await appendAuditEvents(em, entries.map((entry) => this.row(entry)));
  }

  /**
   * Writes the collected reads and later events. Called once, before the response is sent. The
   * reads of the same fields of the same type are one event naming every subject (a page of 50
   * customers is one event, not 50); a read of one subject names it in `subjectId` as ever.
   */
  async flush(em: EntityManager): Promise<void> {
    const entries: AuditEntry[] = [...this.pending];
    const groups = new Map<string, { subjectType: string; fields: string[]; subjectIds: string[] }>();
    for (const read of this.reads.values()) {
      const fields = [...read.fields].sort();
      const key = `${read.subjectType}\u0000${fields.join(',')}`;
      const group = groups.get(key);
      if (group) group.subjectIds.push(read.subjectId);
      else groups.set(key, { subjectType: read.subjectType, fields, subjectIds: [read.subjectId] });
    }
    for (const group of groups.values()) {
      const one = group.subjectIds.length === 1;
      entries.push({
        operation: this.operation,
        action: 'read',
        subjectType: group.subjectType,
        subjectId: one ? group.subjectIds[0] : null,
        subjectIds: one ? null : group.subjectIds.sort(),
        fields: group.fields,
      });
    }
    this.pending.length = 0;
    this.reads.clear();
    await this.write(em, entries);
  }

  private row(entry: AuditEntry): AuditRow {
    const { actorType, actorId } = actorOf(this.caller);
    return {
      actor_type: actorType,
      actor_id: actorId,
      client: this.client,
      request_id: this.requestId,
      operation: entry.operation.slice(0, 100),
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      subject_ids: entry.subjectIds ?? null,
      fields: entry.fields ?? [],
      outcome: entry.outcome ?? null,
    };
  }
}

export interface AuditRow {
  actor_type: string;
  actor_id: string | null;
  client: string | null;
  request_id: string | null;
  operation: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  subject_ids: string[] | null;
  fields: string[];
  outcome: string | null;
}

/** One round trip: the database function chains and inserts the rows under a short lock. */
export async function appendAuditEvents(em: EntityManager, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (!em.isInTransaction()) {
    // The reads of a request, after its response was resolved: appended together with those of
    // every other request waiting at that moment (see AppendQueue).
    await appendQueue(await sqlOf(em)).append(rows);
    return;
  }
  await em.getConnection().execute('select audit_append(?::jsonb)', [JSON.stringify(rows)], 'run', em.getTransactionContext());
}

/**
 * Appends the events of concurrent requests together: while one append is in flight, the events
 * of the requests that finish meanwhile wait and then go in the next one — one statement, one
 * turn of the chain's lock and one commit for all of them. A request alone is appended at once
 * (no timer, no added latency). Each request's promise settles only when the append that carries
 * its events has committed, so a response is still never sent before its reads are recorded; if
 * that append fails, every request in it fails. The chain's lock orders appends across processes
 * as before.
 */
export class AppendQueue {
  private waiting: { rows: AuditRow[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly write: (rows: AuditRow[]) => Promise<unknown>) {}

  append(rows: AuditRow[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.write(batch.flatMap((item) => item.rows));
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = false;
  }
}

const queues = new WeakMap<Sql, AppendQueue>();

function appendQueue(sql: Sql): AppendQueue {
  let queue = queues.get(sql);
  if (!queue) {
    queue = new AppendQueue((rows) => sql.rows(AUDIT_APPEND, [JSON.stringify(rows)]));
    queues.set(sql, queue);
  }
  return queue;
}
