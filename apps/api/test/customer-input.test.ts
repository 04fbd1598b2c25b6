import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-chain.js';
import {
  countRows,
  customerRow,
  expectBadInput,
  onlyError,
  sql,
  uniqueBusinessId,
  uniquePersonalIdentityNumber,
} from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Bad input gets a clear error in the user's terms (BAD_USER_INPUT, the field named in
 * `extensions.field` and first in the message) and changes nothing.
 */
let app: TestApp;
let service: Client;
let billing: Client;
let existingPin: string;
let existingBusinessId: string;
let privateId: string;
let companyId: string;

/** What a refused request must leave untouched. */
async function writes() {
  const [row] = await sql<{ customers: string; changes: string; fingerprint: string }>(
    app,
    `select (select count(*) from customer)::text as customers,
            (select count(*) from audit_event where action in ('create', 'update', 'delete'))::text as changes,
            (select md5(coalesce(string_agg(row_to_json(c)::text, ',' order by id), '')) from customer c) as fingerprint`,
  );
  return row;
}

async function expectNothingWritten(run: () => Promise<GraphQLResponse<unknown>>): Promise<GraphQLResponse<unknown>> {
  const before = await writes();
  const result = await run();
  expect(await writes()).toEqual(before);
  return result;
}

beforeAll(async () => {
  app = await startTestApp({ customers: 10 });
  service = await app.as('service');
  billing = await app.as('billing');
  existingPin = uniquePersonalIdentityNumber().value;
  existingBusinessId = uniqueBusinessId();
  const person = await service.gql<{ createCustomer: { id: string } }>(
    'mutation($pin: String) { createCustomer(kind: PRIVATE, name: "Olemassa Oleva", personalIdentityNumber: $pin, email: "olemassa@example.fi", phone: "0401234000") { id } }',
    { pin: existingPin },
  );
  expect(person.errors).toBeUndefined();
  privateId = person.data!.createCustomer.id;
  const company = await service.gql<{ createCustomer: { id: string } }>(
    'mutation($bid: String) { createCustomer(kind: BUSINESS, name: "Olemassa Oy", businessId: $bid) { id } }',
    { bid: existingBusinessId },
  );
  expect(company.errors).toBeUndefined();
  companyId = company.data!.createCustomer.id;
});
afterAll(() => app?.close());

const create = (args: string, variables?: Record<string, unknown>, declarations = '') =>
  service.gql(`mutation${declarations ? `(${declarations})` : ''} { createCustomer(${args}) { id } }`, variables);

interface Case {
  name: string;
  field: string;
  run: () => Promise<GraphQLResponse<unknown>>;
  message?: RegExp;
  /** The case checks itself that its record is unchanged (it creates one first). */
  checksItself?: boolean;
}

const CASES: Case[] = [
  {
    name: 'identity number with a wrong check character',
    field: 'personalIdentityNumber',
    run: () => create('kind: PRIVATE, name: "Väärä Tarkiste", personalIdentityNumber: "131052-308U"'),
    message: /check character should be T/,
  },
  {
    name: 'identity number of a date that does not exist (31 February)',
    field: 'personalIdentityNumber',
    run: () => create('kind: PRIVATE, name: "Mahdoton Päivä", personalIdentityNumber: "310223A002X"'),
  },
  {
    name: 'date of birth that does not exist, inline',
    field: 'dateOfBirth',
    run: () => create('kind: PRIVATE, name: "Mahdoton Päivä", dateOfBirth: "2023-02-30"'),
    message: /2023-02-30/,
  },
  {
    name: 'date of birth that does not exist, in a variable',
    field: 'dateOfBirth',
    run: () => create('kind: PRIVATE, name: "Mahdoton Päivä", dateOfBirth: $d', { d: '2023-02-30' }, '$d: LocalDate'),
    message: /2023-02-30/,
  },
  {
    name: 'invalid business ID (Y-tunnus check digit)',
    field: 'businessId',
    run: () => create('kind: BUSINESS, name: "Väärä Oy", businessId: "1234567-8"'),
  },
  {
    name: 'business ID on a PRIVATE customer',
    field: 'businessId',
    run: () => create('kind: PRIVATE, name: "Yksityinen Henkilö", businessId: $b', { b: uniqueBusinessId() }, '$b: String'),
    message: /business customers/,
  },
  {
    name: 'unknown enum value, inline literal',
    field: 'kind',
    run: () => create('kind: ALIEN, name: "Outo Tyyppi"'),
    message: /ALIEN/,
  },
  {
    name: 'unknown enum value, in a variable',
    field: 'kind',
    run: () => create('kind: $k, name: "Outo Tyyppi"', { k: 'ALIEN' }, '$k: CustomerKind'),
    message: /ALIEN/,
  },
  {
    name: 'unknown enum value in a filter, inline literal',
    field: 'filter.status',
    run: () => service.gql('{ allCustomers(filter: { status: GONE }) { id } }'),
  },
  {
    name: 'name of 201 characters',
    field: 'name',
    run: () => create('kind: PRIVATE, name: $n', { n: 'a'.repeat(201) }, '$n: String'),
    message: /at most 200/,
  },
  {
    name: 'e-mail address without a domain',
    field: 'email',
    run: () => create('kind: PRIVATE, name: "Posti Puuttuu", email: "aino.korhonen@"'),
  },
  {
    name: 'phone number with letters',
    field: 'phone',
    run: () => create('kind: PRIVATE, name: "Puhelin Rikki", phone: "040-ABC-123"'),
  },
  {
    name: 'Finnish postal code of three digits',
    field: 'postalCode',
    run: () => create('kind: PRIVATE, name: "Postinumero Rikki", postalCode: "001"'),
  },
  {
    name: 'search of two characters',
    field: 'filter.q',
    run: () => service.gql('{ allCustomers(filter: { q: "ai" }) { id } }'),
    message: /at least 3/,
  },
  {
    name: 'perPage 0',
    field: 'perPage',
    run: () => service.gql('{ allCustomers(perPage: 0) { id } }'),
  },
  {
    name: 'perPage 501',
    field: 'perPage',
    run: () => service.gql('{ allCustomers(perPage: 501) { id } }'),
  },
  {
    name: 'unknown sort field',
    field: 'sortField',
    run: () => service.gql('{ allCustomers(sortField: "favouriteColour") { id } }'),
    message: /favouriteColour/,
  },
  {
    name: 'an identity number another customer has',
    field: 'personalIdentityNumber',
    run: () => create('kind: PRIVATE, name: "Kaksoisolento", personalIdentityNumber: $p', { p: existingPin }, '$p: String'),
    message: /another customer/,
  },
  {
    name: 'a business ID another customer has',
    field: 'businessId',
    run: () => create('kind: BUSINESS, name: "Kopio Oy", businessId: $b', { b: existingBusinessId }, '$b: String'),
    message: /another customer/,
  },
  {
    name: 'an identity number another customer has, given on update',
    field: 'personalIdentityNumber',
    checksItself: true,
    run: async () => {
      const other = await create('kind: PRIVATE, name: "Toinen Henkilö"');
      const id = (other.data as { createCustomer: { id: string } }).createCustomer.id;
      const before = await customerRow(app, id);
      const result = await billing.gql('mutation($id: ID!, $p: String) { updateCustomer(id: $id, personalIdentityNumber: $p) { id } }', {
        id,
        p: existingPin,
      });
      expect(await customerRow(app, id)).toBe(before);
      return result;
    },
  },
];

describe('bad input is refused with the field named, and nothing is written', () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const result = testCase.checksItself ? await testCase.run() : await expectNothingWritten(testCase.run);
      const error = expectBadInput(result, testCase.field);
      if (testCase.message) expect(error.message).toMatch(testCase.message);
    });
  }

  it('a change with several problems names them all and changes nothing', async () => {
    const before = await customerRow(app, privateId);
    const result = await expectNothingWritten(() =>
      service.gql('mutation($id: ID!) { updateCustomer(id: $id, name: "Hyvä Nimi", email: "rikki", phone: "12", postalCode: "1") { id } }', {
        id: privateId,
      }),
    );
    const error = expectBadInput(result, 'email');
    const problems = (error.extensions?.problems as { field: string }[]).map((p) => p.field);
    expect(problems).toEqual(['email', 'phone', 'postalCode']);
    expect(await customerRow(app, privateId)).toBe(before);
  });

  it('a business customer cannot be given an identity number on update', async () => {
    const result = await expectNothingWritten(() =>
      billing.gql('mutation($id: ID!, $p: String) { updateCustomer(id: $id, personalIdentityNumber: $p) { id } }', {
        id: companyId,
        p: uniquePersonalIdentityNumber().value,
      }),
    );
    expectBadInput(result, 'personalIdentityNumber');
  });

  it('good input after all that is still accepted (the cases above fail for their reason alone)', async () => {
    const pin = uniquePersonalIdentityNumber();
    const result = await service.gql<{ createCustomer: { email: string; phone: string; postalCode: string; dateOfBirth: string } }>(
      `mutation($p: String) { createCustomer(kind: PRIVATE, name: "${'a'.repeat(200)}", personalIdentityNumber: $p,
        email: "aino.korhonen@example.fi", phone: "040-123 4567", postalCode: "00100") { email phone postalCode dateOfBirth } }`,
      { p: pin.value },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createCustomer).toEqual({
      email: 'aino.korhonen@example.fi',
      phone: '+358401234567',
      postalCode: '00100',
      dateOfBirth: pin.dateOfBirth,
    });
  });
});

describe('a failure half-way writes nothing', () => {
  const SECRET_WORDS = /boom|audit_append|insert|update|select|plpgsql|at .*\.(ts|js):\d+|Error:/i;

  async function withBrokenAudit(work: () => Promise<void>) {
    const [saved] = await sql<{ definition: string }>(
      app,
      "select pg_get_functiondef('audit_append(jsonb)'::regprocedure) as definition",
    );
    expect(saved?.definition).toMatch(/create or replace function/i);
    await sql(app, "create or replace function audit_append(events jsonb) returns void language plpgsql as $$ begin raise exception 'boom'; end $$");
    try {
      await work();
    } finally {
      await sql(app, saved!.definition);
    }
  }

  function expectInternalError(result: GraphQLResponse<unknown>) {
    const error = onlyError(result, 'INTERNAL_SERVER_ERROR');
    expect(error.message).not.toMatch(SECRET_WORDS);
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(error.extensions?.exception).toBeUndefined();
    expect(Object.keys(error.extensions ?? {})).toEqual(['code']);
  }

  it('createCustomer and updateCustomer fail cleanly when the audit cannot be written, and leave no trace', async () => {
    const before = await customerRow(app, privateId);
    const name = 'Puolivälissä Kaatunut';
    await withBrokenAudit(async () => {
      const created = await expectNothingWritten(() =>
        service.gql(`mutation { createCustomer(kind: PRIVATE, name: "${name}", phone: "0407770000") { id } }`),
      );
      expectInternalError(created);
      expect(await countRows(app, 'customer', 'name = ?', [name])).toBe(0);

      const updated = await expectNothingWritten(() =>
        service.gql('mutation($id: ID!) { updateCustomer(id: $id, phone: "0407770001", city: "OULU") { id } }', { id: privateId }),
      );
      expectInternalError(updated);
      expect(await customerRow(app, privateId)).toBe(before);

      // Accountability first: a read that cannot be recorded is not shown either.
      const read = await service.gql('query($id: ID!) { Customer(id: $id) { name email } }', { id: privateId });
      expectInternalError(read);
      expect(read.data ?? null).toBeNull();
      expect(JSON.stringify(read)).not.toContain('Olemassa Oleva');
    });

    // Restored, the same change goes through and the chain is whole.
    const updated = await service.gql<{ updateCustomer: { phone: string } }>(
      'mutation($id: ID!) { updateCustomer(id: $id, phone: "0407770001") { phone } }',
      { id: privateId },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateCustomer.phone).toBe('+358407770001');
    expect((await verifyAuditChain(app.orm.em.fork())).ok).toBe(true);
  });
});
