/**
 * Customer search (`filter.q` of `allCustomers` and `_allCustomersMeta`): every kind of input is
 * an index range scan on a million customers, never a scan of the table or a sort of every match.
 *
 * What the input looks like decides what it matches (`parseCustomerSearch`):
 *   - a phone number — digits with `+`, spaces, dashes, dots or brackets: the start of the stored
 *     international number. National `040 123 4567`, `+358 40 123 4567`, `00358401234567` and
 *     `358401234567` all become `+358401234567`; fewer digits match every number that starts
 *     with them (`040 12` → `+3584012…`), but at least 7 digits of the international form.
 *   - an e-mail address — anything with `@`, or one word with a dot or an underscore
 *     (`matti.virtanen`): the start of the address, case-insensitively.
 *   - anything else is a name: the start of any of the first four words of the name, and the
 *     words after it in order (`virtanen`, `matti vir`, `liisa` for Anna-Liisa, `kone 12` for
 *     Virtanen Kone 12 Oy), case-insensitively; runs of spaces count as one. A word after the
 *     fourth is found only together with the words before it.
 *
 * Order of the results (`searchCustomerIds`): by what matched, in byte order of the lower-cased
 * text (`"C"` collation: digits, then a–z, then å ä ö): phone numbers by number, e-mail
 * addresses by address, names by the name from the matched word on and then by the whole name —
 * "mat" lists every Matti (by surname), then the Mattilas (by first name). Ties by id. That order
 * is what lets the index stop after one page, whatever the number of matches.
 *
 * The indexes (customer.entity.ts, migration 20261125071000) are btrees in the "C" collation on
 * exactly the expressions below, each with the id (and the column the expression reads), so that
 * a count is an index-only scan too. The SQL text of an expression must stay identical to the
 * index's, or PostgreSQL cannot use the index: change both, in a new migration.
 */
import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../common/errors.js';
import { BuiltPerFilter, BuiltPerKey } from '../../db/built-sql.js';
import { numbered, sqlOf, statement, type Statement } from '../../db/sql.js';
import type { Customer } from './customer.entity.js';

export const MIN_SEARCH_LENGTH = 3;
export const MAX_SEARCH_LENGTH = 100;
/** Digits of the international number (country code included) a phone search needs. */
export const MIN_PHONE_DIGITS = 7;
/** How many words of a name start a match of their own (one index each). */
export const NAME_WORDS = 4;

export type CustomerSearch =
  | { kind: 'phone'; text: string }
  | { kind: 'email'; text: string }
  | { kind: 'name'; text: string };

/** The SQL of what a search matches in a customer row, `alias` being e.g. `"c".` or empty. */
interface SearchKey {
  /** The indexed expression, in the "C" collation. */
  key(alias: string): string;
  /** The expression of the search text that the key must start with. */
  term: string;
}

/** Characters people put between the digits of a phone number. */
const PHONE_SEPARATORS = /[\s\-()./]/g;

/**
 * Reads `filter.q`: undefined when it is empty (no search), otherwise what to search for. Input
 * that is too short or too long is refused with `filter.q` named.
 */
export function parseCustomerSearch(q: string | null | undefined): CustomerSearch | undefined {
  if (q === undefined || q === null) return undefined;
  const text = q.trim().replace(/\s+/g, ' ');
  if (text.length === 0) return undefined;
  if (text.length < MIN_SEARCH_LENGTH) {
    throw badInput('filter.q', `type at least ${MIN_SEARCH_LENGTH} characters to search`);
  }
  if (text.length > MAX_SEARCH_LENGTH) throw badInput('filter.q', `is too long: at most ${MAX_SEARCH_LENGTH} characters`);
  const phone = internationalPhonePrefix(text);
  if (phone) {
    // Fewer digits match a large part of the register (every +35840… number): the page would
    // still be quick, but counting them is not.
    if (phone.length - 1 < MIN_PHONE_DIGITS) {
      throw badInput('filter.q', `type at least ${MIN_PHONE_DIGITS} digits of a phone number in international form (e.g. 040 12… or +358 40 12…), or search by name or e-mail`);
    }
    return { kind: 'phone', text: phone };
  }
  if (text.includes('@') || /^[^\s]*[._][^\s]*$/.test(text)) return { kind: 'email', text };
  return { kind: 'name', text };
}

/**
 * The start of an international number (as stored: `+` and digits) that a phone-like input
 * stands for, or undefined when the input is not a phone number. Follows
 * customer.validation.ts's `normalisePhone`: `00` and `+` are international, a leading `0` is a
 * Finnish national number; digits without either are taken as international without the `+`.
 */
export function internationalPhonePrefix(text: string): string | undefined {
  if (!/^\+?[0-9\s\-()./]+$/.test(text)) return undefined;
  const compact = text.replace(PHONE_SEPARATORS, '');
  if (!/^\+?[0-9]{3,}$/.test(compact)) return undefined;
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  if (compact.startsWith('0')) return `+358${compact.slice(1)}`;
  return `+${compact}`;
}

/** The name lower-cased, runs of white space as one space (the key of the first word). */
function wholeName(alias: string): string {
  return `regexp_replace(lower(${alias}"name"), '[[:space:]]+', ' ', 'g')`;
}

/**
 * The name from its `word`-th word on (1 = the whole name); words are separated by spaces and
 * dashes. NULL when the name has fewer words. (No `?` in this SQL: MikroORM would take it for a
 * parameter.)
 */
export function nameFromWord(alias: string, word: number): string {
  const name = wholeName(alias);
  if (word === 1) return `(${name} collate "C")`;
  return `(substring(${name} from '^${'[^ -]+[ -]+'.repeat(word - 1)}([^ -].*)$') collate "C")`;
}

export const emailKey = (alias: string) => `(lower(${alias}"email") collate "C")`;
export const phoneKey = (alias: string) => `(${alias}"phone" collate "C")`;

const NAME_TERM = `(regexp_replace(lower(?::text), '[[:space:]]+', ' ', 'g') collate "C")`;
const EMAIL_TERM = `(lower(?::text) collate "C")`;
const PHONE_TERM = `(?::text collate "C")`;

/** One index each: the keys a search of this kind may match, best first. */
function keysOf(search: CustomerSearch): SearchKey[] {
  switch (search.kind) {
    case 'phone':
      return [{ key: phoneKey, term: PHONE_TERM }];
    case 'email':
      return [{ key: emailKey, term: EMAIL_TERM }];
    case 'name':
      return Array.from({ length: NAME_WORDS }, (_, i) => ({ key: (alias: string) => nameFromWord(alias, i + 1), term: NAME_TERM }));
  }
}

/**
 * A key starts with the search text: a range, so a btree in the "C" collation serves it (U+10FFFF
 * sorts after every character a key can hold). The text is one parameter, turned into the key's
 * form once, in a one-row CTE: its bounds reach each index condition and filter as values
 * computed once per statement (also in a generic plan of a prepared statement).
 */
const BOUNDS = (term: string) => `with "t" as materialized (select ${term} as "lo") `;
const LO = '(select "lo" from "t")';
const HI = '(select "lo" || chr(1114111) from "t")';
const inBounds = (key: string) => `${key} >= ${LO} and ${key} < ${HI}`;

/**
 * The search as a filter of `Customer` rows, for any query shape (e.g. `em.count`, or a list
 * sorted by another field). It matches exactly the customers `searchCustomerIds` finds, but only
 * `searchCustomerIds` and `countCustomerSearch` are sure to be fast: in another query shape the
 * planner may walk another index (a list by name) and test this filter row by row.
 */
export function customerSearchFilter(search: CustomerSearch): FilterQuery<Customer> {
  const keys = keysOf(search);
  // The text is written out in each condition (not the CTE's bounds): planned with its values,
  // the planner knows how many rows each index gives.
  const range = ({ key, term }: SearchKey, alias: string) => `${key(alias)} >= ${term} and ${key(alias)} < (${term} || chr(1114111))`;
  if (keys.length === 1) {
    // Phone and e-mail: a condition on the row itself, one index.
    return { [raw((alias: string) => `(${range(keys[0]!, `${alias}.`)})`, [search.text, search.text])]: [] } as FilterQuery<Customer>;
  }
  // Names: the ids of any of the word indexes.
  const ids = keys.map((key) => `select "c"."id" from "customer" as "c" where ${range(key, '"c".')}`).join(' union all ');
  return { id: { $in: raw(ids, keys.flatMap(() => [search.text, search.text])) } } as FilterQuery<Customer>;
}

export interface SearchPage {
  limit: number;
  offset: number;
  /** 'desc' walks the same order backwards. */
  direction?: 'asc' | 'desc';
}

export interface SearchResult {
  /** The ids of the page, in the order of the search (see the top of this file). */
  ids: string[];
  /** How many customers match in all (every page), with the same filters. */
  count(): Promise<number>;
}

/** SQL with `?` for each value, as MikroORM writes it. */
export interface SearchStatement {
  sql: string;
  params: unknown[];
}

/** A search's statement: its SQL with `?`, and the same as a prepared statement (`$1`…), kept per shape. */
export interface PreparedSearch extends SearchStatement {
  prepared: Statement;
}

/** A search statement's text, kept per shape: what its values are is up to each request. */
interface BuiltSearch {
  sql: string;
  prepared: Statement;
  /** How many times the filter's values repeat after the search text (once per branch). */
  branches: number;
}

/**
 * Search statements per shape (kind, filter SQL, order and page): the text of a name search is a
 * few kB, and building it, numbering its placeholders and hashing it to find its prepared
 * statement cost ~60 µs of the API's CPU per request, an eighth of a search. Admin lists page
 * through a few shapes; past this many, further shapes are built every time.
 */
const MAX_SEARCH_SHAPES = 500;
const builtSearches = new BuiltPerKey<string, BuiltSearch>(MAX_SEARCH_SHAPES);

function builtSearch(shape: string, build: () => { sql: string; branches: number }): BuiltSearch {
  return builtSearches.get(shape, () => {
    const { sql, branches } = build();
    return { sql, branches, prepared: statement(numbered(sql)) };
  });
}

/** The statement of a kept shape with this request's values: the search text, then the filter's values per branch. */
function withValues(built: BuiltSearch, search: CustomerSearch, filter: SearchStatement | undefined): PreparedSearch {
  const params: unknown[] = [search.text];
  for (let i = 0; i < built.branches; i++) params.push(...(filter?.params ?? []));
  return { sql: built.sql, params, prepared: built.prepared };
}

/**
 * One page of a search: ids in the search's order, and its count. `where` is everything else the
 * list must respect — the caller's row filter and restriction filter (`rows`), the other list
 * filters, but not the search itself — as a filter of Customer rows, or undefined. One statement
 * for the page and one for the count (only when asked for); each is a range scan of the search's
 * indexes: the page stops after `offset + limit` rows per index, the count reads the matching
 * index entries (and the table only when `where` needs columns other than the id).
 */
export async function searchCustomerIds(
  em: EntityManager,
  search: CustomerSearch,
  where: FilterQuery<Customer> | undefined,
  page: SearchPage,
): Promise<SearchResult> {
  const statement = searchPageStatement(em, search, where, page);
  const rows = await run<{ id: string }>(em, statement);
  return { ids: rows.map((row) => row.id), count: () => countCustomerSearch(em, search, where) };
}

/** How many customers a search finds, with the same `where` as `searchCustomerIds`. */
export async function countCustomerSearch(
  em: EntityManager,
  search: CustomerSearch,
  where: FilterQuery<Customer> | undefined,
): Promise<number> {
  const [row] = await run<{ count: number }>(em, searchCountStatement(em, search, where));
  return row?.count ?? 0;
}

/** The statement of `searchCustomerIds` (one column, `id`). */
export function searchPageStatement(
  em: EntityManager,
  search: CustomerSearch,
  where: FilterQuery<Customer> | undefined,
  page: SearchPage,
): PreparedSearch {
  for (const [name, value] of Object.entries({ limit: page.limit, offset: page.offset })) {
    // Written into the statement's text: whole numbers only (listOptions has checked them).
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`customer search: ${name} must be a whole number, got ${value}`);
  }
  const direction = page.direction === 'desc' ? 'desc' : 'asc';
  const filter = whereSql(em, where);
  const shape = `page\u0000${search.kind}\u0000${direction}\u0000${page.limit}\u0000${page.offset}\u0000${filter?.sql ?? ''}`;
  const built = builtSearch(shape, () => {
    const keys = keysOf(search);
    if (keys.length === 1) {
      // Phone numbers and e-mail addresses: one index, in its order.
      const key = keys[0]!.key('"c".');
      const only = branch(keys[0]!, '"c"."id"', filter, `order by ${key} ${direction}, "c"."id" ${direction} limit ${page.limit} offset ${page.offset}`);
      return { sql: `${BOUNDS(keys[0]!.term)}${only}`, branches: 1 };
    }
    // Names: each branch in the order of its own key, then the whole name, then the id. A customer
    // matched by two words (Matti Mattila, "mat") is in two branches and keeps its first place. The
    // first `take` rows of each branch hold every customer of the first `take` places of the whole
    // order, so the page is exact.
    const take = page.offset + page.limit;
    const whole = nameFromWord('"c".', 1);
    const branches = keys.map((key, i) => {
      const order = [key.key('"c".'), ...(i > 0 ? [whole] : []), '"c"."id"'].map((part) => `${part} ${direction}`).join(', ');
      return branch(key, `"c"."id", ${key.key('"c".')} as "key", ${whole} as "name_key"`, filter, `order by ${order} limit ${take}`);
    });
    const union = branches.map((part) => `(${part})`).join(' union all ');
    return {
      sql:
        `${BOUNDS(keys[0]!.term)}select "id" from (select distinct on ("id") "id", "key", "name_key" from (${union}) as "m" ` +
        `order by "id", "key" ${direction}, "name_key" ${direction}) as "d" ` +
        `order by "key" ${direction}, "name_key" ${direction}, "id" ${direction} limit ${page.limit} offset ${page.offset}`,
      branches: branches.length,
    };
  });
  return withValues(built, search, filter);
}

/** The statement of `countCustomerSearch` (one column, `count`). */
export function searchCountStatement(em: EntityManager, search: CustomerSearch, where: FilterQuery<Customer> | undefined): PreparedSearch {
  const filter = whereSql(em, where);
  const built = builtSearch(`count\u0000${search.kind}\u0000${filter?.sql ?? ''}`, () => {
    const keys = keysOf(search);
    // A customer matched by two words is counted at the first (Matti Mattila, "mat": by the whole
    // name): each key's count leaves out the rows an earlier key matches. That is a test on the
    // index entry (the name is in every index), cheaper than collecting the ids to drop repeats.
    const branches = keys.map((key, i) => {
      const earlier = keys.slice(0, i).map((other) => ` and not (${inBounds(other.key('"c".'))})`).join('');
      return branch(key, 'count(*)', filter, '', earlier);
    });
    return { sql: `${BOUNDS(keys[0]!.term)}select (${branches.map((part) => `(${part})`).join(' + ')})::int as "count"`, branches: branches.length };
  });
  return withValues(built, search, filter);
}

/**
 * `select <columns> from customer c where <key starts with the text> and <where> <tail>`; its
 * values are the filter's (withValues).
 */
function branch({ key }: SearchKey, columns: string, filter: SearchStatement | undefined, tail: string, condition = ''): string {
  return (
    `select ${columns} from "customer" as "c" ` +
    `where ${inBounds(key('"c".'))}${condition}${filter ? ` and (${filter.sql})` : ''}${tail ? ` ${tail}` : ''}`
  );
}

const WHERE_PREFIX = 'select 1 from "customer" as "c" where ';

/** Filters whose SQL is kept (see BuiltPerFilter): the search's own few, and those clients repeat. */
const whereSqls = new BuiltPerFilter<SearchStatement | null>(200);

/** The condition of a Customer filter as SQL on the alias "c" (MikroORM renders it, once per plain filter). */
function whereSql(em: EntityManager, where: FilterQuery<Customer> | undefined): SearchStatement | undefined {
  if (!where) return undefined;
  return (
    whereSqls.get(where, undefined, () => {
      // By name: customer.entity.ts imports this module (its indexes), so this one cannot import it.
      const entity = em.getMetadata().getByClassName<Customer>('Customer').class;
      const { sql, params } = em.createQueryBuilder(entity, 'c').select(raw('1')).where(where as never).toQuery();
      if (sql === 'select 1 from "customer" as "c"') return null;
      // A filter through a relation would need a join: the search's branches have none.
      if (!sql.startsWith(WHERE_PREFIX)) throw new Error(`customer search: a filter that is not on the customer row alone cannot be combined with it: ${sql}`);
      return { sql: sql.slice(WHERE_PREFIX.length), params: [...params] };
    }) ?? undefined
  );
}

/** A read outside a transaction is a prepared statement (db/sql.ts); inside one, the ORM's. */
async function run<T>(em: EntityManager, { sql, params, prepared }: PreparedSearch): Promise<T[]> {
  if (em.isInTransaction()) return em.execute<T[]>(sql, params);
  return (await sqlOf(em)).rowsOfBuilt<T>(prepared, params);
}

/**
 * The indexes of the search (customer.entity.ts declares them, migrations 20261125071000 and
 * 20261206061500 create them): btrees in the "C" collation on exactly the keys above, each with the id, and with the
 * column its key is computed from, and whether the customer is restricted (lists leave them out),
 * so that a count is an index-only scan. A word index holds
 * only names that have that many words.
 */
export const SEARCH_INDEXES: readonly { name: string; expression: string }[] = [
  { name: 'customer_search_phone_idx', columns: `${phoneKey('')}, "id") include ("processing_restricted"` },
  { name: 'customer_search_email_idx', columns: `${emailKey('')}, "id") include ("email", "processing_restricted"` },
  { name: 'customer_search_name_idx', columns: `${nameFromWord('', 1)}, "id") include ("name", "processing_restricted"` },
  ...Array.from({ length: NAME_WORDS - 1 }, (_, i) => ({
    name: `customer_search_word${i + 2}_idx`,
    columns: `${nameFromWord('', i + 2)}, ${nameFromWord('', 1)}, "id") include ("name", "processing_restricted") where (${nameFromWord('', i + 2)} is not null`,
  })),
].map(({ name, columns }) => ({ name, expression: `create index "${name}" on "customer" (${columns})` }));

/** The definition of one of SEARCH_INDEXES, for the entity's `@Index`. */
export function searchIndex(name: string): { name: string; expression: string } {
  const index = SEARCH_INDEXES.find((candidate) => candidate.name === name);
  if (!index) throw new Error(`no search index ${name}`);
  return index;
}
