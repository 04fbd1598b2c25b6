import { canRead, dataMap, staff } from '@register/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, onlyError, sql } from './support/helpers.js';
import { startTestApp, type Client, type TestApp } from './support/test-app.js';

/**
 * Aggregate statistics for analysts (promise 7): never a figure over fewer than five people —
 * not as a group, not as the difference of a total and its groups, not as the difference of two
 * queries with overlapping filters — and no individual data for the analyst anywhere.
 */

interface Group {
  segment: string | null;
  service: string | null;
  region: string | null;
  ageBand: string | null;
  kind: string | null;
  hidden: string[];
  people: number;
  monthlyValueCents: number;
}
interface Statistics {
  groups: Group[];
  people: number;
  minimumGroupSize: number;
}

const QUERY = `query($groupBy: [StatisticsDimension!]!, $filter: StatisticsFilter) {
  customerStatistics(groupBy: $groupBy, filter: $filter) {
    groupBy people minimumGroupSize computedAt
    groups { segment service region ageBand kind hidden people monthlyValueCents }
  }
}`;

let app: TestApp;
let analyst: Client;

let n = 0;
/** Current customers with everything the cells depend on fixed (no contracts: STANDARD, no active service). */
async function customers(count: number, row: { kind: 'PRIVATE' | 'BUSINESS'; postalCode: string; dateOfBirth: string | null; status?: string }) {
  for (let i = 0; i < count; i += 1) {
    n += 1;
    await sql(
      app,
      `insert into customer (id, kind, name, date_of_birth, postal_code, city, country, status, source_type, collected_at, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, 'X', 'FI', ?, 'DATA_SUBJECT', '2015-01-01', '2015-01-01', '2015-01-01')`,
      [row.kind, `Tilasto ${n}`, row.dateOfBirth, row.postalCode, row.status ?? 'ACTIVE'],
    );
  }
}

async function statistics(groupBy: string[], filter?: Record<string, unknown>, client = analyst): Promise<Statistics> {
  const result = await client.gql<{ customerStatistics: Statistics }>(QUERY, { groupBy, filter });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.customerStatistics;
}

beforeAll(async () => {
  app = await startTestApp({ customers: 0 });
  // Cells (type, segment, region, age band, services) — every one STANDARD with no active service:
  await customers(7, { kind: 'PRIVATE', postalCode: '00100', dateOfBirth: '1990-03-03' }); // A: Uusimaa, 30–44
  await customers(6, { kind: 'PRIVATE', postalCode: '33100', dateOfBirth: '1990-03-03' }); // B: Pirkanmaa, 30–44
  await customers(5, { kind: 'BUSINESS', postalCode: '33100', dateOfBirth: null }); // D: Pirkanmaa business — exactly five
  // Small cells: four aged 65+ in Uusimaa and three in Pirkanmaa. Only together (private, STANDARD,
  // region, age and services hidden) are they five or more.
  await customers(4, { kind: 'PRIVATE', postalCode: '00390', dateOfBirth: '1950-03-03' }); // C
  await customers(3, { kind: 'PRIVATE', postalCode: '33100', dateOfBirth: '1950-03-03' }); // E
  // Two business customers in Uusimaa: alone even with everything hidden but their type — never counted.
  await customers(2, { kind: 'BUSINESS', postalCode: '00100', dateOfBirth: null }); // F
  // Not current customers: never counted.
  await customers(3, { kind: 'PRIVATE', postalCode: '00100', dateOfBirth: '1990-03-03', status: 'PROSPECT' });
  await customers(3, { kind: 'PRIVATE', postalCode: '00100', dateOfBirth: '1990-03-03', status: 'TERMINATED' });
  analyst = await app.as('analyst');
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('groups of fewer than five people', () => {
  it('are never counted: the small cells are published only with their distinguishing attributes hidden', async () => {
    const byAge = await statistics(['AGE_BAND']);
    expect(byAge.minimumGroupSize).toBe(5);
    expect(byAge.groups.map((g) => [g.ageBand, g.people, g.hidden])).toEqual([
      ['AGE_30_44', 13, []],
      ['UNKNOWN', 5, []],
      [null, 7, ['AGE_BAND']],
    ]);
    const byRegion = await statistics(['REGION']);
    expect(byRegion.groups.map((g) => [g.region, g.people])).toEqual([
      ['PIRKANMAA', 11],
      ['UUSIMAA', 7],
      [null, 7],
    ]);
    // The two business customers of Uusimaa are in no figure at all.
    expect((await statistics(['KIND'])).groups.map((g) => [g.kind, g.people])).toEqual([
      ['BUSINESS', 5],
      ['PRIVATE', 20],
    ]);
    const fine = await statistics(['REGION', 'AGE_BAND', 'KIND', 'SEGMENT', 'SERVICE']);
    expect(fine.groups.every((g) => g.people >= 5)).toBe(true);
    expect(fine.groups.map((g) => g.people).sort()).toEqual([5, 6, 7, 7]);
    const hidden = fine.groups.find((g) => g.hidden.length > 0)!;
    expect(hidden).toMatchObject({ kind: 'PRIVATE', segment: 'STANDARD', region: null, ageBand: null, service: null, people: 7 });
    expect(hidden.hidden.sort()).toEqual(['AGE_BAND', 'REGION', 'SERVICE']);
  });

  it('a total minus its visible groups gives nothing away (the subtraction attack)', async () => {
    const total = await statistics([]);
    expect(total.groups).toHaveLength(1);
    expect(total.people).toBe(25);
    for (const dimension of ['REGION', 'AGE_BAND', 'KIND', 'SEGMENT', 'SERVICE']) {
      const grouped = await statistics([dimension]);
      const shown = grouped.groups.filter((g) => g.hidden.length === 0).reduce((sum, g) => sum + g.people, 0);
      const all = grouped.groups.reduce((sum, g) => sum + g.people, 0);
      // Every counted person is in one group, and the rest (total minus shown) is a group of five or more, or none.
      expect(all, dimension).toBe(total.people);
      expect(total.people - shown === 0 || total.people - shown >= 5, dimension).toBe(true);
      expect(grouped.people).toBe(total.people);
    }
  });

  it('two queries with overlapping filters differ by zero or at least five people, never by the four', async () => {
    // Everyone in Uusimaa minus those of Uusimaa aged 30–44 would be the four aged 65+.
    const uusimaa = await statistics([], { regions: ['UUSIMAA'] });
    const uusimaaYoung = await statistics([], { regions: ['UUSIMAA'], ageBands: ['AGE_30_44'] });
    expect(uusimaa.people).toBe(7);
    expect(uusimaa.people - uusimaaYoung.people).toBe(0);
    // Private customers minus private customers aged 30–44, region by region.
    const privateAll = await statistics(['REGION'], { kinds: ['PRIVATE'] });
    const privateYoung = await statistics(['REGION'], { kinds: ['PRIVATE'], ageBands: ['AGE_30_44'] });
    for (const group of privateAll.groups) {
      const other = privateYoung.groups.find((g) => g.region === group.region)?.people ?? 0;
      const difference = group.people - other;
      expect(difference === 0 || difference >= 5, `${group.region}: ${difference}`).toBe(true);
    }
    // Filtering to the small cells' own values finds nobody: hidden values match no filter.
    expect((await statistics(['REGION'], { ageBands: ['AGE_65_PLUS'] })).groups).toEqual([]);
    expect((await statistics([], { ageBands: ['AGE_65_PLUS'] })).people).toBe(0);
    expect((await statistics([], { kinds: ['BUSINESS'], regions: ['UUSIMAA'] })).people).toBe(0);
    // Business customers: all of them minus those of Pirkanmaa would be the two of Uusimaa.
    const business = await statistics([], { kinds: ['BUSINESS'] });
    const businessPirkanmaa = await statistics([], { kinds: ['BUSINESS'], regions: ['PIRKANMAA'] });
    expect(business.people - businessPirkanmaa.people).toBe(0);
  });
});

describe('the query', () => {
  it('is audited without any data subject', async () => {
    await statistics(['REGION', 'KIND'], { kinds: ['PRIVATE'] });
    const [event] = await sql<{ subject_id: string | null; fields: string[]; action: string; actor_type: string }>(
      app,
      `select subject_id, fields, action, actor_type from audit_event where operation = 'customerStatistics' order by seq desc limit 1`,
    );
    expect(event).toMatchObject({ subject_id: null, action: 'statistics', actor_type: 'staff' });
    expect(event!.fields).toEqual(['groupBy:REGION', 'groupBy:KIND', 'filter:kinds']);
  });

  it('says what is wrong with its input', async () => {
    expectBadInput(await analyst.gql(QUERY, { groupBy: ['REGION', 'REGION'] }), 'groupBy.1');
    expectBadInput(await analyst.gql(QUERY, { groupBy: [], filter: { regions: [] } }), 'filter.regions');
    expectBadInput(await analyst.gql(QUERY, { groupBy: ['COLOUR'] }), 'groupBy');
  });

  it('is for analysts and the dpo only', async () => {
    expect((await statistics(['KIND'], undefined, await app.as('dpo'))).people).toBe(25);
    for (const role of ['service', 'sales', 'billing', 'marketing', 'admin']) {
      onlyError(await (await app.as(role)).gql(QUERY, { groupBy: [] }), 'FORBIDDEN');
    }
    onlyError(await app.anonymous().gql(QUERY, { groupBy: [] }), 'UNAUTHENTICATED');
  });
});

describe('the analyst reads no individual data', () => {
  it('no field of any type of the data map is readable by the analyst', () => {
    const readable = Object.entries(dataMap).flatMap(([type, classification]) =>
      Object.keys(classification.fields)
        .filter((field) => canRead(staff('analyst'), type, field))
        .map((field) => `${type}.${field}`),
    );
    expect(readable).toEqual([]);
  });

  it('every query returning a type of the data map is refused to the analyst', async () => {
    const schema = await analyst.gql<{ __schema: { queryType: { fields: { name: string; args: { name: string; type: { kind: string; ofType: { kind: string; enumValues: { name: string }[] | null } | null } }[]; type: unknown }[] } } }>(
      `{ __schema { queryType { fields { name args { name type { kind ofType { kind enumValues { name } } } } type { kind name ofType { kind name ofType { kind name ofType { name } } } } } } } }`,
    );
    const named = (type: unknown): string | undefined => {
      let current = type as { name?: string | null; ofType?: unknown } | null;
      while (current && !current.name) current = current.ofType as typeof current;
      return current?.name ?? undefined;
    };
    const queries = schema.data!.__schema.queryType.fields.filter((field) => {
      const type = named(field.type);
      return type !== undefined && type in dataMap;
    });
    expect(queries.length).toBeGreaterThan(10);
    for (const query of queries) {
      const args = query.args
        .filter((arg) => arg.type.kind === 'NON_NULL')
        .map((arg) => `${arg.name}: ${arg.type.ofType?.kind === 'ENUM' ? arg.type.ofType.enumValues![0]!.name : '"6f9619ff-8b86-4d01-b42d-00c04fc964ff"'}`)
        .join(', ');
      const type = named(query.type)!;
      const field = Object.keys(dataMap[type as keyof typeof dataMap].fields)[0];
      const result = await analyst.gql(`{ ${query.name}${args ? `(${args})` : ''} { ${field} } }`);
      expect(result.errors?.[0]?.extensions?.code, `${query.name}: ${JSON.stringify(result)}`).toBe('FORBIDDEN');
    }
  });
});
