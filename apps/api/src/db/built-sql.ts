/**
 * SQL that MikroORM's QueryBuilder renders from a filter, kept per filter: the busiest lists and
 * searches ask with the same few filters all day (`{ processingRestricted: false }`, a status…),
 * and building a QueryBuilder costs more API time than the statement costs PostgreSQL.
 */
import { RawQueryFragment } from '@mikro-orm/core';

/**
 * Whether a filter is plain data (objects, arrays, strings, numbers, booleans, null), so that its
 * JSON says all of it. Raw SQL fragments are symbols — as keys JSON does not even see them — or
 * fragment objects as values; a filter with any of them is not plain.
 */
export function plainJson(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (Array.isArray(value)) return value.every(plainJson);
  if (type !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  return Object.entries(value as object).every(([key, inner]) => !RawQueryFragment.isKnownFragment(key) && plainJson(inner));
}

/** What was built per key, for at most `max` keys: later keys' values are built every time. */
export class BuiltPerKey<K, V> {
  private readonly built = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K, build: () => V): V {
    let value = this.built.get(key);
    if (value === undefined) {
      value = build();
      if (this.built.size < this.max) this.built.set(key, value);
    }
    return value;
  }
}

/**
 * A bounded cache of what was built from plain filters: `get` builds once per distinct key and
 * keeps at most `max` of them (later ones are built every time); a filter that is not plain is
 * always built anew, never keyed.
 */
export class BuiltPerFilter<T> {
  private readonly built: BuiltPerKey<string, T>;

  constructor(max: number) {
    this.built = new BuiltPerKey(max);
  }

  get(filter: unknown, extra: unknown, build: () => T): T {
    const key = plainJson(filter) ? JSON.stringify([filter, extra]) : undefined;
    if (key === undefined) return build();
    return this.built.get(key, build);
  }
}
