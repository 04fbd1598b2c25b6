import { STAFF_ROLES } from '@register/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, expectBadInput, onlyError, sql } from './support/helpers.js';
import { startTestApp, type Client, type TestApp } from './support/test-app.js';

/**
 * Disclosures to authorities (section 6, promise 3) through the real server: the dpo records and
 * reads them, every other role and partners are refused, input is validated against the data
 * map, the recorder comes from the session, and the record is append-only in the database.
 */

const FIELDS = `id subjectKind subjectId customerId recipient legalBasis legalBasisText categories fields disclosedOn
  requestReference note disclosedById recordedAt`;
const RECORD = `mutation Record($subjectKind: DisclosureSubjectKind, $subjectId: ID, $recipient: String, $legalBasis: DisclosureLegalBasis,
    $legalBasisText: String, $categories: [String!], $fields: [String!], $disclosedOn: LocalDate, $requestReference: String, $note: String) {
  recordDisclosure(subjectKind: $subjectKind, subjectId: $subjectId, recipient: $recipient, legalBasis: $legalBasis,
    legalBasisText: $legalBasisText, categories: $categories, fields: $fields, disclosedOn: $disclosedOn,
    requestReference: $requestReference, note: $note) { ${FIELDS} }
}`;

let app: TestApp;
let dpo: Client;
let customerId: string;
let otherCustomerId: string;
let contactPersonId: string;
let businessId: string;

const valid = () => ({
  subjectKind: 'CUSTOMER',
  subjectId: customerId,
  recipient: 'Helsingin poliisilaitos',
  legalBasis: 'POLICE',
  legalBasisText: 'Poliisilaki 872/2011 4 luku 3 § 1 mom.',
  categories: ['contact'],
  fields: ['Customer.name', 'SimCard.iccid'],
  disclosedOn: '2026-11-02',
  requestReference: 'POL-2026/4411',
  note: 'Handed over by secure e-mail.',
});

beforeAll(async () => {
  app = await startTestApp({ customers: 12 });
  dpo = await app.as('dpo');
  const customers = await sql<{ id: string; kind: string }>(app, 'select id, kind from customer order by created_at, id');
  customerId = customers.find((c) => c.kind === 'PRIVATE')!.id;
  otherCustomerId = customers.filter((c) => c.kind === 'PRIVATE')[1]!.id;
  const business = customers.find((c) => c.kind === 'BUSINESS')?.id;
  businessId = business ?? customers[2]!.id;
  if (!business) await sql(app, `update customer set kind = 'BUSINESS', business_id = '1572860-0' where id = ?`, [businessId]);
  const created = await dpo.gql<{ createContactPerson: { id: string } }>(
    `mutation($customerId: ID!) { createContactPerson(customerId: $customerId, name: "Kaisa Kontakti") { id } }`,
    { customerId: businessId },
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  contactPersonId = created.data!.createContactPerson.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('recording a disclosure', () => {
  it('stores what, about whom, to whom, on which basis, when and by whom (from the session), and audits it', async () => {
    const before = await countRows(app, 'audit_event', `operation = 'recordDisclosure'`);
    const result = await dpo.gql<{ recordDisclosure: Record<string, unknown> }>(RECORD, valid());
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const disclosure = result.data!.recordDisclosure;
    const [dpoUser] = await sql<{ id: string }>(app, `select id from staff_user where username = 'dpo'`);
    expect(disclosure).toMatchObject({
      subjectKind: 'CUSTOMER',
      subjectId: customerId,
      customerId,
      recipient: 'Helsingin poliisilaitos',
      legalBasis: 'POLICE',
      categories: ['contact'],
      fields: ['Customer.name', 'SimCard.iccid'],
      disclosedOn: '2026-11-02',
      requestReference: 'POL-2026/4411',
      disclosedById: dpoUser!.id,
    });
    expect(typeof disclosure.recordedAt).toBe('string');
    const [row] = await sql<{ disclosed_by_id: string; subject_id: string }>(app, 'select * from disclosure where id = ?', [disclosure.id]);
    expect(row).toMatchObject({ disclosed_by_id: dpoUser!.id, subject_id: customerId });
    // One audit event naming the person by id and the fields written — never the values.
    const events = await sql<{ subject_id: string; fields: string[]; action: string }>(
      app,
      `select subject_id, fields, action from audit_event where operation = 'recordDisclosure' order by seq desc limit 1`,
    );
    expect(await countRows(app, 'audit_event', `operation = 'recordDisclosure'`)).toBe(before + 1);
    expect(events[0]).toMatchObject({ subject_id: customerId, action: 'create' });
    expect(JSON.stringify(events)).not.toContain('poliisilaitos');
  });

  it('records a disclosure about a contact person under their company', async () => {
    const result = await dpo.gql<{ recordDisclosure: Record<string, unknown> }>(RECORD, {
      ...valid(),
      subjectKind: 'CONTACT_PERSON',
      subjectId: contactPersonId,
      legalBasis: 'ENFORCEMENT',
      recipient: 'Ulosottolaitos',
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data!.recordDisclosure).toMatchObject({ subjectId: contactPersonId, customerId: businessId, subjectKind: 'CONTACT_PERSON' });
  });

  it('names every bad field at once and writes nothing', async () => {
    const before = await countRows(app, 'disclosure');
    const result = await dpo.gql(RECORD, {
      ...valid(),
      recipient: '  ',
      categories: ['contact', 'horoscope'],
      fields: ['Customer.shoeSize', 'Nonsense'],
      disclosedOn: '2999-01-01',
    });
    const error = onlyError(result, 'BAD_USER_INPUT');
    const problems = (error.extensions?.problems as { field: string }[]).map((p) => p.field);
    expect(problems).toEqual(expect.arrayContaining(['recipient', 'categories.1', 'fields.0', 'fields.1', 'disclosedOn']));
    expect(error.extensions?.field).toBe('recipient');
    expect(await countRows(app, 'disclosure')).toBe(before);
  });

  it('requires something disclosed, and a subject that exists', async () => {
    expectBadInput(await dpo.gql(RECORD, { ...valid(), categories: [], fields: [] }), 'categories');
    expectBadInput(await dpo.gql(RECORD, { ...valid(), subjectId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' }), 'subjectId');
    // A contact person's id given as a customer is not a customer.
    expectBadInput(await dpo.gql(RECORD, { ...valid(), subjectId: contactPersonId }), 'subjectId');
    expectBadInput(await dpo.gql(RECORD, { ...valid(), legalBasisText: null }), 'legalBasisText');
  });

  it('refuses system-set fields as arguments (the schema has none to give)', async () => {
    const result = await dpo.gql(`mutation { recordDisclosure(disclosedById: "x") { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('reading disclosures', () => {
  it('filters by subject, recipient and date range', async () => {
    await dpo.gql(RECORD, { ...valid(), subjectId: otherCustomerId, recipient: 'Verohallinto', legalBasis: 'TAX', disclosedOn: '2026-06-15' });
    const list = async (filter: Record<string, unknown>) => {
      const result = await dpo.gql<{ allDisclosures: { subjectId: string; recipient: string; disclosedOn: string }[]; _allDisclosuresMeta: { count: number } }>(
        `query($filter: DisclosureFilter) { allDisclosures(filter: $filter, perPage: 100) { subjectId recipient disclosedOn } _allDisclosuresMeta(filter: $filter) { count } }`,
        { filter },
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data!._allDisclosuresMeta.count).toBe(result.data!.allDisclosures.length);
      return result.data!.allDisclosures;
    };
    expect((await list({ subjectId: otherCustomerId })).map((d) => d.recipient)).toEqual(['Verohallinto']);
    expect((await list({ recipient: 'vero' })).every((d) => d.subjectId === otherCustomerId)).toBe(true);
    expect((await list({ disclosedFrom: '2026-06-01', disclosedTo: '2026-06-30' })).map((d) => d.disclosedOn)).toEqual(['2026-06-15']);
    expect(await list({ customerId: businessId })).toHaveLength(1);
    expectBadInput(
      await dpo.gql(`{ allDisclosures(filter: { disclosedFrom: "2026-07-01", disclosedTo: "2026-06-01" }) { id } }`),
      'filter.disclosedTo',
    );
  });

  it('reads one disclosure by id, and audits the read against the person', async () => {
    const [row] = await sql<{ id: string }>(app, 'select id from disclosure where subject_id = ? limit 1', [customerId]);
    const result = await dpo.gql<{ disclosure: { recipient: string } }>(`query($id: ID!) { disclosure(id: $id) { recipient note } }`, { id: row!.id });
    expect(result.data?.disclosure.recipient).toBe('Helsingin poliisilaitos');
    const [event] = await sql<{ subject_type: string; fields: string[] }>(
      app,
      `select subject_type, fields from audit_event where action = 'read' and subject_id = ? and subject_type = 'Disclosure' order by seq desc limit 1`,
      [customerId],
    );
    expect(event).toMatchObject({ subject_type: 'Disclosure' });
    expect(event!.fields).toEqual(expect.arrayContaining(['recipient', 'note']));
  });
});

describe('who may', () => {
  it('is refused for every role but dpo, for partners and for anonymous callers', async () => {
    for (const role of STAFF_ROLES.filter((r) => r !== 'dpo')) {
      const client = await app.as(role);
      onlyError(await client.gql(`{ allDisclosures { id } }`), 'FORBIDDEN');
      onlyError(await client.gql(`{ _allDisclosuresMeta { count } }`), 'FORBIDDEN');
      onlyError(await client.gql(`{ disclosure(id: "6f9619ff-8b86-4d01-b42d-00c04fc964ff") { id } }`), 'FORBIDDEN');
      onlyError(await client.gql(RECORD, valid()), 'FORBIDDEN');
    }
    onlyError(await app.anonymous().gql(`{ allDisclosures { id } }`), 'UNAUTHENTICATED');
    onlyError(await app.anonymous().gql(RECORD, valid()), 'UNAUTHENTICATED');
  });
});

describe('append-only', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE of a disclosure', async () => {
    await expect(sql(app, `update disclosure set recipient = 'Someone else'`)).rejects.toThrow(/append-only/);
    await expect(sql(app, `delete from disclosure`)).rejects.toThrow(/append-only/);
    await expect(sql(app, `truncate disclosure`)).rejects.toThrow(/append-only/);
    expect(await countRows(app, 'disclosure')).toBeGreaterThanOrEqual(3);
  });

  it('has no update or delete mutation', async () => {
    const result = await dpo.gql(`mutation { updateDisclosure(id: "x", note: "y") { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps a customer with disclosures from being deleted as a mistake', async () => {
    const result = await dpo.gql(`mutation($id: ID!) { deleteCustomer(id: $id) { id } }`, { id: otherCustomerId });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRows(app, 'customer', 'id = ?', [otherCustomerId])).toBe(1);
  });
});
