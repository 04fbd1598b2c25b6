import { raw } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { BuiltPerFilter, BuiltPerKey, plainJson } from '../built-sql.js';

describe('BuiltPerFilter', () => {
  it('builds once per distinct plain filter (values included) and extra', () => {
    const cache = new BuiltPerFilter<string>(10);
    let builds = 0;
    const get = (filter: unknown, extra: unknown = 'name') => cache.get(filter, extra, () => `built ${++builds}`);
    expect(get({ status: 'ACTIVE' })).toBe('built 1');
    expect(get({ status: 'ACTIVE' })).toBe('built 1');
    expect(get({ status: 'TERMINATED' })).toBe('built 2');
    expect(get({ status: 'ACTIVE' }, 'createdAt')).toBe('built 3');
    expect(builds).toBe(3);
  });

  it('never keys a filter JSON does not fully describe: raw SQL, dates, class instances', () => {
    const cache = new BuiltPerFilter<number>(10);
    let builds = 0;
    const fragmentKey = { [raw('exists (select 1)')]: [] };
    for (const filter of [fragmentKey, { createdAt: { $gte: new Date(0) } }, { id: { $in: [raw('1')] } }]) {
      expect(plainJson(filter)).toBe(false);
      cache.get(filter, undefined, () => ++builds);
      cache.get(filter, undefined, () => ++builds);
    }
    expect(builds).toBe(6);
  });

  it('keeps at most max entries and still answers beyond them', () => {
    const cache = new BuiltPerFilter<number>(2);
    let builds = 0;
    for (const n of [1, 2, 3, 3, 1]) cache.get({ n }, undefined, () => ++builds);
    // 1 and 2 are kept; 3 is built each time it is asked.
    expect(builds).toBe(4);
  });
});

describe('BuiltPerKey', () => {
  it('builds once per key, keeps at most max keys and still answers beyond them', () => {
    const cache = new BuiltPerKey<string, string>(2);
    let builds = 0;
    const get = (key: string) => cache.get(key, () => `${key} ${++builds}`);
    expect(get('a')).toBe('a 1');
    expect(get('a')).toBe('a 1');
    expect(get('b')).toBe('b 2');
    // Past two keys: built every time, never kept.
    expect(get('c')).toBe('c 3');
    expect(get('c')).toBe('c 4');
    expect(get('b')).toBe('b 2');
  });
});
