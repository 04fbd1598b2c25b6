import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numbered, statement } from '../src/db/sql.js';
import { sql } from './support/helpers.js';
import { startTestApp, type Client, type TestApp } from './support/test-app.js';

/**
 * The customer read model (customer.reads.ts): a customer with its contracts and SIM cards, and a
 * page of customers with their contracts, each read in one prepared statement as JSON. What it
 * returns must be exactly what the ORM path returns for the same records.
 */
const CUSTOMER = `id kind name dateOfBirth personalIdentityNumber personalIdentityNumberMasked businessId email phone
  streetAddress postalCode city country status sourceType sourcePartner collectedAt relationshipEndedAt createdAt updatedAt`;
const CONTRACT = 'id contractNumber customerId status startDate endDate sourceType sourcePartner collectedAt createdAt updatedAt monthlyValueCents';
const SIM = 'id contractId customerId iccid phoneNumber status activatedAt closedAt sourceType sourcePartner collectedAt createdAt updatedAt';

let app: TestApp;
let service: Client;
let dpo: Client;
const statements: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ customers: 40, contents: true, onQuery: (text) => statements.push(text) });
  service = await app.as('service');
  dpo = await app.as('dpo');
});
afterAll(() => app?.close());

async function counted<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  statements.length = 0;
  const result = await run();
  return { result, statements: statements.length };
}

describe('customer by id with contracts and SIM cards', () => {
  it('returns every field exactly as the ORM path does', async () => {
    const owners = await sql<{ id: string }>(
      app,
      `select c.id from customer c where (select count(*) from sim_card s where s.customer_id = c.id) >= 1 order by c.id limit 5`,
    );
    expect(owners.length).toBeGreaterThan(0);
    for (const { id } of owners) {
      const fast = await dpo.gql<{ Customer: Record<string, unknown> & { contracts: Record<string, unknown>[] } }>(
        `query ($id: ID!) { Customer(id: $id) { ${CUSTOMER} contracts { ${CONTRACT} simCards { ${SIM} } } } }`,
        { id },
      );
      expect(fast.errors).toBeUndefined();
      // The ORM path: the customer as an update that changes nothing returns it (a managed entity),
      // its contracts and their SIM cards through the contract list.
      const { contracts, ...customer } = fast.data!.Customer;
      const entity = await dpo.gql<{ updateCustomer: Record<string, unknown> }>(
        `mutation ($id: ID!, $city: String) { updateCustomer(id: $id, city: $city) { ${CUSTOMER} } }`,
        { id, city: customer.city },
      );
      expect(entity.errors).toBeUndefined();
      expect(customer).toEqual(entity.data!.updateCustomer);
      const orm = await dpo.gql<{ allContracts: (Record<string, unknown> & { simCards: unknown[] })[] }>(
        `query ($id: ID!) { allContracts(filter: { customerId: $id }, perPage: 100, sortField: "startDate", sortOrder: "ASC") { ${CONTRACT} simCards { ${SIM} } } }`,
        { id },
      );
      expect(orm.errors).toBeUndefined();
      expect(contracts).toEqual(orm.data!.allContracts);
      expect(contracts.length).toBeGreaterThan(0);
    }
  });

  it('costs three statements whatever the number of contracts: the session, the customer with everything, the audit', async () => {
    const [many] = await sql<{ id: string }>(
      app,
      'select customer_id as id from contract group by customer_id order by count(*) desc, customer_id limit 1',
    );
    const [one] = await sql<{ id: string }>(
      app,
      'select customer_id as id from contract group by customer_id having count(*) = 1 order by customer_id limit 1',
    );
    const query = `query ($id: ID!) { Customer(id: $id) { id name email personalIdentityNumberMasked contracts { id status startDate simCards { id iccid phoneNumber } } } }`;
    for (const { id } of [many!, one!]) {
      const { result, statements: count } = await counted(() => service.gql(query, { id }));
      expect(result.errors).toBeUndefined();
      expect(count).toBe(3);
    }
  });

  it('returns null for an unknown or malformed id, and contracts of a customer read by a mutation', async () => {
    const unknown = await service.gql('{ Customer(id: "00000000-0000-4000-8000-000000000000") { id contracts { id } } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ Customer: null });
    const malformed = await service.gql('{ Customer(id: "not-an-id") { id } }');
    expect(malformed.data).toEqual({ Customer: null });

    const [owner] = await sql<{ id: string; n: number }>(
      app,
      'select customer_id as id, count(*)::int as n from contract group by customer_id order by customer_id limit 1',
    );
    const updated = await service.gql<{ updateCustomer: { contracts: { id: string }[] } }>(
      `mutation ($id: ID!) { updateCustomer(id: $id, city: "TAMPERE") { id contracts { id simCards { id } } } }`,
      { id: owner!.id },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateCustomer.contracts).toHaveLength(owner!.n);
  });

  it('is refused to a role that reads no contracts, field by field', async () => {
    const marketing = await app.as('marketing');
    // A customer with contracts whom marketing may list (permitted on some channel).
    const [owner] = await sql<{ id: string }>(
      app,
      `select k.customer_id as id from contract k
        where exists (select 1 from customer_marketing_state m where m.customer_id = k.customer_id and m.permitted)
        order by k.customer_id limit 1`,
    );
    const result = await marketing.gql(`query ($id: ID!) { allCustomers(filter: { ids: [$id] }) { id contracts { id } } }`, { id: owner!.id });
    expect(result.errors?.some((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.includes('contracts'))).toBe(true);
  });
});

describe('only the columns the query selects', () => {
  it('travel from PostgreSQL, through fragments and aliases, and give the same values as a full read', async () => {
    const [owner] = await sql<{ id: string }>(
      app,
      'select c.id from customer c where exists (select 1 from sim_card s where s.customer_id = c.id) order by c.id limit 1',
    );
    const narrow = await counted(() =>
      service.gql<{ Customer: Record<string, unknown> & { contracts: (Record<string, unknown> & { simCards: Record<string, unknown>[] })[] } }>(
        `query ($id: ID!) { Customer(id: $id) { ...who mail: email contracts { status simCards { iccid } } } }
         fragment who on Customer { name }`,
        { id: owner!.id },
      ),
    );
    expect(narrow.result.errors).toBeUndefined();
    const text = statements.find((statement) => statement.includes('json_build_object') && statement.includes('as restricted'))!;
    expect(text).toBeDefined();
    // What was asked (and the ids and data subjects the rules and the audit need) …
    for (const column of ['c."name"', 'c."email"', 'k."status"', 'k."customer_id"', 's."iccid"', 's."customer_id"']) expect(text).toContain(column);
    // … and nothing else.
    for (const column of ['c."street_address"', 'c."personal_identity_number_ciphertext"', 'k."contract_number"', 's."phone_number"']) {
      expect(text).not.toContain(column);
    }
    const full = await service.gql<{ Customer: Record<string, unknown> & { contracts: (Record<string, unknown> & { simCards: Record<string, unknown>[] })[] } }>(
      `query ($id: ID!) { Customer(id: $id) { name email contracts { status simCards { iccid } } } }`,
      { id: owner!.id },
    );
    expect(full.errors).toBeUndefined();
    const { mail, ...rest } = narrow.result.data!.Customer;
    expect({ ...rest, email: mail }).toEqual(full.data!.Customer);
    expect(full.data!.Customer.contracts.some((contract) => contract.simCards.length > 0)).toBe(true);
  });

  it('are every column when a field resolver needs more than its own column (the full identity number)', async () => {
    const [owner] = await sql<{ id: string }>(app, `select id from customer where personal_identity_number_ciphertext is not null order by id limit 1`);
    const result = await counted(() =>
      dpo.gql<{ Customer: { personalIdentityNumber: string | null; personalIdentityNumberMasked: string } }>(
        `query ($id: ID!) { Customer(id: $id) { personalIdentityNumber personalIdentityNumberMasked } }`,
        { id: owner!.id },
      ),
    );
    expect(result.result.errors).toBeUndefined();
    expect(result.result.data!.Customer.personalIdentityNumber).toMatch(/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/);
    expect(result.result.data!.Customer.personalIdentityNumber!.slice(0, 7)).toBe(result.result.data!.Customer.personalIdentityNumberMasked.slice(0, 7));
    const text = statements.find((statement) => statement.includes('as restricted'))!;
    expect(text).toContain('c."personal_identity_number_ciphertext"');
  });

  it('a page reads only the selected columns of its customers and contracts', async () => {
    await counted(() => service.gql('{ allCustomers(perPage: 5, sortField: "name", sortOrder: "ASC") { name contracts { startDate } } }'));
    const text = statements.find((statement) => statement.includes('with ordinality'))!;
    expect(text).toContain('c."name"');
    expect(text).toContain('k."start_date"');
    expect(text).not.toContain('c."email"');
    expect(text).not.toContain('k."status"');
  });
});

describe('while some data subject is restricted', () => {
  it('a customer, a page and their contracts still cost three statements, and the restricted customer stays FORBIDDEN', async () => {
    const owners = await sql<{ id: string }>(app, 'select distinct customer_id as id from contract order by customer_id limit 2');
    const [restricted, free] = [owners[0]!.id, owners[1]!.id];
    const restrict = await dpo.gql(`mutation($s: ID) { restrictProcessing(subjectId: $s) { id } }`, { s: restricted });
    expect(restrict.errors).toBeUndefined();
    try {
      const query = `query ($id: ID!) { Customer(id: $id) { id name contracts { id status simCards { id iccid } } } }`;
      const readFree = await counted(() => service.gql<{ Customer: { contracts: unknown[] } }>(query, { id: free }));
      expect(readFree.result.errors).toBeUndefined();
      expect(readFree.result.data!.Customer.contracts.length).toBeGreaterThan(0);
      expect(readFree.statements).toBe(3);

      const readRestricted = await service.gql(query, { id: restricted });
      expect(readRestricted.errors?.length).toBeGreaterThan(0);
      expect(readRestricted.errors!.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);

      const page = await counted(() =>
        service.gql<{ allCustomers: { id: string }[] }>('{ allCustomers(perPage: 40) { id name contracts { id status } } }'),
      );
      expect(page.result.errors).toBeUndefined();
      expect(page.result.data!.allCustomers.map((customer) => customer.id)).not.toContain(restricted);
      expect(page.statements).toBe(3);
      // The page's ids come from the sort index alone: the customer's own flag, no look-up of the restrictions.
      const ids = statements.find((statement) => statement.includes('with ordinality'))!;
      expect(ids).toMatch(/"processing_restricted" = (false|\$\d+)/);
      expect(ids).not.toContain('"processing_restriction"');
    } finally {
      const lift = await dpo.gql(`mutation($s: ID) { liftRestriction(subjectId: $s) { liftedAt } }`, { s: restricted });
      expect(lift.errors).toBeUndefined();
    }
  });
});

describe('a page of customers with their contracts', () => {
  it('costs the same statements for 5 and for 40 customers, and matches the ORM path', async () => {
    const query = (perPage: number) =>
      `{ allCustomers(perPage: ${perPage}, sortField: "name", sortOrder: "ASC") { id name email phone contracts { id contractNumber status startDate } } }`;
    const small = await counted(() => service.gql(query(5)));
    const large = await counted(() => service.gql<{ allCustomers: { id: string; contracts: { id: string }[] }[] }>(query(40)));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    // The session, the page with its contracts, the audit of the reads.
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(3);

    const customers = large.result.data!.allCustomers;
    expect(customers).toHaveLength(40);
    const names = customers.map((customer) => customer.id);
    const expected = await sql<{ id: string }>(app, 'select id from customer order by name, id limit 40');
    expect(names).toEqual(expected.map((row) => row.id));
    for (const customer of customers.slice(0, 10)) {
      const contracts = await sql<{ id: string }>(app, 'select id from contract where customer_id = ? order by start_date, id', [customer.id]);
      expect(customer.contracts.map((contract) => contract.id)).toEqual(contracts.map((row) => row.id));
    }
  });

  it('pages never overlap, also at an offset and sorted the other way', async () => {
    const page = (n: number) =>
      service.gql<{ allCustomers: { id: string }[] }>(`{ allCustomers(page: ${n}, perPage: 7, sortField: "createdAt", sortOrder: "DESC") { id } }`);
    const seen = new Set<string>();
    for (let n = 0; n < 4; n += 1) {
      const result = await page(n);
      expect(result.errors).toBeUndefined();
      for (const { id } of result.data!.allCustomers) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    const expected = await sql<{ id: string }>(app, 'select id from customer order by created_at desc, id desc limit 28');
    expect([...seen]).toEqual(expected.map((row) => row.id));
  });
});

describe('the ids query of a page', () => {
  it('is built once per filter and order, and each filter and page still gets its own rows', async () => {
    const expectPage = async (filter: string, where: string, params: unknown[], page: number) => {
      const result = await service.gql<{ allCustomers: { id: string }[] }>(
        `{ allCustomers(filter: ${filter}, page: ${page}, perPage: 4, sortField: "name", sortOrder: "DESC") { id } }`,
      );
      expect(result.errors).toBeUndefined();
      const expected = await sql<{ id: string }>(app, `select id from customer where ${where} order by name desc, id desc limit 4 offset ${page * 4}`, params);
      expect(result.data!.allCustomers.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    };
    const [some] = await sql<{ ids: string[] }>(app, 'select array_agg(id order by id) as ids from (select id from customer order by id limit 6) c');
    // Alternating filters, values and pages: a cached query must never answer for another.
    for (const page of [0, 1, 0]) {
      await expectPage('{ status: ACTIVE }', "status = 'ACTIVE'", [], page);
      await expectPage('{ status: TERMINATED }', "status = 'TERMINATED'", [], page);
      await expectPage(`{ ids: ${JSON.stringify(some!.ids.slice(0, 5))} }`, 'id = any(?::uuid[])', [`{${some!.ids.slice(0, 5).join(',')}}`], page);
      await expectPage(`{ ids: ${JSON.stringify(some!.ids.slice(1, 6))} }`, 'id = any(?::uuid[])', [`{${some!.ids.slice(1, 6).join(',')}}`], page);
    }
  });

  it('is never reused for a filter that holds SQL of its own (a search sorted by another field than the name)', async () => {
    const people = await sql<{ id: string; email: string }>(app, "select id, email from customer where email is not null order by id limit 2");
    for (const person of [...people, ...people]) {
      const result = await service.gql<{ allCustomers: { id: string }[] }>(
        `query($q: String!) { allCustomers(filter: { q: $q }, sortField: "createdAt", sortOrder: "ASC") { id } }`,
        { q: person.email },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.allCustomers.map((row) => row.id)).toContain(person.id);
    }
  });
});

describe('planning a page', () => {
  /** The page statement the API sent for a list query, as its text. */
  async function pageStatement(query: string): Promise<string> {
    statements.length = 0;
    const result = await service.gql(query);
    expect(result.errors).toBeUndefined();
    const page = statements.find((text) => text.includes('with ordinality as p(id, n)'));
    expect(page).toBeDefined();
    return page!;
  }

  /** Prepares the text on a connection of its own, executes it at several offsets, and says how PostgreSQL planned it. */
  async function plans(text: string, filterValues: unknown[]): Promise<{ generic: number; custom: number; rows: number[] }> {
    const pool = (await app.orm.em.getConnection().getNativeClient()) as import('pg').Pool;
    const client = await pool.connect();
    try {
      const rows: number[] = [];
      const name = `plan_test_${Math.random().toString(36).slice(2)}`;
      for (const offset of [0, 3, 7, 0, 12, 5, 1, 9]) {
        const result = await client.query({ name, text, values: [...filterValues, 4, offset] });
        rows.push(result.rowCount ?? 0);
      }
      const { rows: stats } = await client.query<{ generic_plans: string; custom_plans: string }>(
        'select generic_plans::text, custom_plans::text from pg_prepared_statements where name = $1',
        [name],
      );
      await client.query(`deallocate "${name}"`);
      return { generic: Number(stats[0]!.generic_plans), custom: Number(stats[0]!.custom_plans), rows };
    } finally {
      client.release();
    }
  }

  it('plans the page of an unfiltered list once; a list filtered by a value keeps its page and size as plain values', async () => {
    const plain = await pageStatement('{ allCustomers(page: 1, perPage: 4, sortField: "name") { id } }');
    expect(plain).toContain('limit (select $1::bigint) offset (select $2::bigint)');
    const unfiltered = await plans(plain, []);
    // Five plans for the actual values, then one plan for every page.
    expect(unfiltered.custom).toBe(5);
    expect(unfiltered.generic).toBe(3);
    expect(unfiltered.rows).toEqual([4, 4, 4, 4, 4, 4, 4, 4]);

    // A filter's value may change the best plan (a rare status): the page and its size stay plain
    // values, and PostgreSQL weighs each execution's plan as it does for any prepared statement.
    const byStatus = await pageStatement('{ allCustomers(filter: { status: TERMINATED }, perPage: 4, sortField: "name") { id } }');
    expect(byStatus).toMatch(/where "c"\."status" = \$1 order by .* limit \$2 offset \$3\) q/);
    const filtered = await plans(byStatus, ['TERMINATED']);
    expect(filtered.rows.every((n) => n <= 4)).toBe(true);
  });
});

describe('prepared statements', () => {
  it('numbers the placeholders of ORM-built SQL, leaving quoted text alone', () => {
    expect(numbered(`select "a?" from t where x = ? and y like '%?%' and z in (?, ?)`)).toBe(
      `select "a?" from t where x = $1 and y like '%?%' and z in ($2, $3)`,
    );
    expect(() => numbered('select ?? from t')).toThrow(/identifier placeholders/);
  });

  it('names a statement after its text, whatever its spacing', () => {
    expect(statement('select 1\n  from t').name).toBe(statement('select 1 from t').name);
    expect(statement('select 1 from t').name).not.toBe(statement('select 2 from t').name);
  });
});
