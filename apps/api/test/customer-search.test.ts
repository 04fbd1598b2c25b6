import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../src/modules/customer/customer.entity.js';
import {
  countCustomerSearch,
  customerSearchFilter,
  parseCustomerSearch,
  searchCountStatement,
  searchCustomerIds,
  searchPageStatement,
  type CustomerSearch,
} from '../src/modules/customer/customer.search.js';
import { CustomerKind } from '../src/modules/customer/customer.enums.js';
import { expectBadInput } from './support/helpers.js';
import type { Client, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * `filter.q` of the customer list (customer.search.ts): phone numbers in every form people write
 * them, e-mail addresses, and the start of any word of a name, case-insensitively — through the
 * GraphQL API, and the search's own order and paging through its functions.
 */
let app: TestApp;
let service: Client;
let dpo: Client;
const ids: Record<string, string> = {};

const PEOPLE: Record<string, string> = {
  ulpu: 'kind: PRIVATE, name: "Ulpu Kärkkäinen", email: "ulpu.karkkainen@example.fi", phone: "040 918 2736"',
  ukkoPekka: 'kind: PRIVATE, name: "Ukko-Pekka Ylönen", email: "UP.Ylonen@Example.com", phone: "+358 40 918 2701"',
  company: 'kind: BUSINESS, name: "Ylönen Ukkosvoima 12 Oy", email: "info@ukkosvoima.fi", phone: "09 918 2738"',
  ulla: 'kind: PRIVATE, name: "Ulla  Ullakko", email: "ulla_ullakko@example.fi", phone: "+46 70 918 2739"',
  ylva: 'kind: PRIVATE, name: "Ylva Kärkkäinen", email: "ylva.karkkainen@example.fi"',
  eero: 'kind: PRIVATE, name: "Eero Ylöstalo"',
};

beforeAll(async () => {
  app = await startTestApp({ customers: 5 });
  service = await app.as('service');
  dpo = await app.as('dpo');
  for (const [key, args] of Object.entries(PEOPLE)) {
    const created = await service.gql<{ createCustomer: { id: string } }>(`mutation { createCustomer(${args}) { id } }`);
    expect(created.errors, key).toBeUndefined();
    ids[key] = created.data!.createCustomer.id;
  }
});
afterAll(() => app?.close());

/** The ids a search returns through the API (as a set: the list's order is the list's business) and its count. */
async function found(q: string, client: Client = service): Promise<{ ids: string[]; count: number }> {
  const result = await client.gql<{ allCustomers: { id: string }[]; _allCustomersMeta: { count: number } }>(
    'query($q: String) { allCustomers(filter: { q: $q }, perPage: 500) { id } _allCustomersMeta(filter: { q: $q }) { count } }',
    { q },
  );
  expect(result.errors, q).toBeUndefined();
  return { ids: result.data!.allCustomers.map((row) => row.id).sort(), count: result.data!._allCustomersMeta.count };
}

const idsOf = (...keys: string[]) => keys.map((key) => ids[key]!).sort();
const em = () => app.orm.em.fork() as unknown as EntityManager;
const search = (q: string) => parseCustomerSearch(q) as CustomerSearch;

describe('what the input is taken for', () => {
  it.each([
    ['040 918 2736', 'phone', '+358409182736'],
    ['+358 40 918 2736', 'phone', '+358409182736'],
    ['00358409182736', 'phone', '+358409182736'],
    ['358409182736', 'phone', '+358409182736'],
    ['(040) 918-27', 'phone', '+3584091827'],
    ['+46 70 918', 'phone', '+4670918'],
    ['ulpu.karkkainen@example.fi', 'email', 'ulpu.karkkainen@example.fi'],
    ['ulpu.kark', 'email', 'ulpu.kark'],
    ['ulla_ull', 'email', 'ulla_ull'],
    ['Ulpu   Kärk', 'name', 'Ulpu Kärk'],
    ['040abc', 'name', '040abc'],
  ])('%s → %s', (q, kind, text) => {
    expect(parseCustomerSearch(q)).toEqual({ kind, text });
  });

  it('an empty or blank q is no search', () => {
    expect(parseCustomerSearch(undefined)).toBeUndefined();
    expect(parseCustomerSearch('   ')).toBeUndefined();
  });
});

describe('search through the API', () => {
  it.each([
    ['national form', '040 918 2736'],
    ['international form', '+358 40 918 2736'],
    ['00 prefix', '00358 40 918 2736'],
    ['digits without + or 0', '358409182736'],
    ['with brackets and dashes', '(040) 918-2736'],
  ])('finds a phone number in %s', async (_, q) => {
    expect(await found(q)).toEqual({ ids: idsOf('ulpu'), count: 1 });
  });

  it('finds every number that starts with the digits given', async () => {
    expect(await found('040 918 273')).toEqual({ ids: idsOf('ulpu'), count: 1 });
    expect(await found('+358 40 918 2')).toEqual({ ids: idsOf('ulpu', 'ukkoPekka'), count: 2 });
    expect(await found('09 918 27')).toEqual({ ids: idsOf('company'), count: 1 });
    expect(await found('+46 70 918')).toEqual({ ids: idsOf('ulla'), count: 1 });
    // Digits inside a number are not its start.
    expect(await found('918 2736')).toEqual({ ids: [], count: 0 });
  });

  it('finds an e-mail address by its start, in any case', async () => {
    expect(await found('ulpu.karkkainen@example.fi')).toEqual({ ids: idsOf('ulpu'), count: 1 });
    expect(await found('ULPU.Karkkainen@EXAMPLE.fi')).toEqual({ ids: idsOf('ulpu'), count: 1 });
    expect(await found('up.ylonen@example.com')).toEqual({ ids: idsOf('ukkoPekka'), count: 1 });
    expect(await found('ulla_ull')).toEqual({ ids: idsOf('ulla'), count: 1 });
    expect(await found('info@ukkosvoima')).toEqual({ ids: idsOf('company'), count: 1 });
    // The middle of an address is not its start.
    expect(await found('@ukkosvoima.fi')).toEqual({ ids: [], count: 0 });
  });

  it('finds a surname by its start, in any case, with å, ä and ö', async () => {
    expect(await found('kärkkäi')).toEqual({ ids: idsOf('ulpu', 'ylva'), count: 2 });
    expect(await found('KÄRKKÄINEN')).toEqual({ ids: idsOf('ulpu', 'ylva'), count: 2 });
    expect(await found('ylöne')).toEqual({ ids: idsOf('ukkoPekka', 'company'), count: 2 });
    expect(await found('ylö')).toEqual({ ids: idsOf('ukkoPekka', 'company', 'eero'), count: 3 });
  });

  it('finds a first name by its start, and a first name with the start of the surname', async () => {
    expect(await found('Ulpu')).toEqual({ ids: idsOf('ulpu'), count: 1 });
    expect(await found('ulpu kä')).toEqual({ ids: idsOf('ulpu'), count: 1 });
    expect(await found('ULPU   KÄRK')).toEqual({ ids: idsOf('ulpu'), count: 1 });
    expect(await found('ulla ullakko')).toEqual({ ids: idsOf('ulla'), count: 1 });
  });

  it('finds each part of a double name and the words of a company name', async () => {
    expect(await found('pekka')).toEqual({ ids: idsOf('ukkoPekka'), count: 1 });
    expect(await found('ukko-pekka yl')).toEqual({ ids: idsOf('ukkoPekka'), count: 1 });
    expect(await found('ukkosvoima')).toEqual({ ids: idsOf('company'), count: 1 });
    expect(await found('12 oy')).toEqual({ ids: idsOf('company'), count: 1 });
  });

  it('does not match inside a word, or words in another order', async () => {
    expect(await found('lpu')).toEqual({ ids: [], count: 0 });
    expect(await found('kkäinen')).toEqual({ ids: [], count: 0 });
    expect(await found('kärkkäinen ulpu')).toEqual({ ids: [], count: 0 });
  });

  it('combines with the other list filters', async () => {
    const result = await service.gql<{ allCustomers: { id: string }[]; _allCustomersMeta: { count: number } }>(
      'query($q: String, $ids: [ID!]) { allCustomers(filter: { q: $q, ids: $ids, kind: PRIVATE }) { id } _allCustomersMeta(filter: { q: $q, ids: $ids, kind: PRIVATE }) { count } }',
      { q: 'ylö', ids: idsOf('company', 'eero', 'ulpu') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.allCustomers.map((row) => row.id)).toEqual([ids.eero]);
    expect(result.data!._allCustomersMeta.count).toBe(1);
  });

  it('counts a customer matched by two of its words once', async () => {
    expect(await found('ull')).toEqual({ ids: idsOf('ulla'), count: 1 });
    const direct = await searchCustomerIds(em(), search('ull'), undefined, { limit: 10, offset: 0 });
    expect(direct.ids).toEqual([ids.ulla]);
    expect(await direct.count()).toBe(1);
  });

  it.each([
    ['two characters', 'ul', /at least 3/],
    ['two characters between spaces', '  ul  ', /at least 3/],
    ['101 characters', 'a'.repeat(101), /at most 100/],
    ['a phone number of 6 digits (the count would read a large part of the register)', '040 1', /at least 7 digits of a phone number/],
    ['a country code alone', '+358', /at least 7 digits of a phone number/],
  ])('refuses a q of %s with filter.q named', async (_, q, message) => {
    for (const query of ['query($q: String) { allCustomers(filter: { q: $q }) { id } }', 'query($q: String) { _allCustomersMeta(filter: { q: $q }) { count } }']) {
      const error = expectBadInput(await service.gql(query, { q }), 'filter.q');
      expect(error.message).toMatch(message);
    }
  });

  it('leaves out a restricted person for everyone but the dpo, in the list and in the count', async () => {
    const restricted = await dpo.gql('mutation($id: ID) { restrictProcessing(subjectId: $id) { id } }', { id: ids.ylva });
    expect(restricted.errors).toBeUndefined();
    expect(await found('kärkkäinen')).toEqual({ ids: idsOf('ulpu'), count: 1 });
    expect(await found('kärkkäinen', dpo)).toEqual({ ids: idsOf('ulpu', 'ylva'), count: 2 });
    const lifted = await dpo.gql('mutation($id: ID) { liftRestriction(subjectId: $id) { id } }', { id: ids.ylva });
    expect(lifted.errors).toBeUndefined();
  });
});

describe('the search’s order and pages (searchCustomerIds)', () => {
  it('orders names by the name from the matched word on, then by the whole name', async () => {
    // "ylönen" (Ukko-Pekka's third word) sorts before "ylönen ukkosvoima 12 oy" (the company's
    // first), and "ylöstalo" (Eero's second) after both.
    const { ids: page } = await searchCustomerIds(em(), search('ylö'), undefined, { limit: 10, offset: 0 });
    expect(page).toEqual([ids.ukkoPekka, ids.company, ids.eero]);
    const { ids: backwards } = await searchCustomerIds(em(), search('ylö'), undefined, { limit: 10, offset: 0, direction: 'desc' });
    expect(backwards).toEqual([ids.eero, ids.company, ids.ukkoPekka]);
  });

  it('orders people with the same surname by their whole name', async () => {
    const { ids: page } = await searchCustomerIds(em(), search('kärkkä'), undefined, { limit: 10, offset: 0 });
    expect(page).toEqual([ids.ulpu, ids.ylva]);
  });

  it('pages through the same order without gaps or repeats, with the count of all pages', async () => {
    const all = await searchCustomerIds(em(), search('ylö'), undefined, { limit: 10, offset: 0 });
    const pages: string[] = [];
    for (let offset = 0; offset < 4; offset += 1) {
      pages.push(...(await searchCustomerIds(em(), search('ylö'), undefined, { limit: 1, offset })).ids);
    }
    expect(pages).toEqual(all.ids);
    expect(await all.count()).toBe(3);
  });

  it('orders phone numbers by number', async () => {
    const phones = await searchCustomerIds(em(), search('040 918 27'), undefined, { limit: 10, offset: 0 });
    // +358409182701 < +358409182736
    expect(phones.ids).toEqual([ids.ukkoPekka, ids.ulpu]);
  });

  it('keeps to the filter it is given (the caller’s rows, the other list filters)', async () => {
    const notUlpu = { id: { $nin: raw('select ?::uuid', [ids.ulpu]) } };
    expect((await searchCustomerIds(em(), search('kärkkä'), notUlpu, { limit: 10, offset: 0 })).ids).toEqual([ids.ylva]);
    expect(await countCustomerSearch(em(), search('kärkkä'), notUlpu)).toBe(1);
    expect(await countCustomerSearch(em(), search('ylö'), { kind: CustomerKind.BUSINESS })).toBe(1);
    // What CustomerService.where() gives when there is nothing else to filter by.
    expect((await searchCustomerIds(em(), search('kärkkä'), {}, { limit: 10, offset: 0 })).ids).toEqual([ids.ulpu, ids.ylva]);
    expect(await countCustomerSearch(em(), search('kärkkä'), { $and: [{}, notUlpu] })).toBe(1);
  });

  it('keeps one statement per shape (kind, filter, order, page) and gives it each request’s own values', async () => {
    const page = { limit: 10, offset: 0 };
    const privateOnes = searchPageStatement(em(), search('kärkkä'), { kind: CustomerKind.PRIVATE }, page);
    const businesses = searchPageStatement(em(), search('ylö'), { kind: CustomerKind.BUSINESS }, page);
    // Another text and another value of the same filter: the same statement, built once.
    expect(businesses.sql).toBe(privateOnes.sql);
    expect(businesses.prepared).toBeDefined();
    expect(businesses.prepared).toBe(privateOnes.prepared);
    // The text, then the filter's value in each of the four name branches.
    expect(privateOnes.params).toEqual(['kärkkä', ...Array(4).fill(CustomerKind.PRIVATE)]);
    expect(businesses.params).toEqual(['ylö', ...Array(4).fill(CustomerKind.BUSINESS)]);
    for (const other of [
      searchPageStatement(em(), search('kärkkä'), { kind: CustomerKind.PRIVATE }, { limit: 10, offset: 10 }),
      searchPageStatement(em(), search('kärkkä'), { kind: CustomerKind.PRIVATE }, { ...page, direction: 'desc' }),
      searchPageStatement(em(), search('kärkkä'), { city: 'Oulu' }, page),
      searchPageStatement(em(), search('040 918'), { kind: CustomerKind.PRIVATE }, page),
      searchCountStatement(em(), search('kärkkä'), { kind: CustomerKind.PRIVATE }),
    ]) {
      expect(other.sql).not.toBe(privateOnes.sql);
    }
    expect(searchPageStatement(em(), search('040 918'), undefined, page).params).toEqual(['+35840918']);
    // Each answers with its own values, whichever shape was built first.
    expect((await searchCustomerIds(em(), search('ylö'), { kind: CustomerKind.BUSINESS }, page)).ids).toEqual([ids.company]);
    const privateYlo = (await searchCustomerIds(em(), search('ylö'), { kind: CustomerKind.PRIVATE }, page)).ids;
    expect(privateYlo).toEqual(expect.arrayContaining([ids.ukkoPekka, ids.eero]));
    expect(privateYlo).not.toContain(ids.company);
    expect(await countCustomerSearch(em(), search('ylö'), { kind: CustomerKind.PRIVATE })).toBe(privateYlo.length);
    expect(await countCustomerSearch(em(), search('ylö'), { kind: CustomerKind.BUSINESS })).toBe(1);
  });

  it('finds the same customers as the filter that other query shapes use (customerSearchFilter)', async () => {
    for (const q of ['ylö', 'kärkkäinen', 'ull', 'pekka', '12 oy', '040 918 27', '+358 40 918', 'ulpu.k', 'info@ukko', 'xqz']) {
      const viaFilter = await em().find(Customer, customerSearchFilter(search(q)), { fields: ['id'], orderBy: { id: 'asc' } });
      const { ids: viaSearch } = await searchCustomerIds(em(), search(q), undefined, { limit: 500, offset: 0 });
      expect(viaFilter.map((customer) => customer.id), q).toEqual([...viaSearch].sort());
      expect(await countCustomerSearch(em(), search(q), undefined), q).toBe(viaSearch.length);
    }
  });

  it('is a range scan of the search indexes for every kind of input, never of the whole table', async () => {
    for (const [q, indexes] of [
      ['040 918', ['customer_search_phone_idx']],
      ['ulpu.kark', ['customer_search_email_idx']],
      ['kärk', ['customer_search_name_idx', 'customer_search_word2_idx', 'customer_search_word3_idx', 'customer_search_word4_idx']],
    ] as const) {
      const restriction = { id: { $nin: raw('select "subject_id" from "processing_restriction" where "lifted_at" is null') } };
      for (const statement of [searchPageStatement(em(), search(q), restriction, { limit: 20, offset: 0 }), searchCountStatement(em(), search(q), restriction)]) {
        // Without the sequential scan the few test rows would tempt the planner to, the plan
        // shows whether the indexes can serve the statement at all (their expressions match).
        const plan = await em().transactional(async (tx) => {
          await tx.execute('set local enable_seqscan = off');
          const rows = await tx.execute<{ 'QUERY PLAN': string }[]>(`explain ${statement.sql}`, statement.params);
          return rows.map((row) => row['QUERY PLAN']).join('\n');
        });
        for (const index of indexes) expect(plan, q).toContain(index);
        expect(plan, q).not.toMatch(/Seq Scan on customer /);
      }
    }
  });
});
