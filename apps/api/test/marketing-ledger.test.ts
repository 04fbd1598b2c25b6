import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../src/modules/customer/customer.entity.js';
import { seedMarketing } from '../src/modules/marketing/marketing.seed.js';
import { countRows, expectBadInput, onlyError, sql, uniqueBusinessId } from './support/helpers.js';
import { startTestApp, type Client, type TestApp } from './support/test-app.js';

/**
 * The direct-marketing ledger: what a decision must carry (bad input is refused with the field
 * named and nothing written), its audit event, the append-only table, the database's derivation
 * of the current state, the demo seed, and the statements a page costs.
 */

type Row = Record<string, unknown>;

const RECORD = `mutation Record($customerId: ID!, $channel: MarketingChannel!, $decision: MarketingDecision!,
    $source: MarketingSource!, $evidence: String!, $sourcePartner: String, $contactPersonId: ID) {
  recordMarketingDecision(customerId: $customerId, channel: $channel, decision: $decision, source: $source,
    evidence: $evidence, sourcePartner: $sourcePartner, contactPersonId: $contactPersonId) {
    id customerId contactPersonId channel decision recordedAt source sourcePartner sourceType collectedAt recordedById evidence
  }
}`;

let app: TestApp;
let service: Client;
let serviceUserId: string;
let privateId: string;
let businessId: string;
const statements: string[] = [];

async function createCustomer(kind: 'PRIVATE' | 'BUSINESS', name: string): Promise<string> {
  const dpo = await app.as('dpo');
  const result = await dpo.gql<{ createCustomer: { id: string } }>(
    'mutation($kind: CustomerKind!, $name: String!, $businessId: String) { createCustomer(kind: $kind, name: $name, businessId: $businessId, email: "kirjaus@example.fi") { id } }',
    { kind, name, businessId: kind === 'BUSINESS' ? uniqueBusinessId() : null },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createCustomer.id;
}

const valid = () => ({
  customerId: privateId,
  channel: 'EMAIL',
  decision: 'PERMIT',
  source: 'CUSTOMER_FORM',
  evidence: 'Tilauslomake: asiakas rastitti kohdan "Haluan tarjouksia sähköpostiin".',
});

/** The whole state of the ledger and the current state, to compare before and after a refusal. */
async function snapshot(): Promise<string> {
  const [row] = await sql<{ json: string }>(
    app,
    `select json_build_object(
       'entries', (select count(*) from marketing_permit_entry),
       'state', (select json_agg(s order by s.customer_id, s.channel) from customer_marketing_state s)
     )::text as json`,
  );
  return row!.json;
}

beforeAll(async () => {
  app = await startTestApp({ customers: 80, onQuery: (statement) => statements.push(statement) });
  service = await app.as('service');
  const [user] = await sql<{ id: string }>(app, "select id from staff_user where username = 'service'");
  serviceUserId = user!.id;
  privateId = await createCustomer('PRIVATE', 'Kirjaus Yksityinen');
  businessId = await createCustomer('BUSINESS', 'Kirjaus Yritys Oy');
});
afterAll(() => app?.close());

describe('recording a decision', () => {
  it('appends an entry with the system’s time, the recording user and the provenance, in force at once', async () => {
    const before = Date.now();
    const result = await service.gql<{ recordMarketingDecision: Row }>(RECORD, valid());
    expect(result.errors).toBeUndefined();
    const entry = result.data!.recordMarketingDecision;
    expect(entry).toMatchObject({
      customerId: privateId,
      contactPersonId: null,
      channel: 'EMAIL',
      decision: 'PERMIT',
      source: 'CUSTOMER_FORM',
      sourcePartner: null,
      sourceType: 'DATA_SUBJECT',
      recordedById: serviceUserId,
      evidence: valid().evidence,
    });
    expect(Date.parse(entry.recordedAt as string)).toBeGreaterThanOrEqual(before - 5_000);
    expect(Date.parse(entry.collectedAt as string)).toBeGreaterThanOrEqual(before - 5_000);
    const [state] = await sql<{ permitted: boolean; entry_id: string }>(
      app,
      "select permitted, entry_id from customer_marketing_state where customer_id = ? and channel = 'EMAIL'",
      [privateId],
    );
    expect(state).toEqual({ permitted: true, entry_id: entry.id });
  });

  it('a decision from a partner register names the register and is marked PARTNER in its provenance', async () => {
    const result = await service.gql<{ recordMarketingDecision: Row }>(RECORD, {
      ...valid(),
      decision: 'PROHIBIT',
      source: 'PARTNER',
      sourcePartner: 'Posti Oy kumppanirekisteri',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordMarketingDecision).toMatchObject({
      source: 'PARTNER',
      sourcePartner: 'Posti Oy kumppanirekisteri',
      sourceType: 'PARTNER',
    });
  });

  it('writes one audit event per decision, with the field names and the data subject, never the values', async () => {
    const evidence = 'Puhelu 12.3.: asiakas kieltää tekstiviestimarkkinoinnin, sanatarkka kirjaus TUNNISTE-4711.';
    const response = await service.post(RECORD, { ...valid(), channel: 'SMS', decision: 'PROHIBIT', source: 'PHONE_CALL', evidence });
    const requestId = response.headers.get('x-request-id');
    const body = (await response.json()) as { data: { recordMarketingDecision: Row } };
    const all = await sql<Row & { json: string }>(
      app,
      'select action, operation, subject_type, subject_id, fields, actor_id, row_to_json(a)::text as json from audit_event a where request_id = ?',
      [requestId],
    );
    // The response itself is a read of the entry's personal fields: audited as such.
    expect(all.filter((event) => event.action === 'read').map((event) => event.subject_type)).toEqual(['MarketingPermitEntry']);
    for (const event of all) expect(event.json).not.toContain('TUNNISTE-4711');
    const events = all.filter((event) => event.action !== 'read');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'create',
      operation: 'recordMarketingDecision',
      subject_type: 'MarketingPermitEntry',
      subject_id: privateId,
      actor_id: serviceUserId,
      fields: ['channel', 'collectedAt', 'customerId', 'decision', 'evidence', 'id', 'recordedAt', 'recordedById', 'source', 'sourceType'],
    });
    expect(events[0]!.json).not.toContain('TUNNISTE-4711');
    expect(events[0]!.json).not.toContain(body.data.recordMarketingDecision.id as string);
  });

  it('a business customer’s contact person has a ledger of their own; the company’s state does not move', async () => {
    const contactPersonId = '0b0f3a52-9f43-4c53-9a7c-4f3f4d0d8e11';
    const stateBefore = await sql(app, 'select * from customer_marketing_state where customer_id = ? order by channel', [businessId]);
    const result = await service.gql<{ recordMarketingDecision: Row }>(RECORD, {
      ...valid(),
      customerId: businessId,
      contactPersonId,
      decision: 'PROHIBIT',
      source: 'EMAIL',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordMarketingDecision.contactPersonId).toBe(contactPersonId);
    const [event] = await sql<{ subject_id: string }>(
      app,
      "select subject_id from audit_event where operation = 'recordMarketingDecision' order by seq desc limit 1",
    );
    expect(event!.subject_id).toBe(contactPersonId);
    expect(await sql(app, 'select * from customer_marketing_state where customer_id = ? order by channel', [businessId])).toEqual(stateBefore);
    const permissions = await app.services.marketing.contactPersonPermissions(app.orm.em.fork(), [contactPersonId]);
    expect(permissions.get(contactPersonId)).toMatchObject({
      contactPersonId,
      customerId: businessId,
      email: false,
      emailSource: 'EMAIL',
      sms: true,
      phone: true,
      post: true,
      smsDecidedAt: null,
    });
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['an unknown channel', { channel: 'FAX' }, 'channel'],
    ['an unknown decision', { decision: 'MAYBE' }, 'decision'],
    ['an unknown source', { source: 'RUMOUR' }, 'source'],
    ['missing evidence', { evidence: '' }, 'evidence'],
    ['evidence of spaces only', { evidence: '   \n ' }, 'evidence'],
    ['evidence with surrounding spaces', { evidence: ' Lomake. ' }, 'evidence'],
    ['evidence over 2000 characters', { evidence: 'x'.repeat(2001) }, 'evidence'],
    ['evidence with control characters', { evidence: 'Lomake\u0007' }, 'evidence'],
    ['a PARTNER source without the partner register', { decision: 'PROHIBIT', source: 'PARTNER' }, 'sourcePartner'],
    ['a PARTNER source with an empty register name', { decision: 'PROHIBIT', source: 'PARTNER', sourcePartner: ' ' }, 'sourcePartner'],
    ['a partner register for a decision that did not come from one', { sourcePartner: 'Posti Oy' }, 'sourcePartner'],
    ['a partner register name over 100 characters', { decision: 'PROHIBIT', source: 'PARTNER', sourcePartner: 'P'.repeat(101) }, 'sourcePartner'],
    ['a malformed customer number', { customerId: 'asiakas-1' }, 'customerId'],
    ['a customer number nobody has', { customerId: '7d9a3a38-3d4b-4a43-8d43-3f5b0c1d2e3f' }, 'customerId'],
    ['a malformed contact person number', { customerId: 'BUSINESS', contactPersonId: 'yhteyshenkilö' }, 'contactPersonId'],
    ['a contact person of a private customer', { contactPersonId: '0b0f3a52-9f43-4c53-9a7c-4f3f4d0d8e11' }, 'contactPersonId'],
  ];

  for (const [what, change, field] of cases) {
    it(`${what}: BAD_USER_INPUT on ${field}`, async () => {
      const args = { ...valid(), ...change };
      if (args.customerId === 'BUSINESS') args.customerId = businessId;
      const before = await snapshot();
      const result = await service.gql(RECORD, args);
      expectBadInput(result, field);
      expect(result.data ?? { recordMarketingDecision: null }).toEqual({ recordMarketingDecision: null });
      expect(await snapshot()).toBe(before);
    });
  }

  it('several problems are reported together, the first one named', async () => {
    const before = await snapshot();
    const result = await service.gql(RECORD, { ...valid(), evidence: '', source: 'PARTNER', decision: 'PROHIBIT' });
    const error = onlyError(result, 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('evidence');
    expect((error.extensions?.problems as { field: string }[]).map((p) => p.field)).toEqual(['evidence', 'sourcePartner']);
    expect(await snapshot()).toBe(before);
  });

  it('a PERMIT by marketing is FORBIDDEN and writes nothing', async () => {
    const before = await snapshot();
    const result = await (await app.as('marketing')).gql(RECORD, valid());
    expect(onlyError(result, 'FORBIDDEN').extensions?.field).toBe('decision');
    expect(await snapshot()).toBe(before);
  });
});

describe('the ledger is append-only', () => {
  it('the database refuses to change, delete or truncate entries', async () => {
    const [entry] = await sql<{ id: string; json: string }>(
      app,
      'select id, row_to_json(e)::text as json from marketing_permit_entry e limit 1',
    );
    await expect(sql(app, "update marketing_permit_entry set decision = 'PERMIT' where id = ?", [entry!.id])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(sql(app, 'delete from marketing_permit_entry where id = ?', [entry!.id])).rejects.toThrow(/append-only: DELETE/);
    await expect(sql(app, 'truncate marketing_permit_entry cascade')).rejects.toThrow(/append-only: TRUNCATE/);
    const [after] = await sql<{ json: string }>(app, 'select row_to_json(e)::text as json from marketing_permit_entry e where id = ?', [
      entry!.id,
    ]);
    expect(after!.json).toBe(entry!.json);
  });

  it('the latest entry decides, whatever order entries arrive in; an older one never overrides it', async () => {
    const id = await createCustomer('PRIVATE', 'Järjestys Testi');
    const insert = (decision: string, recordedAt: string) =>
      sql(
        app,
        `insert into marketing_permit_entry (id, customer_id, channel, decision, recorded_at, source, collected_at, recorded_by_id, evidence)
         values (gen_random_uuid(), ?, 'POST', ?, ?, 'CUSTOMER_FORM', ?, ?, 'järjestystesti')`,
        [id, decision, recordedAt, recordedAt, serviceUserId],
      );
    const post = async () =>
      (await sql<{ permitted: boolean; decided_at: string | null }>(
        app,
        "select permitted, to_char(decided_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as decided_at from customer_marketing_state where customer_id = ? and channel = 'POST'",
        [id],
      ))[0]!;
    expect((await post()).permitted).toBe(true); // a consumer's default for post: opt-out
    await insert('PROHIBIT', '2026-06-01T10:00:00Z');
    expect((await post()).permitted).toBe(false);
    await insert('PERMIT', '2026-01-01T10:00:00Z'); // older: recorded late, decides nothing
    expect(await post()).toEqual({ permitted: false, decided_at: '2026-06-01 10:00' });
    await insert('PERMIT', '2026-07-01T10:00:00Z');
    expect((await post()).permitted).toBe(true);
  });

  it('every customer has exactly one state row per channel (created with the customer)', async () => {
    const [row] = await sql<{ missing: string; extra: string }>(
      app,
      `select (select count(*) from customer c cross join unnest(enum_range(null::marketing_channel)) ch
                where not exists (select 1 from customer_marketing_state s where s.customer_id = c.id and s.channel = ch))::text as missing,
              ((select count(*) from customer_marketing_state) - 4 * (select count(*) from customer))::text as extra`,
    );
    expect(row).toEqual({ missing: '0', extra: '0' });
  });
});

describe('the demo seed', () => {
  function random(seed: number) {
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    return {
      next,
      int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
      pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    };
  }

  it('gives most customers a history whose latest entries are exactly the current state', async () => {
    const em = app.orm.em.fork();
    const customers = await em.find(Customer, {});
    const before = await countRows(app, 'marketing_permit_entry');
    const seeded = await seedMarketing(em, app.services, customers, random(4711));
    expect(seeded).toBe((await countRows(app, 'marketing_permit_entry')) - before);
    const withHistory = await countRows(app, 'customer', 'id in (select customer_id from marketing_permit_entry)');
    expect(withHistory).toBeGreaterThan(customers.length / 2);
    expect(await countRows(app, 'marketing_permit_entry', "decision = 'PROHIBIT'")).toBeGreaterThan(0);
    expect(await countRows(app, 'marketing_permit_entry', "source = 'OBJECTION_REQUEST'")).toBeGreaterThanOrEqual(0);
    // Consent is recorded by customer service or the DPO, as the API requires.
    expect(
      await countRows(
        app,
        'marketing_permit_entry e',
        "decision = 'PERMIT' and not exists (select 1 from staff_user u where u.id = e.recorded_by_id and u.roles && array['service', 'dpo'])",
      ),
    ).toBe(0);
    // Each channel's state is its latest entry, or the law's default where there is none.
    const [mismatch] = await sql<{ n: string }>(
      app,
      `select count(*)::text as n
         from customer_marketing_state s
         join customer c on c.id = s.customer_id
         left join lateral (
           select e.id, e.decision from marketing_permit_entry e
            where e.customer_id = s.customer_id and e.channel = s.channel and e.contact_person_id is null
            order by e.recorded_at desc limit 1) latest on true
        where s.permitted <> coalesce(latest.decision = 'PERMIT', marketing_default_permitted(c.kind, s.channel))
           or s.entry_id is distinct from latest.id`,
    );
    expect(mismatch!.n).toBe('0');
    // Every seeded decision has its audit event.
    expect(await countRows(app, 'audit_event', "operation = 'seedMarketing'")).toBe(seeded);
  });
});

describe('statements per request', () => {
  async function statementsOf(client: Client, query: string) {
    statements.length = 0;
    const result = await client.gql(query);
    expect(result.errors?.filter((error) => error.extensions?.code !== 'FORBIDDEN') ?? []).toEqual([]);
    return statements.length;
  }

  it('a marketing page of customers with their permissions costs the same at 5 and 50 rows', async () => {
    const marketing = await app.as('marketing');
    const page = (n: number) =>
      `{ allCustomers(perPage: ${n}) { id name email phone streetAddress marketingPermissions { email sms phone post emailSource } } _allCustomersMeta { count } }`;
    const visible = await marketing.gql<{ _allCustomersMeta: { count: number } }>('{ _allCustomersMeta { count } }');
    expect(visible.data!._allCustomersMeta.count).toBeGreaterThanOrEqual(50);
    const small = await statementsOf(marketing, page(5));
    const large = await statementsOf(marketing, page(50));
    expect(large).toBe(small);
    // session, the page, the permissions of the page, the count, the audit append
    expect(large).toBeLessThanOrEqual(5);
  });

  it('a page of the ledger costs the same at 5 and 50 entries', async () => {
    expect(await countRows(app, 'marketing_permit_entry')).toBeGreaterThanOrEqual(50);
    const page = (n: number) =>
      `{ allMarketingPermitEntries(perPage: ${n}) { id customerId channel decision recordedAt source recordedById evidence } _allMarketingPermitEntriesMeta { count } }`;
    const small = await statementsOf(service, page(5));
    const large = await statementsOf(service, page(50));
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(4);
  });

  it('an export page costs the same at 5 and 50 rows', async () => {
    const marketing = await app.as('marketing');
    const page = (n: number) => `{ marketingAudience(channel: POST, perPage: ${n}) { customerId name streetAddress postalCode city } }`;
    const audience = await marketing.gql<{ _marketingAudienceMeta: { count: number } }>('{ _marketingAudienceMeta(channel: POST) { count } }');
    expect(audience.data!._marketingAudienceMeta.count).toBeGreaterThanOrEqual(50);
    const small = await statementsOf(marketing, page(5));
    const large = await statementsOf(marketing, page(50));
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(3);
  });
});
