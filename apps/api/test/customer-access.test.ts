import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  CUSTOMER_FIELDS,
  customerRow,
  errorAt,
  onlyError,
  sql,
  uniqueBusinessId,
  uniquePersonalIdentityNumber,
} from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * PRODUCT.md's matrix ("Who reads and writes a customer's fields") through the real server:
 * every role asks for every Customer field, and exactly the fields its column allows come back.
 */
const ID = ['id'];
const NAME_KIND_STATUS = ['name', 'kind', 'status'];
const CONTACT = ['email', 'phone'];
const ADDRESS = ['streetAddress', 'postalCode', 'city', 'country'];
const DATE_OF_BIRTH = ['dateOfBirth'];
const PIN_FULL = ['personalIdentityNumber'];
const PIN_MASKED = ['personalIdentityNumberMasked'];
const BUSINESS_ID = ['businessId'];
const SOURCE = ['sourceType', 'sourcePartner', 'collectedAt'];
const RECORD_TIMES = ['relationshipEndedAt', 'createdAt', 'updatedAt'];
const EVERYTHING = [
  ...ID, ...NAME_KIND_STATUS, ...CONTACT, ...ADDRESS, ...DATE_OF_BIRTH, ...PIN_FULL, ...PIN_MASKED, ...BUSINESS_ID, ...SOURCE, ...RECORD_TIMES,
];

const READS: Record<'service' | 'sales' | 'billing' | 'marketing' | 'dpo', string[]> = {
  service: [...ID, ...NAME_KIND_STATUS, ...CONTACT, ...ADDRESS, ...DATE_OF_BIRTH, ...PIN_MASKED, ...BUSINESS_ID, ...SOURCE, ...RECORD_TIMES],
  sales: [...ID, ...NAME_KIND_STATUS, ...CONTACT, ...ADDRESS, ...PIN_MASKED, ...BUSINESS_ID, ...SOURCE, ...RECORD_TIMES],
  billing: EVERYTHING,
  marketing: [...ID, ...NAME_KIND_STATUS, ...CONTACT, ...ADDRESS, ...BUSINESS_ID],
  dpo: EVERYTHING,
};
const READERS = Object.keys(READS) as (keyof typeof READS)[];
const NON_READERS = ['analyst', 'admin'] as const;

const ALL = CUSTOMER_FIELDS.join(' ');
type Row = Record<string, unknown>;

let app: TestApp;
let privateId: string;
let businessId: string;
let fixturePin: string;
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

beforeAll(async () => {
  app = await startTestApp({ customers: 20 });
  const dpo = await as('dpo');
  fixturePin = uniquePersonalIdentityNumber().value;
  // Every field filled: a private customer whose relationship has ended, from a partner register…
  const person = await dpo.gql<{ createCustomer: { id: string } }>(
    `mutation($pin: String) {
      createCustomer(kind: PRIVATE, name: "Täysi Testihenkilö", personalIdentityNumber: $pin, email: "taysi@example.fi",
        phone: "040 123 9876", streetAddress: "Testikatu 1", postalCode: "00100", city: "HELSINKI", country: "FI",
        status: TERMINATED, sourceType: PARTNER, sourcePartner: "Posti Oy kumppanirekisteri") { id }
    }`,
    { pin: fixturePin },
  );
  expect(person.errors).toBeUndefined();
  privateId = person.data!.createCustomer.id;
  // …and a business customer with its business ID.
  const company = await dpo.gql<{ createCustomer: { id: string } }>(
    `mutation($bid: String) { createCustomer(kind: BUSINESS, name: "Testiyhtiö Oy", businessId: $bid, email: "info@testiyhtio.fi") { id } }`,
    { bid: uniqueBusinessId() },
  );
  expect(company.errors).toBeUndefined();
  businessId = company.data!.createCustomer.id;
  const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), {
    partner: 'Posti Oy',
    label: 'deliveries',
    scopes: ['delivery'],
    createdBy: null,
  });
  delivery = app.partner(key);
});
afterAll(() => app?.close());

/** Readable fields: no error. Denied fields: null with a FORBIDDEN error at exactly that path. */
function checkRow(result: GraphQLResponse<unknown>, row: Row, path: (string | number)[], readable: string[]) {
  for (const field of CUSTOMER_FIELDS) {
    const error = errorAt(result, [...path, field]);
    if (readable.includes(field)) {
      expect(error, `${field} should be readable`).toBeUndefined();
    } else {
      expect(row[field], `${field} should be denied`).toBeNull();
      expect(error?.extensions?.code, `${field} should be denied with FORBIDDEN`).toBe('FORBIDDEN');
    }
  }
}

describe('reading customers, role by role', () => {
  it('the fixed field groups are exactly the fields of Customer', () => {
    expect([...EVERYTHING].sort()).toEqual([...CUSTOMER_FIELDS].sort());
  });

  // Marketing reads a customer only while its permissions allow, each contact field only for its
  // channel (promise 6): marketing-access.test.ts checks its rows and fields against the ledger.
  for (const role of READERS.filter((r) => r !== 'marketing')) {
    it(`${role}: allCustomers returns every row, with exactly the fields of its column`, async () => {
      const client = await as(role);
      const total = await countRows(app, 'customer');
      const result = await client.gql<{ allCustomers: Row[] }>(`{ allCustomers(perPage: 500) { ${ALL} } }`);
      const rows = result.data?.allCustomers ?? [];
      // A denial nulls the field alone: every row is there.
      expect(rows).toHaveLength(total);
      rows.forEach((row, index) => checkRow(result, row, ['allCustomers', index], READS[role]));
      const denied = CUSTOMER_FIELDS.filter((field) => !READS[role].includes(field));
      expect(result.errors ?? []).toHaveLength(denied.length * rows.length);
      for (const field of READS[role]) {
        expect(rows.some((row) => row[field] !== null), `${field} should have values for ${role}`).toBe(true);
      }
    });

    it(`${role}: Customer(id) returns the fully filled record with exactly the fields of its column`, async () => {
      const client = await as(role);
      const result = await client.gql<{ Customer: Row }>(`query($id: ID!) { Customer(id: $id) { ${ALL} } }`, { id: privateId });
      const row = result.data!.Customer;
      expect(row.id).toBe(privateId);
      checkRow(result, row, ['Customer'], READS[role]);
      for (const field of READS[role].filter((f) => f !== 'businessId')) {
        expect(row[field], `${field} for ${role}`).not.toBeNull();
      }
      if (READS[role].includes('personalIdentityNumber')) expect(row.personalIdentityNumber).toBe(fixturePin);
      if (READS[role].includes('personalIdentityNumberMasked')) {
        expect(row.personalIdentityNumberMasked).toBe(`${fixturePin.slice(0, 7)}****`);
      }
      const company = await client.gql<{ Customer: Row }>(`query($id: ID!) { Customer(id: $id) { id businessId } }`, { id: businessId });
      expect(company.errors).toBeUndefined();
      expect(company.data!.Customer.businessId).toMatch(/^\d{7}-\d$/);
    });
  }

  // Signed-in callers without the right are FORBIDDEN; callers without a session are told to sign in.
  const refused: [string, () => Client | Promise<Client>, string][] = [
    ...NON_READERS.map((role): [string, () => Promise<Client>, string] => [role, () => as(role), 'FORBIDDEN']),
    ['anonymous', () => app.anonymous(), 'UNAUTHENTICATED'],
    ['partner with scope delivery', () => delivery, 'FORBIDDEN'],
  ];
  for (const [who, client, code] of refused) {
    it(`${who}: every customer query is ${code} as a whole`, async () => {
      const c = await client();
      const list = await c.gql(`{ allCustomers { ${ALL} } }`);
      expect(list.data).toBeNull();
      expect(onlyError(list, code).path).toEqual(['allCustomers']);

      const one = await c.gql(`query($id: ID!) { Customer(id: $id) { ${ALL} } }`, { id: privateId });
      expect(one.data).toEqual({ Customer: null });
      expect(onlyError(one, code).path).toEqual(['Customer']);

      const meta = await c.gql('{ _allCustomersMeta { count } }');
      expect(onlyError(meta, code).path).toEqual(['_allCustomersMeta']);
    });
  }

  it('the partner key really authenticates (its refusal is about rights, not the key)', async () => {
    const me = await delivery.gql<{ me: { kind: string; scopes: string[] } }>('{ me { kind scopes } }');
    expect(me.data?.me).toEqual({ kind: 'partner', scopes: ['delivery'] });
  });
});

describe('writing customers', () => {
  /** Every argument of updateCustomer with its GraphQL type and a valid value. */
  const WRITABLE: Record<string, [string, unknown]> = {
    kind: ['CustomerKind', 'PRIVATE'],
    name: ['String', 'Uusi Nimi'],
    dateOfBirth: ['LocalDate', '1980-05-31'],
    personalIdentityNumber: ['String', uniquePersonalIdentityNumber().value],
    businessId: ['String', null],
    email: ['String', 'uusi@example.fi'],
    phone: ['String', '040 555 1212'],
    streetAddress: ['String', 'Uusikatu 5'],
    postalCode: ['String', '33100'],
    city: ['String', 'TAMPERE'],
    country: ['String', 'FI'],
    status: ['CustomerStatus', 'ACTIVE'],
    sourceType: ['DataSource', 'DATA_SUBJECT'],
    sourcePartner: ['String', null],
  };

  async function aFreshCustomer(): Promise<string> {
    const service = await as('service');
    const result = await service.gql<{ createCustomer: { id: string } }>(
      'mutation { createCustomer(kind: PRIVATE, name: "Kirjoitus Testi", phone: "0401112233") { id } }',
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createCustomer.id;
  }

  it('service can update the phone number', async () => {
    const id = await aFreshCustomer();
    const service = await as('service');
    const result = await service.gql<{ updateCustomer: { phone: string } }>(
      'mutation($id: ID!) { updateCustomer(id: $id, phone: "040 765 4321") { phone } }',
      { id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateCustomer.phone).toBe('+358407654321');
    const [row] = await sql<{ phone: string }>(app, 'select phone from customer where id = ?', [id]);
    expect(row?.phone).toBe('+358407654321');
  });

  for (const [field, [type, value]] of Object.entries(WRITABLE)) {
    it(`sales cannot change ${field}: FORBIDDEN naming the field, nothing written`, async () => {
      const sales = await as('sales');
      const before = await customerRow(app, privateId);
      const result = await sales.gql(
        `mutation($id: ID!, $value: ${type}) { updateCustomer(id: $id, ${field}: $value) { id } }`,
        { id: privateId, value },
      );
      const error = onlyError(result, 'FORBIDDEN');
      expect(error.extensions?.field).toBe(field);
      expect(error.message).toContain(field);
      expect(result.data).toEqual({ updateCustomer: null });
      expect(await customerRow(app, privateId)).toBe(before);
    });
  }

  it('sales cannot create a customer either', async () => {
    const sales = await as('sales');
    const before = await countRows(app, 'customer');
    const result = await sales.gql('mutation { createCustomer(kind: PRIVATE, name: "Myyjän Asiakas") { id } }');
    expect(onlyError(result, 'FORBIDDEN').extensions?.field).toBe('kind');
    expect(await countRows(app, 'customer')).toBe(before);
  });

  it('service may set the identity number on create, but not change it later', async () => {
    const service = await as('service');
    const pin = uniquePersonalIdentityNumber();
    const created = await service.gql<{ createCustomer: { id: string; personalIdentityNumberMasked: string; dateOfBirth: string } }>(
      'mutation($pin: String) { createCustomer(kind: PRIVATE, name: "Henkilötunnus Asetettu", personalIdentityNumber: $pin) { id personalIdentityNumberMasked dateOfBirth } }',
      { pin: pin.value },
    );
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createCustomer;
    expect(created.data!.createCustomer.personalIdentityNumberMasked).toBe(`${pin.value.slice(0, 7)}****`);
    expect(created.data!.createCustomer.dateOfBirth).toBe(pin.dateOfBirth);

    const billing = await as('billing');
    const stored = await billing.gql<{ Customer: { personalIdentityNumber: string } }>(
      'query($id: ID!) { Customer(id: $id) { personalIdentityNumber } }',
      { id },
    );
    expect(stored.data?.Customer.personalIdentityNumber).toBe(pin.value);

    const before = await customerRow(app, id);
    const change = await service.gql(
      'mutation($id: ID!, $pin: String) { updateCustomer(id: $id, personalIdentityNumber: $pin) { id } }',
      { id, pin: uniquePersonalIdentityNumber().value },
    );
    const error = onlyError(change, 'FORBIDDEN');
    expect(error.extensions?.field).toBe('personalIdentityNumber');
    expect(await customerRow(app, id)).toBe(before);
  });

  it('billing can change the identity number', async () => {
    const id = await aFreshCustomer();
    const billing = await as('billing');
    const pin = uniquePersonalIdentityNumber();
    const result = await billing.gql<{ updateCustomer: { personalIdentityNumber: string; personalIdentityNumberMasked: string } }>(
      'mutation($id: ID!, $pin: String) { updateCustomer(id: $id, personalIdentityNumber: $pin) { personalIdentityNumber personalIdentityNumberMasked } }',
      { id, pin: pin.value },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateCustomer).toEqual({
      personalIdentityNumber: pin.value,
      personalIdentityNumberMasked: `${pin.value.slice(0, 7)}****`,
    });
  });

  it('deleteCustomer: service is refused and pointed to erasure; the record stays', async () => {
    const id = await aFreshCustomer();
    const service = await as('service');
    const result = await service.gql('mutation($id: ID!) { deleteCustomer(id: $id) { id } }', { id });
    const error = onlyError(result, 'FORBIDDEN');
    expect(error.message).toMatch(/erasure/i);
    expect(await countRows(app, 'customer', 'id = ?', [id])).toBe(1);
  });

  it('deleteCustomer: dpo deletes a customer entered by mistake', async () => {
    const id = await aFreshCustomer();
    const dpo = await as('dpo');
    const result = await dpo.gql<{ deleteCustomer: { id: string; name: string } }>(
      'mutation($id: ID!) { deleteCustomer(id: $id) { id name } }',
      { id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteCustomer).toEqual({ id, name: 'Kirjoitus Testi' });
    expect(await countRows(app, 'customer', 'id = ?', [id])).toBe(0);
    expect(await countRows(app, 'audit_event', "action = 'delete' and subject_id = ?", [id])).toBe(1);
  });
});

describe('filters and sorting are reads', () => {
  it('marketing may not filter by the source (a field it cannot read)', async () => {
    const marketing = await as('marketing');
    const result = await marketing.gql('{ allCustomers(filter: { sourceType: PARTNER }) { id } }');
    expect(result.data).toBeNull();
    const error = onlyError(result, 'FORBIDDEN');
    expect(error.extensions?.field).toBe('filter.sourceType');
    expect(error.message).toContain('sourceType');
  });

  it('marketing may not sort by a field it cannot read', async () => {
    const marketing = await as('marketing');
    const result = await marketing.gql('{ allCustomers(sortField: "createdAt") { id } }');
    expect(onlyError(result, 'FORBIDDEN').extensions?.field).toBe('sortField');
  });

  it('the same filter is allowed for a role that reads the field', async () => {
    const sales = await as('sales');
    const result = await sales.gql<{ allCustomers: { id: string; sourceType: string }[] }>(
      '{ allCustomers(filter: { sourceType: PARTNER }, perPage: 500) { id sourceType } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.allCustomers.map((c) => c.id)).toContain(privateId);
    expect(result.data!.allCustomers.every((c) => c.sourceType === 'PARTNER')).toBe(true);
  });

  it('marketing may search by name (it reads name, e-mail and phone)', async () => {
    const marketing = await as('marketing');
    const result = await marketing.gql<{ allCustomers: { id: string }[] }>('{ allCustomers(filter: { q: "testihenkilö" }) { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.allCustomers.map((c) => c.id)).toEqual([privateId]);
  });
});

describe('introspection', () => {
  const query = '{ __schema { queryType { name } } }';

  it('is refused for anonymous callers', async () => {
    const result = await app.anonymous().gql(query);
    expect(result.data ?? null).toBeNull();
    expect(onlyError(result, 'FORBIDDEN').message).toMatch(/staff/);
  });

  it('is refused for partner keys', async () => {
    const result = await delivery.gql('{ __type(name: "Customer") { name } }');
    expect(result.data ?? null).toBeNull();
    onlyError(result, 'FORBIDDEN');
  });

  it('is allowed for signed-in staff, whatever the role', async () => {
    for (const role of ['service', 'analyst']) {
      const result = await (await as(role)).gql<{ __schema: { queryType: { name: string } } }>(query);
      expect(result.errors, role).toBeUndefined();
      expect(result.data?.__schema.queryType.name).toBe('Query');
    }
  });
});
