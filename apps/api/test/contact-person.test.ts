import { dataMap } from '@register/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, errorAt, expectBadInput, onlyError, sql, uniqueBusinessId } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Contact persons of business customers through the real server: who reads and writes which
 * field, what input is refused (and that nothing is written then), and what the audit log says.
 */
const FIELDS = Object.keys(dataMap.ContactPerson.fields);
const ALL = FIELDS.join(' ');
const NAME_AND_CONTACT = ['id', 'customerId', 'name', 'email', 'phone', 'streetAddress', 'postalCode', 'city', 'country'];

const READS: Record<string, string[]> = {
  service: FIELDS,
  sales: FIELDS,
  billing: FIELDS,
  marketing: NAME_AND_CONTACT,
  dpo: FIELDS,
};
const NON_READERS = ['analyst', 'admin'] as const;
const NON_WRITERS = ['sales', 'billing', 'marketing', 'analyst', 'admin'] as const;

type Row = Record<string, unknown>;

let app: TestApp;
let companyId: string;
let privateCustomerId: string;
let personId: string;
let delivery: Client;
const clients = new Map<string, Client>();
const as = async (role: string) => {
  let client = clients.get(role);
  if (!client) {
    client = await app.as(role);
    clients.set(role, client);
  }
  return client;
};

const personRow = async (id: string) =>
  (await sql<{ json: string }>(app, 'select row_to_json(p)::text as json from contact_person p where id = ?', [id]))[0]?.json;

/** What a refused request must leave untouched: the rows and the change events. */
async function writes() {
  const [row] = await sql<{ people: string; changes: string; fingerprint: string }>(
    app,
    `select (select count(*) from contact_person)::text as people,
            (select count(*) from audit_event where action in ('create', 'update', 'delete'))::text as changes,
            (select md5(coalesce(string_agg(row_to_json(p)::text, ',' order by id), '')) from contact_person p) as fingerprint`,
  );
  return row;
}

async function expectNothingWritten<T>(run: () => Promise<GraphQLResponse<T>>): Promise<GraphQLResponse<T>> {
  const before = await writes();
  const result = await run();
  expect(await writes()).toEqual(before);
  return result;
}

const FULL_PERSON = `customerId: $customerId, name: "Laura Lindholm", email: "laura.lindholm@testiyhtio.fi", phone: "050 123 4567",
  streetAddress: "Teollisuuskatu 5", postalCode: "00510", city: "HELSINKI", country: "FI",
  roleInCompany: "Laskutusyhteyshenkilö", position: "Talouspäällikkö"`;

beforeAll(async () => {
  app = await startTestApp({ customers: 10 });
  const service = await as('service');
  const company = await service.gql<{ createCustomer: { id: string } }>(
    'mutation($b: String) { createCustomer(kind: BUSINESS, name: "Testiyhtiö Oy", businessId: $b, email: "info@testiyhtio.fi") { id } }',
    { b: uniqueBusinessId() },
  );
  expect(company.errors).toBeUndefined();
  companyId = company.data!.createCustomer.id;
  const person = await service.gql<{ createCustomer: { id: string } }>('mutation { createCustomer(kind: PRIVATE, name: "Yksityinen Henkilö") { id } }');
  privateCustomerId = person.data!.createCustomer.id;

  // Every field filled, by the dpo (who alone may set the source).
  const dpo = await as('dpo');
  const created = await dpo.gql<{ createContactPerson: { id: string } }>(
    `mutation($customerId: ID) { createContactPerson(${FULL_PERSON}, sourceType: PARTNER, sourcePartner: "Posti Oy kumppanirekisteri") { id } }`,
    { customerId: companyId },
  );
  expect(created.errors).toBeUndefined();
  personId = created.data!.createContactPerson.id;
  const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'deliveries', scopes: ['delivery'], createdBy: null });
  delivery = app.partner(key);
});
afterAll(() => app?.close());

function checkRow(result: GraphQLResponse<unknown>, row: Row, path: (string | number)[], readable: string[]) {
  for (const field of FIELDS) {
    const error = errorAt(result, [...path, field]);
    if (readable.includes(field)) {
      expect(error, `${field} should be readable`).toBeUndefined();
      expect(row[field], `${field} should have a value`).not.toBeNull();
    } else {
      expect(row[field], `${field} should be denied`).toBeNull();
      expect(error?.extensions?.code, `${field} should be denied with FORBIDDEN`).toBe('FORBIDDEN');
    }
  }
}

describe('reading contact persons, role by role', () => {
  for (const [role, readable] of Object.entries(READS)) {
    it(`${role}: ContactPerson(id) returns exactly the fields of its column`, async () => {
      const client = await as(role);
      const result = await client.gql<{ ContactPerson: Row }>(`query($id: ID!) { ContactPerson(id: $id) { ${ALL} } }`, { id: personId });
      const row = result.data!.ContactPerson;
      expect(row.id).toBe(personId);
      checkRow(result, row, ['ContactPerson'], readable);
      expect(result.errors ?? []).toHaveLength(FIELDS.length - readable.length);
    });

    it(`${role}: allContactPersons lists them with the same fields`, async () => {
      const client = await as(role);
      const result = await client.gql<{ allContactPersons: Row[]; _allContactPersonsMeta: { count: number } }>(
        `query($c: ID) { allContactPersons(filter: { customerId: $c }) { ${ALL} } _allContactPersonsMeta(filter: { customerId: $c }) { count } }`,
        { c: companyId },
      );
      expect(result.data!._allContactPersonsMeta.count).toBe(1);
      checkRow(result, result.data!.allContactPersons[0]!, ['allContactPersons', 0], readable);
    });
  }

  it('marketing reads name and contact details only: not the role, position or source', () => {
    expect(FIELDS.filter((field) => !READS.marketing!.includes(field)).sort()).toEqual(
      ['collectedAt', 'createdAt', 'position', 'roleInCompany', 'sourcePartner', 'sourceType', 'updatedAt'].sort(),
    );
  });

  const refused: [string, () => Client | Promise<Client>, string][] = [
    ...NON_READERS.map((role): [string, () => Promise<Client>, string] => [role, () => as(role), 'FORBIDDEN']),
    ['anonymous', () => app.anonymous(), 'UNAUTHENTICATED'],
    ['partner with scope delivery', () => delivery, 'FORBIDDEN'],
  ];
  for (const [who, client, code] of refused) {
    it(`${who}: every contact-person query is ${code} as a whole`, async () => {
      const c = await client();
      const list = await c.gql(`{ allContactPersons { ${ALL} } }`);
      expect(list.data).toBeNull();
      expect(onlyError(list, code).path).toEqual(['allContactPersons']);
      const one = await c.gql(`query($id: ID!) { ContactPerson(id: $id) { ${ALL} } }`, { id: personId });
      expect(one.data).toEqual({ ContactPerson: null });
      expect(onlyError(one, code).path).toEqual(['ContactPerson']);
      const meta = await c.gql('{ _allContactPersonsMeta { count } }');
      expect(onlyError(meta, code).path).toEqual(['_allContactPersonsMeta']);
    });
  }

  it('marketing may not sort or filter by what it cannot read', async () => {
    const marketing = await as('marketing');
    const sorted = await marketing.gql('{ allContactPersons(sortField: "position") { id } }');
    expect(onlyError(sorted, 'FORBIDDEN').extensions?.field).toBe('sortField');
    const searched = await marketing.gql<{ allContactPersons: { id: string }[] }>('{ allContactPersons(filter: { q: "lindholm" }) { id } }');
    expect(searched.errors).toBeUndefined();
    expect(searched.data!.allContactPersons.map((p) => p.id)).toEqual([personId]);
  });

  it('a read is audited under the contact person’s own id, with field names only', async () => {
    const sales = await as('sales');
    const response = await sales.post('query ReadContact($id: ID!) { ContactPerson(id: $id) { name email position } }', { id: personId });
    const requestId = response.headers.get('x-request-id');
    expect(((await response.json()) as GraphQLResponse).errors).toBeUndefined();
    const events = await sql<{ subject_type: string; subject_id: string; fields: string[]; row: string }>(
      app,
      `select subject_type, subject_id, fields, row_to_json(e)::text as row from audit_event e where request_id = ? and action = 'read'`,
      [requestId],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject_type: 'ContactPerson', subject_id: personId, fields: ['email', 'name', 'position'] });
    expect(events[0]!.row).not.toContain('Lindholm');
  });
});

describe('writing contact persons', () => {
  it('service records a contact person; phone is stored in international form; the change is audited by field name', async () => {
    const service = await as('service');
    const result = await service.gql<{ createContactPerson: { id: string; phone: string; customerId: string; sourceType: string } }>(
      `mutation($customerId: ID) { createContactPerson(${FULL_PERSON}) { id phone customerId sourceType } }`,
      { customerId: companyId },
    );
    expect(result.errors).toBeUndefined();
    const created = result.data!.createContactPerson;
    expect(created).toMatchObject({ phone: '+358501234567', customerId: companyId, sourceType: 'DATA_SUBJECT' });
    const events = await sql<{ subject_type: string; fields: string[]; row: string }>(
      app,
      `select subject_type, fields, row_to_json(e)::text as row from audit_event e where action = 'create' and subject_id = ?`,
      [created.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.subject_type).toBe('ContactPerson');
    // The fields the record got (country FI is the default, so it did not change).
    expect(events[0]!.fields).toEqual(
      ['city', 'customerId', 'email', 'id', 'name', 'phone', 'position', 'postalCode', 'roleInCompany', 'streetAddress'].sort(),
    );
    expect(events[0]!.row).not.toMatch(/Lindholm|123 ?4567|Teollisuuskatu/);
  });

  it('service updates a contact person: only changed fields are audited', async () => {
    const service = await as('service');
    const result = await service.gql<{ updateContactPerson: { position: string; email: string } }>(
      'mutation($id: ID!) { updateContactPerson(id: $id, position: "Talousjohtaja", email: "laura.lindholm@testiyhtio.fi") { position email } }',
      { id: personId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateContactPerson).toEqual({ position: 'Talousjohtaja', email: 'laura.lindholm@testiyhtio.fi' });
    const [event] = await sql<{ fields: string[] }>(
      app,
      `select fields from audit_event where action = 'update' and subject_id = ? order by seq desc limit 1`,
      [personId],
    );
    expect(event!.fields).toEqual(['position']);
  });

  it('service may not set or change the source of the data (dpo only)', async () => {
    const service = await as('service');
    const result = await expectNothingWritten(() =>
      service.gql('mutation($id: ID!) { updateContactPerson(id: $id, sourceType: DATA_SUBJECT, sourcePartner: null) { id } }', { id: personId }),
    );
    expect(onlyError(result, 'FORBIDDEN').extensions?.field).toBe('sourceType');
    const created = await expectNothingWritten(() =>
      service.gql('mutation($c: ID) { createContactPerson(customerId: $c, name: "Lähde Asetettu", sourceType: SERVICE_DELIVERY) { id } }', { c: companyId }),
    );
    expect(onlyError(created, 'FORBIDDEN').extensions?.field).toBe('sourceType');
  });

  for (const role of NON_WRITERS) {
    it(`${role} may not create, change or delete a contact person`, async () => {
      const client = await as(role);
      const before = await personRow(personId);
      const created = await expectNothingWritten(() =>
        client.gql('mutation($c: ID) { createContactPerson(customerId: $c, name: "Ei Oikeutta") { id } }', { c: companyId }),
      );
      onlyError(created, 'FORBIDDEN');
      const updated = await expectNothingWritten(() =>
        client.gql('mutation($id: ID!) { updateContactPerson(id: $id, name: "Ei Oikeutta") { id } }', { id: personId }),
      );
      onlyError(updated, 'FORBIDDEN');
      const deleted = await expectNothingWritten(() => client.gql('mutation($id: ID!) { deleteContactPerson(id: $id) { id } }', { id: personId }));
      onlyError(deleted, 'FORBIDDEN');
      expect(await personRow(personId)).toBe(before);
    });
  }

  it('the company of a contact person is set once: there is no argument to move them', async () => {
    const service = await as('service');
    const result = await service.gql('mutation($id: ID!, $c: ID) { updateContactPerson(id: $id, customerId: $c) { id } }', { id: personId, c: companyId });
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('service and dpo delete contact persons; the deletion is audited', async () => {
    for (const role of ['service', 'dpo']) {
      const client = await as(role);
      const created = await client.gql<{ createContactPerson: { id: string } }>(
        'mutation($c: ID) { createContactPerson(customerId: $c, name: "Poistettava Henkilö") { id } }',
        { c: companyId },
      );
      const id = created.data!.createContactPerson.id;
      const result = await client.gql<{ deleteContactPerson: { id: string; name: string } }>(
        'mutation($id: ID!) { deleteContactPerson(id: $id) { id name } }',
        { id },
      );
      expect(result.errors, role).toBeUndefined();
      expect(result.data!.deleteContactPerson).toEqual({ id, name: 'Poistettava Henkilö' });
      expect(await countRows(app, 'contact_person', 'id = ?', [id])).toBe(0);
      expect(await countRows(app, 'audit_event', "action = 'delete' and subject_type = 'ContactPerson' and subject_id = ?", [id])).toBe(1);
    }
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  const create = async (args: string, variables: Record<string, unknown> = {}, declarations = '') => {
    const client = await as('dpo');
    return client.gql(`mutation($c: ID${declarations}) { createContactPerson(customerId: $c, ${args}) { id } }`, { c: companyId, ...variables });
  };
  const CASES: { name: string; field: string; run: () => Promise<GraphQLResponse<unknown>>; message?: RegExp }[] = [
    {
      name: 'a private customer',
      field: 'customerId',
      run: async () => (await as('service')).gql('mutation($c: ID) { createContactPerson(customerId: $c, name: "Väärä Asiakas") { id } }', { c: privateCustomerId }),
      message: /business customers only/,
    },
    {
      name: 'a customer that does not exist',
      field: 'customerId',
      run: async () =>
        (await as('service')).gql('mutation { createContactPerson(customerId: "6f9619ff-8b86-4d01-b42d-00c04fc964ff", name: "Ei Yritystä") { id } }'),
    },
    { name: 'no customer', field: 'customerId', run: async () => (await as('service')).gql('mutation { createContactPerson(name: "Ei Yritystä") { id } }') },
    { name: 'no name', field: 'name', run: () => create('email: "nimeton@example.fi"') },
    { name: 'a name of 201 characters', field: 'name', run: () => create('name: $n', { n: 'a'.repeat(201) }, ', $n: String'), message: /at most 200/ },
    { name: 'an e-mail address without a domain', field: 'email', run: () => create('name: "Posti Rikki", email: "laura@"') },
    { name: 'a phone number with letters', field: 'phone', run: () => create('name: "Puhelin Rikki", phone: "050-ABC"') },
    { name: 'a Finnish postal code of three digits', field: 'postalCode', run: () => create('name: "Postinumero Rikki", postalCode: "005"') },
    { name: 'a country in lower case', field: 'country', run: () => create('name: "Maa Rikki", country: "fi"') },
    { name: 'a role of 201 characters', field: 'roleInCompany', run: () => create('name: "Rooli Pitkä", roleInCompany: $r', { r: 'x'.repeat(201) }, ', $r: String') },
    { name: 'a position with a line break', field: 'position', run: () => create('name: "Asema Rikki", position: $p', { p: 'Talous\npäällikkö' }, ', $p: String') },
    { name: 'a partner source without the partner', field: 'sourcePartner', run: () => create('name: "Kumppani Puuttuu", sourceType: PARTNER') },
    { name: 'a partner named for a non-partner source', field: 'sourcePartner', run: () => create('name: "Kumppani Turha", sourcePartner: "Posti Oy"') },
    { name: 'collected in the future', field: 'collectedAt', run: () => create('name: "Tulevaisuus", collectedAt: "2999-01-01T00:00:00Z"') },
    { name: 'an unknown source', field: 'sourceType', run: () => create('name: "Outo Lähde", sourceType: GOSSIP') },
    { name: 'a search of two characters', field: 'filter.q', run: async () => (await as('service')).gql('{ allContactPersons(filter: { q: "la" }) { id } }') },
    { name: 'a customer filter that is not an id', field: 'filter.customerId', run: async () => (await as('service')).gql('{ allContactPersons(filter: { customerId: "x" }) { id } }') },
    { name: 'an unknown sort field', field: 'sortField', run: async () => (await as('service')).gql('{ allContactPersons(sortField: "shoeSize") { id } }') },
  ];
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const result = await expectNothingWritten(testCase.run);
      const error = expectBadInput(result, testCase.field);
      if (testCase.message) expect(error.message).toMatch(testCase.message);
    });
  }

  it('an update with several problems names them all and changes nothing', async () => {
    const service = await as('service');
    const before = await personRow(personId);
    const result = await expectNothingWritten(() =>
      service.gql('mutation($id: ID!) { updateContactPerson(id: $id, name: "Hyvä Nimi", email: "rikki", phone: "12", postalCode: "1") { id } }', {
        id: personId,
      }),
    );
    const error = expectBadInput(result, 'email');
    expect((error.extensions?.problems as { field: string }[]).map((p) => p.field)).toEqual(['email', 'phone', 'postalCode']);
    expect(await personRow(personId)).toBe(before);
  });

  it('an unknown contact person is NOT_FOUND', async () => {
    const service = await as('service');
    const result = await service.gql('mutation { updateContactPerson(id: "6f9619ff-8b86-4d01-b42d-00c04fc964ff", name: "Kuka") { id } }');
    onlyError(result, 'NOT_FOUND');
  });

  it('a search by phone number finds the person by the digits in international form', async () => {
    const service = await as('service');
    const result = await service.gql<{ allContactPersons: { id: string }[] }>('{ allContactPersons(filter: { q: "050 123 4567" }) { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.allContactPersons.map((p) => p.id)).toContain(personId);
  });
});
