import type { Principal } from '@register/schema';
import type { DocumentNode } from 'graphql';

/**
 * How one react-admin resource talks to the API: its typed documents of @register/schema and what
 * it may sort and filter by. Everything else — pruning by role, paging, variables of mutations,
 * withheld fields — is the same for every resource (buildQuery.ts).
 *
 * Documents follow ra-data-graphql-simple's shape with aliases: a list selects `items` and
 * `total { count }` with $page/$perPage/$sortField/$sortOrder/$filter; a single record `data`
 * with $id; mutations `data`, with flat arguments named after the fields they write.
 */
export interface ResourceQuery {
  /** The GraphQL type of the records: a data-map type, or one ruled by operation rules only. */
  typeName: string;
  documents: {
    list?: DocumentNode;
    /** By ids (react-admin's getMany); default: the list with `filter: { ids }`. */
    many?: DocumentNode;
    one?: DocumentNode;
    create?: DocumentNode;
    update?: DocumentNode;
    delete?: DocumentNode;
  };
  /** The fields the API sorts by (anything else falls back to the default). */
  sortFields: readonly string[];
  defaultSort: { field: string; order: 'ASC' | 'DESC' };
  /**
   * The filters the API knows, each with the fields it reads: a filter is sent only when the
   * roles may read all of them (the API refuses the others). Types outside the data map: [].
   */
  filters: Readonly<Record<string, readonly string[]>>;
  /** A filter value as the API wants it (default: trimmed strings, empty ones left out). */
  filterValues?: Readonly<Record<string, (value: unknown) => unknown>>;
  /** Fields a list row asks for (default: every readable field). */
  listFields?: ReadonlySet<string>;
  /** Fields a record page asks for (default: every readable field). */
  recordFields?: (principal: Principal) => ReadonlySet<string>;
  /**
   * Who writes what, for records the data map has no write rule for (the catalogue, customer
   * contacts): the API's operation rule, restated. Default: the data map's writableFields.
   */
  writable?: (principal: Principal, operation: 'create' | 'update') => readonly string[];
  /** A form value as the mutation's argument wants it (e.g. lines as line inputs). */
  serialize?: Readonly<Record<string, (value: unknown) => unknown>>;
  /** A row of the API as a react-admin record (default: as it is; it must have an `id`). */
  toRecord?: (row: Record<string, unknown>) => Record<string, unknown>;
}

/** A search from this many characters on (the API refuses shorter ones). */
export const MIN_SEARCH_LENGTH = 3;

export const searchValue = (value: unknown): unknown => {
  const text = String(value).trim();
  return text.length >= MIN_SEARCH_LENGTH ? text : undefined;
};

/** A date input's `YYYY-MM-DD` as the start of that day in the user's time zone (DateTime filters). */
export const startOfDay = (value: unknown): unknown =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`).toISOString() : value;

/** The end of a `YYYY-MM-DD` day: the start of the next one (for "before" filters). */
export const endOfDay = (value: unknown): unknown => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const next = new Date(`${value}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
};

/** A boolean filter from a select or a URL ('true' / 'false'). */
export const booleanValue = (value: unknown): unknown =>
  value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;

/** An integer filter (numbers typed into a text input). */
export const integerValue = (value: unknown): unknown => {
  const number = Number(String(value).trim());
  return Number.isInteger(number) ? number : undefined;
};

/**
 * Lines of an order, a quotation or a contract as the API's line inputs: only the named keys,
 * empty values left out (the API fills in the catalogue price and a quantity of one).
 */
export function lineInputs(keys: readonly string[]) {
  return (value: unknown): unknown => {
    if (!Array.isArray(value)) return value;
    return value.map((line: Record<string, unknown>) =>
      Object.fromEntries(keys.filter((key) => line?.[key] !== undefined && line[key] !== null && line[key] !== '').map((key) => [key, line[key]])),
    );
  };
}
