import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, verifyAuditChain, type ChainRow } from '../src/audit/audit-chain.js';
import { SUBJECT_INDEX_FLUSH } from '../src/audit/subject-index.js';
import { countRows, onlyError, sql } from './support/helpers.js';
import type { Client, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Accountability: every read of personal data and every change is in the append-only,
 * hash-chained audit log, by field name and subject id, never by value.
 */
interface EventRow {
  seq: string;
  at: string;
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

const EVENT_COLUMNS = `seq::text as seq, at::text as at, actor_type, actor_id, client, request_id, operation, action,
  subject_type, subject_id, subject_ids, fields, outcome`;

let app: TestApp;
let service: Client;
let serviceUserId: string;

const eventsOfRequest = (requestId: string) =>
  sql<EventRow>(app, `select ${EVENT_COLUMNS} from audit_event where request_id = ? order by seq`, [requestId]);

async function requestIdOf(response: Response): Promise<{ requestId: string; body: { data?: Record<string, unknown>; errors?: unknown[] } }> {
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  return { requestId: requestId!, body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
}

async function lastSeq(): Promise<number> {
  const [row] = await sql<{ seq: string | null }>(app, 'select max(seq)::text as seq from audit_event');
  return Number(row?.seq ?? 0);
}

beforeAll(async () => {
  app = await startTestApp({ customers: 40, contents: true });
  service = await app.as('service');
  const [user] = await sql<{ id: string }>(app, "select id from staff_user where username = 'service'");
  serviceUserId = user!.id;
});
afterAll(() => app?.close());

describe('reads', () => {
  it('a page of N customers appends one read event naming every customer, with field names only', async () => {
    const N = 12;
    const { requestId, body } = await requestIdOf(
      await service.post(`query CustomerPage { allCustomers(perPage: ${N}, sortField: "name") { id name email phone } }`),
    );
    expect(body.errors).toBeUndefined();
    const customers = body.data!.allCustomers as { id: string; name: string; email: string; phone: string }[];
    expect(customers).toHaveLength(N);

    const events = await eventsOfRequest(requestId);
    // The same fields of every customer of the page: one event that names every one of them.
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_type: 'staff',
      actor_id: serviceUserId,
      request_id: requestId,
      operation: 'query CustomerPage',
      action: 'read',
      subject_type: 'Customer',
      subject_id: null,
      fields: ['email', 'name', 'phone'],
      outcome: null,
    });
    expect(events[0]!.subject_ids).toEqual(customers.map((c) => c.id).sort());

    // The access report's look-up finds the event for each customer of the page.
    for (const customer of customers) {
      expect(
        await countRows(app, 'audit_event', 'request_id = ? and (subject_id = ? or subject_ids @> array[?]::text[])', [requestId, customer.id, customer.id]),
      ).toBe(1);
    }

    // Never the values: no column of any event holds a name, an e-mail address or a phone number.
    const everything = JSON.stringify(
      await sql(app, 'select row_to_json(a)::text as json from audit_event a where request_id = ?', [requestId]),
    );
    for (const customer of customers) {
      expect(everything).not.toContain(customer.name);
      expect(everything).not.toContain(customer.email);
      expect(everything).not.toContain(customer.phone);
    }
  });

  it('a field that was denied is not recorded as read', async () => {
    const sales = await app.as('sales');
    const [customer] = await sql<{ id: string }>(app, "select id from customer where kind = 'PRIVATE' order by name limit 1");
    const { requestId, body } = await requestIdOf(
      await sales.post(
        `{ Customer(id: "${customer!.id}") { name dateOfBirth personalIdentityNumber personalIdentityNumberMasked email } }`,
      ),
    );
    expect(body.errors).toHaveLength(2); // dateOfBirth and personalIdentityNumber
    const events = await eventsOfRequest(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'read', subject_id: customer!.id, fields: ['email', 'name', 'personalIdentityNumberMasked'] });
  });

  it('a customer read with its contracts and SIM cards is one event naming each field with its type; a page groups equal events', async () => {
    const [owner] = await sql<{ id: string }>(
      app,
      'select c.id from customer c where exists (select 1 from sim_card s where s.customer_id = c.id) order by c.id limit 1',
    );
    const one = await requestIdOf(
      await service.post(`{ Customer(id: "${owner!.id}") { id contracts { status simCards { iccid } } name } }`),
    );
    expect(one.body.errors).toBeUndefined();
    const events = await eventsOfRequest(one.requestId);
    expect(events).toHaveLength(1);
    // The customer's own record names the event even when its fields come after the contracts'.
    expect(events[0]).toMatchObject({ action: 'read', subject_type: 'Customer', subject_id: owner!.id, subject_ids: null });
    expect(events[0]!.fields).toEqual(['Contract.simCards', 'Customer.name', 'SimCard.iccid']);

    const page = await requestIdOf(
      await service.post('{ allCustomers(perPage: 30, sortField: "name", sortOrder: "ASC") { id name contracts { simCards { iccid } } } }'),
    );
    expect(page.body.errors).toBeUndefined();
    type Row = { id: string; contracts: { simCards: unknown[] }[] };
    const rows = (page.body.data as { allCustomers: Row[] }).allCustomers;
    // What was read of each customer: its name, its contracts' SIM card lists when it has
    // contracts, and their ICCIDs when there are SIM cards.
    const readOf = (row: Row) => {
      if (row.contracts.length === 0) return ['name'];
      const sims = row.contracts.some((contract) => contract.simCards.length > 0);
      return ['Contract.simCards', 'Customer.name', ...(sims ? ['SimCard.iccid'] : [])];
    };
    const expected = new Map<string, string[]>();
    for (const row of rows) expected.set(readOf(row).join(','), [...(expected.get(readOf(row).join(',')) ?? []), row.id].sort());
    expect(new Set(rows.map((row) => readOf(row).length)).size).toBeGreaterThan(1);
    const pageEvents = await eventsOfRequest(page.requestId);
    // Customers of whom the same was read share one event; nobody is named for fields not read of them.
    expect(new Map(pageEvents.map((event) => [event.fields.join(','), [...(event.subject_ids ?? [event.subject_id!])].sort()]))).toEqual(expected);
    expect(pageEvents.every((event) => event.subject_type === 'Customer')).toBe(true);
  });

  it('a read of no personal field records nothing, and a refused query records nothing', async () => {
    const quiet = await requestIdOf(await service.post('{ allCustomers(perPage: 5) { id kind status } }'));
    expect(quiet.body.errors).toBeUndefined();
    expect(await eventsOfRequest(quiet.requestId)).toEqual([]);

    const analyst = await app.as('analyst');
    const refused = await requestIdOf(await analyst.post('{ allCustomers(perPage: 5) { id name email } }'));
    expect(refused.body.errors).toHaveLength(1);
    expect(await eventsOfRequest(refused.requestId)).toEqual([]);
  });
});

describe('changes', () => {
  it('an update writes an update event listing the changed fields (and an unchanged value is no change)', async () => {
    const [customer] = await sql<{ id: string; city: string }>(app, "select id, city from customer where city <> 'KEMI' order by name limit 1");
    const update = () =>
      service.post(`mutation { updateCustomer(id: "${customer!.id}", phone: "040 999 8877", city: "KEMI", country: "FI") { id } }`);

    const first = await requestIdOf(await update());
    expect(first.body.errors).toBeUndefined();
    const events = await eventsOfRequest(first.requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: serviceUserId,
      operation: 'updateCustomer',
      action: 'update',
      subject_type: 'Customer',
      subject_id: customer!.id,
      fields: ['city', 'phone'],
    });
    expect(JSON.stringify(events)).not.toContain('KEMI');
    expect(JSON.stringify(events)).not.toContain('9998877');

    const again = await requestIdOf(await update());
    expect(again.body.errors).toBeUndefined();
    expect(await eventsOfRequest(again.requestId)).toEqual([]);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit_event', async () => {
    const before = await countRows(app, 'audit_event');
    const seq = await lastSeq();
    await expect(sql(app, "update audit_event set outcome = 'forged' where seq = ?", [seq])).rejects.toThrow(/append-only/);
    await expect(sql(app, 'delete from audit_event where seq = ?', [seq])).rejects.toThrow(/append-only/);
    await expect(sql(app, 'truncate audit_event')).rejects.toThrow(/append-only/);
    expect(await countRows(app, 'audit_event')).toBe(before);
    expect(await countRows(app, 'audit_event', "outcome = 'forged'")).toBe(0);
  });
});

describe('the hash chain', () => {
  it('stays intact under ~20 concurrent requests from several users', async () => {
    // Roles that read every listed field of every customer (marketing's reads are per permission).
    const clients = await Promise.all(['service', 'sales', 'billing', 'dpo', 'sales'].map((role) => app.as(role)));
    const ids = (await sql<{ id: string }>(app, 'select id from customer order by id limit 5')).map((r) => r.id);
    const before = await lastSeq();
    const requests = Array.from({ length: 20 }, (_, i) => {
      const client = clients[i % clients.length]!;
      if (i % 5 === 0) {
        return service.gql(`mutation { updateCustomer(id: "${ids[i / 5]}", phone: "04055500${String(i).padStart(2, '0')}") { id } }`);
      }
      return client.gql(`{ allCustomers(perPage: 8, page: ${i % 4}) { id name email } }`);
    });
    const results = await Promise.all(requests);
    for (const result of results) expect(result.errors).toBeUndefined();
    // 16 pages (one read event each, naming the page's 8 customers), 4 updates (each with its update event): nothing lost.
    expect((await lastSeq()) - before).toBe(16 + 4);

    const chain = await verifyAuditChain(app.orm.em.fork());
    expect(chain).toEqual({ ok: true, events: await countRows(app, 'audit_event'), lastSeq: String(await lastSeq()) });
  });

  /** As the table's owner: switch the append-only trigger off for one statement. */
  async function tamper(statement: string, params: unknown[] = []) {
    await sql(app, 'alter table audit_event disable trigger audit_event_no_update');
    try {
      await sql(app, statement, params);
    } finally {
      await sql(app, 'alter table audit_event enable trigger audit_event_no_update');
    }
  }

  it('every hash the database wrote is sha256 of audit_canonical (the SQL definition), for single and many-subject events', async () => {
    const rows = await sql<{ seq: string; ok: boolean; many: boolean }>(
      app,
      `select seq::text, hash = sha256(convert_to(audit_canonical(prev_hash, seq, at, actor_type, actor_id, client, request_id,
              operation, action, subject_type, subject_id, fields, outcome, subject_ids), 'UTF8')) as ok,
              subject_ids is not null as many
         from audit_event order by seq`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.some((row) => row.many)).toBe(true);
    expect(rows.filter((row) => !row.ok)).toEqual([]);
  });

  it('one append of several events stores each exactly as given, in order, chained, and verifies', async () => {
    const before = await lastSeq();
    const subjects = ['b-subject', 'a-subject, with a comma', 'c|pipe'];
    const events = [
      { actor_type: 'staff', actor_id: serviceUserId, client: 'x'.repeat(400), request_id: 'append-test-1', operation: 'AppendTest',
        action: 'read', subject_type: 'Customer', subject_id: null, subject_ids: subjects, fields: ['Customer.name', 'Contract.status'], outcome: null },
      { actor_type: 'system', actor_id: null, client: null, request_id: 'append-test-2', operation: 'AppendTest',
        action: 'read', subject_type: 'Customer', subject_id: 'one-subject', subject_ids: null, fields: ['nimi äöå', 'a,b'], outcome: 'ok' },
      { actor_type: 'anonymous', actor_id: null, client: 'cli', request_id: null, operation: 'AppendTest', action: 'login' },
    ];
    await sql(app, 'select audit_append(?::jsonb)', [JSON.stringify(events)]);
    const rows = await sql<EventRow & { prev_hash: Buffer; hash: Buffer }>(
      app,
      `select ${EVENT_COLUMNS}, prev_hash, hash from audit_event where seq > ? order by seq`,
      [before],
    );
    expect(rows.map((row) => Number(row.seq))).toEqual([before + 1, before + 2, before + 3]);
    expect(rows.map(({ actor_type, actor_id, client, request_id, operation, action, subject_type, subject_id, subject_ids, fields, outcome }) =>
      ({ actor_type, actor_id, client, request_id, operation, action, subject_type, subject_id, subject_ids, fields, outcome }))).toEqual([
      { ...events[0], client: 'x'.repeat(300) },
      events[1],
      { ...events[2], subject_type: null, subject_id: null, subject_ids: null, fields: [], outcome: null },
    ]);
    // One timestamp per append; each event points at the one before it.
    expect(new Set(rows.map((row) => row.at)).size).toBe(1);
    expect(rows[1]!.prev_hash.equals(rows[0]!.hash)).toBe(true);
    expect(rows[2]!.prev_hash.equals(rows[1]!.hash)).toBe(true);
    expect((await verifyAuditChain(app.orm.em.fork())).ok).toBe(true);
  });

  it('finds an event whose fields were changed, and names it', async () => {
    const seq = Math.floor((await lastSeq()) / 2);
    const [original] = await sql<{ fields: string[] }>(app, 'select fields from audit_event where seq = ?', [seq]);
    await tamper("update audit_event set fields = array['name'] where seq = ?", [seq]);
    try {
      const chain = await verifyAuditChain(app.orm.em.fork());
      expect(chain.ok).toBe(false);
      expect(chain).toMatchObject({ brokenAt: String(seq), events: seq - 1 });
      expect(!chain.ok && chain.reason).toMatch(/changed/);
    } finally {
      await tamper('update audit_event set fields = array(select jsonb_array_elements_text(?::jsonb)) where seq = ?', [JSON.stringify(original!.fields), seq]);
    }
    expect((await verifyAuditChain(app.orm.em.fork())).ok).toBe(true);
  });

  it('finds a deleted event in the middle of the chain', async () => {
    const seq = Math.floor((await lastSeq()) / 3);
    await sql(app, 'create table audit_event_removed as select * from audit_event where seq = ?', [seq]);
    await tamper('delete from audit_event where seq = ?', [seq]);
    try {
      const chain = await verifyAuditChain(app.orm.em.fork());
      expect(chain.ok).toBe(false);
      expect(chain).toMatchObject({ brokenAt: String(seq), events: seq - 1 });
      expect(!chain.ok && chain.reason).toMatch(/missing/);
    } finally {
      await sql(app, 'insert into audit_event select * from audit_event_removed');
      await sql(app, 'drop table audit_event_removed');
    }
    expect((await verifyAuditChain(app.orm.em.fork())).ok).toBe(true);
  });

  it('finds an event rewritten with a recomputed hash: the next event no longer points at it', async () => {
    const seq = Math.floor((await lastSeq()) / 4);
    const [row] = await sql<ChainRow>(
      app,
      `select seq::text as seq, ((extract(epoch from at) * 1000000)::bigint)::text as at_micros, actor_type, actor_id, client,
              request_id, operation, action, subject_type, subject_id, fields, outcome, prev_hash, hash
         from audit_event where seq = ?`,
      [seq],
    );
    const forged = { ...row!, fields: ['name'], outcome: 'forged' };
    await tamper('update audit_event set fields = array(select jsonb_array_elements_text(?::jsonb)), outcome = ?, hash = ? where seq = ?', [
      JSON.stringify(forged.fields),
      forged.outcome,
      eventHash(row!.prev_hash, forged),
      seq,
    ]);
    try {
      const chain = await verifyAuditChain(app.orm.em.fork());
      expect(chain.ok).toBe(false);
      expect(chain).toMatchObject({ brokenAt: String(seq + 1), events: seq });
      expect(!chain.ok && chain.reason).toMatch(/does not point/);
    } finally {
      await tamper('update audit_event set fields = array(select jsonb_array_elements_text(?::jsonb)), outcome = ?, hash = ? where seq = ?', [
        JSON.stringify(row!.fields),
        row!.outcome,
        row!.hash,
        seq,
      ]);
    }
    expect((await verifyAuditChain(app.orm.em.fork())).ok).toBe(true);
  });
});

describe('finding the events of one data subject', () => {
  it('reads of a page are in a partial GIN index of subject_ids; single-subject events are not, and both indexes answer the look-up', async () => {
    const [definition] = await sql<{ indexdef: string }>(app, `select indexdef from pg_indexes where indexname = 'audit_event_subject_ids_idx'`);
    expect(definition!.indexdef).toContain('USING gin (subject_ids)');
    expect(definition!.indexdef).toContain('WHERE (subject_ids IS NOT NULL)');

    const page = await service.gql<{ allCustomers: { id: string }[] }>('{ allCustomers(perPage: 3, sortField: "name") { id name } }');
    expect(page.errors).toBeUndefined();
    const subjectId = page.data!.allCustomers[1]!.id;
    const one = await service.gql(`{ Customer(id: "${subjectId}") { email } }`);
    expect(one.errors).toBeUndefined();

    // The access report's look-up (report.service.ts), planned with sequential scans ruled out: it
    // can use the partial index only because `@>` implies `subject_ids is not null`.
    const lookUp = `select seq from audit_event where subject_id = ? or subject_ids @> array[?]::text[] order by seq`;
    const plan = await app.orm.em.fork().transactional(async (em) => {
      await em.execute('set local enable_seqscan = off');
      const rows = await em.execute<{ 'QUERY PLAN': unknown }[]>(`explain (format json) ${lookUp}`, [subjectId, subjectId]);
      return JSON.stringify(rows[0]!['QUERY PLAN']);
    });
    expect(plan).toContain('"Index Name":"audit_event_subject_ids_idx"');
    expect(plan).toContain('"Index Name":"audit_event_subject_idx"');
    expect(plan).not.toContain('Seq Scan');

    const found = await sql<{ seq: string; subject_id: string | null; subject_ids: string[] | null }>(
      app,
      lookUp.replace('select seq', 'select seq::text as seq, subject_id, subject_ids'),
      [subjectId, subjectId],
    );
    expect(found.some((event) => event.subject_id === subjectId)).toBe(true);
    expect(found.some((event) => event.subject_ids?.includes(subjectId))).toBe(true);
  });
});

describe('storing events', () => {
  it('keeps an event about many subjects in the table, uncompressed, not in TOAST', async () => {
    const [table] = await sql<{ reloptions: string[] }>(app, `select reloptions from pg_class where relname = 'audit_event'`);
    expect(table!.reloptions).toContain('toast_tuple_target=8160');
    // 120 ids, ~4.4 kB: past the ~2 kB at which PostgreSQL would otherwise compress and move it.
    const subjectIds = Array.from({ length: 120 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const before = await lastSeq();
    await sql(app, 'select audit_append(?::jsonb)', [
      JSON.stringify([{ actor_type: 'system', operation: 'StorageTest', action: 'read', subject_type: 'Customer', subject_ids: subjectIds, fields: ['name'] }]),
    ]);
    const [stored] = await sql<{ compression: string | null; size: number; ids: string[] }>(
      app,
      `select pg_column_compression(subject_ids) as compression, pg_column_size(subject_ids) as size, subject_ids as ids from audit_event where seq = ?`,
      [before + 1],
    );
    expect(stored!.ids).toEqual(subjectIds);
    expect(stored!.compression).toBeNull();
    expect(stored!.size).toBeGreaterThan(120 * 36);
    // Nothing of the table was moved out of line.
    const [{ toast }] = (await sql<{ toast: string }>(app, `select reltoastrelid::regclass::text as toast from pg_class where relname = 'audit_event'`)) as [{ toast: string }];
    const [chunks] = await sql<{ count: string }>(app, `select count(*)::text as count from ${toast}`);
    expect(chunks!.count).toBe('0');
  });
});

describe('the subject index, merged in the background', () => {
  it('merges what the reads of pages added to the pending list, off the requests’ path', async () => {
    const [index] = await sql<{ reloptions: string[] }>(app, `select reloptions from pg_class where relname = 'audit_event_subject_ids_idx'`);
    expect(index!.reloptions).toContain('gin_pending_list_limit=16384');
    // An event appended outside the API's queue (as a CLI would): nothing merges it but the function.
    const subjectIds = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`);
    await sql(app, 'select audit_append(?::jsonb)', [
      JSON.stringify([{ actor_type: 'system', operation: 'MergeTest', action: 'read', subject_type: 'Customer', subject_ids: subjectIds, fields: ['name'] }]),
    ]);
    const [merged] = await sql<{ pages: string }>(app, 'select audit_flush_subject_index()::text as pages');
    expect(Number(merged!.pages)).toBeGreaterThan(0);
    // Reads of pages through the API: their events' ids go to the pending list, and the API merges
    // it at the latest SUBJECT_INDEX_FLUSH.afterMs after the first (30 s; here 0.5 s).
    // (The first customers by name: another test looks at the reads of the last one.)
    const first = await sql<{ id: string }>(app, 'select id from customer order by name limit 3');
    const { afterMs } = SUBJECT_INDEX_FLUSH;
    SUBJECT_INDEX_FLUSH.afterMs = 500;
    try {
      for (let read = 0; read < 3; read++) {
        const page = await service.gql('query($ids: [ID!]) { allCustomers(filter: { ids: $ids }) { id name } }', { ids: first.map((row) => row.id) });
        expect(page.errors).toBeUndefined();
      }
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      SUBJECT_INDEX_FLUSH.afterMs = afterMs;
    }
    const [left] = await sql<{ pages: string }>(app, 'select audit_flush_subject_index()::text as pages');
    expect(left!.pages).toBe('0');
    // The merged entries answer the look-up.
    const [found] = await sql<{ count: string }>(app, `select count(*)::text as count from audit_event where subject_ids @> array[?]::text[]`, [subjectIds[7]]);
    expect(found!.count).toBe('1');
  });

  it('lets a role that does not own the index merge it when granted, and nothing else', async () => {
    const role = `audit_merge_probe_${process.pid}`;
    await sql(app, `create role ${role}`);
    try {
      // Not to everyone: a role must be granted it.
      await expect(
        app.orm.em.fork().transactional(async (em) => {
          await em.execute(`set local role ${role}`);
          await em.execute('select audit_flush_subject_index()');
        }),
      ).rejects.toThrow(/permission denied/);
      await app.orm.em.fork().transactional(async (em) => {
        await em.execute(`grant execute on function audit_flush_subject_index() to ${role}`);
        await em.execute(`set local role ${role}`);
        await em.execute('select audit_flush_subject_index()');
        await expect(em.execute(`select gin_clean_pending_list('audit_event_subject_ids_idx'::regclass)`)).rejects.toThrow(/must be owner/);
      });
    } finally {
      await sql(app, `drop owned by ${role}`);
      await sql(app, `drop role ${role}`);
    }
  });
});

describe('who may read the log', () => {
  it('dpo lists the events of one data subject; service may not', async () => {
    const [customer] = await sql<{ id: string; name: string }>(app, 'select id, name from customer order by name desc limit 1');
    const read = await service.gql(`{ Customer(id: "${customer!.id}") { name email } }`);
    expect(read.errors).toBeUndefined();

    const dpo = await app.as('dpo');
    const result = await dpo.gql<{ allAuditEvents: { subjectId: string; action: string; actorId: string; fields: string[] }[] }>(
      'query($id: String) { allAuditEvents(filter: { subjectId: $id }, perPage: 500) { seq at actorType actorId client requestId operation action subjectType subjectId fields outcome } }',
      { id: customer!.id },
    );
    expect(result.errors).toBeUndefined();
    const events = result.data!.allAuditEvents;
    const expected = await countRows(app, 'audit_event', 'subject_id = ?', [customer!.id]);
    expect(events).toHaveLength(expected);
    expect(events.every((e) => e.subjectId === customer!.id)).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ action: 'read', actorId: serviceUserId, fields: ['email', 'name'] }));
    expect(JSON.stringify(events)).not.toContain(customer!.name);

    const refused = await service.gql('query($id: String) { allAuditEvents(filter: { subjectId: $id }) { seq } }', { id: customer!.id });
    expect(refused.data).toBeNull();
    expect(onlyError(refused, 'FORBIDDEN').path).toEqual(['allAuditEvents']);
  });
});
