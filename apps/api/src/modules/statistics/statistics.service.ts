import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput } from '../../common/errors.js';
import type { CompiledFiguresService } from '../compiled/compiled.service.js';
import type { CustomerSegment } from '../compiled/compiled.types.js';
import { todayInFinland } from '../contract/contract.validation.js';
import type { CustomerKind } from '../customer/customer.enums.js';
import { FinnishRegion, REGION_BY_POSTAL_PREFIX, StatisticsService, type AgeBand } from './statistics.dimensions.js';
import {
  CustomerStatistics,
  StatisticsDimension,
  StatisticsGroup,
  type CustomerStatisticsArgs,
  type StatisticsFilter,
} from './statistics.types.js';

/** No figure is ever computed over fewer distinct people than this. */
export const MINIMUM_GROUP_SIZE = 5;

/** Column of each dimension in the `published` rows (SERVICE comes from unnesting the services). */
const COLUMN: Record<StatisticsDimension, string> = {
  [StatisticsDimension.SEGMENT]: 'segment',
  [StatisticsDimension.SERVICE]: 'service',
  [StatisticsDimension.REGION]: 'region',
  [StatisticsDimension.AGE_BAND]: 'age_band',
  [StatisticsDimension.KIND]: 'kind',
};

const FILTER_COLUMN: Record<keyof StatisticsFilter, string> = {
  segments: 'segment',
  services: 'service',
  regions: 'region',
  ageBands: 'age_band',
  kinds: 'kind',
};

const REGION_VALUES = [...REGION_BY_POSTAL_PREFIX]
  .map(([prefix, region]) => {
    // Constants of this module only, checked so that nothing else could ever be spliced in.
    if (!/^\d{2}$/.test(prefix) || !/^[A-Z_]+$/.test(region)) throw new Error(`bad region table entry ${prefix}`);
    return `('${prefix}', '${region}')`;
  })
  .join(', ');

/**
 * The cells of each step of the suppression: the columns that are still shown. A person is
 * published at the first step whose cell (among the people not yet published) has at least five.
 */
const LEVELS: readonly (readonly string[])[] = [
  ['kind', 'segment', 'region', 'age_band', 'services'],
  ['kind', 'segment', 'region', 'age_band'],
  ['kind', 'segment', 'region'],
  ['kind', 'segment'],
  ['kind'],
  [],
];
/** From which step on each column is hidden. */
const HIDDEN_FROM: Record<string, number> = { services: 1, age_band: 2, region: 3, segment: 4, kind: 5 };

const GENERALISATION = (() => {
  const steps = LEVELS.map((columns, level) => {
    const earlier = Array.from({ length: level }, (_, i) => `level${i}`);
    const open = level === 0 ? 'true' : `coalesce(${earlier.join(', ')}) is null`;
    const source = level === 0 ? 'person' : `step${level - 1}`;
    return `step${level} as (
         select ${source}.*, case when count(*) filter (where ${open}) over (${columns.length > 0 ? `partition by ${columns.join(', ')}` : ''}) >= ? then ${level} end as level${level}
           from ${source}
       )`;
  });
  const last = `step${LEVELS.length - 1}`;
  const shown = (column: string) => `case when level < ${HIDDEN_FROM[column]} then ${column} end as ${column}`;
  return `${steps.join(', ')}, leveled as (
         select ${last}.*, coalesce(${LEVELS.map((_, i) => `level${i}`).join(', ')}) as level from ${last}
       ), published as (
         select id, monthly_value_cents, ${Object.keys(HIDDEN_FROM).map(shown).join(', ')}
           from leveled
          where level is not null`;
})();

interface GroupRow {
  segment: string | null;
  service: string | null;
  region: string | null;
  age_band: string | null;
  kind: string | null;
  is_total: boolean;
  people: number;
  value_cents: string;
}

/**
 * Aggregate statistics of current (ACTIVE) customers for analysts: counts and monthly value by
 * segment, kind of service, region, age band and customer type, computed in one SQL statement.
 *
 * THE SUPPRESSION RULE (k-anonymity by local suppression, k = 5). The five dimensions give each
 * current customer a *cell*: customer type, segment, region, age band and the SET of kinds of
 * service they have. Before any filter or grouping, the people of every cell of fewer than five
 * have attributes hidden, finest first, until they share a cell of at least five with others
 * whose same attributes are hidden: first the services, then also the age band, the region, the
 * segment, the customer type; whoever is still in a group of fewer than five with everything
 * hidden is left out. This partition of the customers into published cells (each of at least
 * five, each with some attributes hidden) depends on the register alone, never on the query, and
 * a hidden attribute matches no filter value and groups as "not shown". So every number the API
 * returns — a group, a total, any filtered or unfiltered query — is a sum over whole published
 * cells, and so is the difference of any two answers (a total minus its visible groups, two
 * queries with overlapping filters): zero or at least five people, never a smaller group, and
 * never a hidden attribute of anyone. Groups are also checked against the minimum after grouping
 * (HAVING). Not defended here: differences over time (the same query before and after a change
 * in the register).
 */
export class CustomerStatisticsService {
  constructor(private readonly figures: CompiledFiguresService) {}

  async customerStatistics(em: EntityManager, audit: AuditLog, args: CustomerStatisticsArgs, now = new Date()): Promise<CustomerStatistics> {
    const groupBy = args.groupBy ?? [];
    groupBy.forEach((dimension, index) => {
      if (groupBy.indexOf(dimension) !== index) {
        throw badInput(`groupBy.${index}`, `${dimension} is given twice: group by each dimension at most once`);
      }
    });
    const filter = args.filter ?? {};
    const filterKeys = (Object.keys(FILTER_COLUMN) as (keyof StatisticsFilter)[]).filter((key) => filter[key] !== undefined && filter[key] !== null);
    for (const key of filterKeys) {
      if ((filter[key] as unknown[]).length === 0) throw badInput(`filter.${key}`, 'give at least one value, or leave the filter out');
    }

    const today = todayInFinland(now);
    const segmented = this.figures.segmentedSql(today);
    const params: unknown[] = [...segmented.params, today, today, today, today, ...LEVELS.map(() => MINIMUM_GROUP_SIZE)];
    // Grouped by service, a customer counts once in each of their kinds of service; filtered by
    // service only, once if any of theirs is listed.
    const byService = groupBy.includes(StatisticsDimension.SERVICE);
    const where = filterKeys.map((key) => {
      const values = [...new Set(filter[key] as string[])];
      params.push(...values);
      const list = `array[${values.map(() => '?').join(', ')}]::text[]`;
      if (key === 'services' && !byService) return `services && ${list}`;
      return `${FILTER_COLUMN[key]} = any(${list})`;
    });
    const columns = groupBy.map((dimension) => COLUMN[dimension]);
    const groupClause = columns.length > 0 ? `group by grouping sets ((${columns.join(', ')}), ())` : '';
    params.push(MINIMUM_GROUP_SIZE);
    const select = (Object.keys(COLUMN) as StatisticsDimension[])
      .map((dimension) => (groupBy.includes(dimension) ? COLUMN[dimension] : `null::text as ${COLUMN[dimension]}`))
      .join(', ');

    const rows = await em.getConnection().execute<GroupRow[]>(
      `${segmented.sql}, person as (
         select cu.id,
                cu.kind::text as kind,
                s.segment::text as segment,
                coalesce(region.name, '${FinnishRegion.UNKNOWN}') as region,
                case
                  when cu.date_of_birth is null then 'UNKNOWN'
                  when extract(year from age(?::date, cu.date_of_birth)) < 18 then 'UNDER_18'
                  when extract(year from age(?::date, cu.date_of_birth)) < 30 then 'AGE_18_29'
                  when extract(year from age(?::date, cu.date_of_birth)) < 45 then 'AGE_30_44'
                  when extract(year from age(?::date, cu.date_of_birth)) < 65 then 'AGE_45_64'
                  else 'AGE_65_PLUS'
                end as age_band,
                coalesce(kinds.services, array['${StatisticsService.NO_ACTIVE_SERVICE}']) as services,
                s.monthly_value_cents
           from customer cu
           join segmented s on s.customer_id = cu.id
           left join (values ${REGION_VALUES}) as region(prefix, name)
                  on cu.country = 'FI' and cu.postal_code ~ '^[0-9]{5}$' and region.prefix = left(cu.postal_code, 2)
           left join lateral (
             select array_agg(distinct sp.kind::text order by sp.kind::text) as services
               from contract c
               join contract_line cl on cl.contract_id = c.id and cl.removed_date is null
               join service_product sp on sp.id = cl.service_product_id
              where c.customer_id = cu.id and c.status = 'ACTIVE'
           ) kinds on true
          where cu.status = 'ACTIVE'
       ), ${GENERALISATION}
       ), counted as (
         select published.*${byService ? ', service' : ', null::text as service'}
           from published${byService ? ' cross join lateral unnest(coalesce(services, array[null::text])) as service' : ''}
       )
       select ${select},
              ${columns.length > 0 ? `grouping(${columns.join(', ')}) <> 0` : 'true'} as is_total,
              count(distinct id)::int as people,
              coalesce(sum(monthly_value_cents), 0)::text as value_cents
         from counted
        ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
        ${groupClause}
       having count(distinct id) >= ? or ${columns.length > 0 ? `grouping(${columns.join(', ')}) <> 0` : 'true'}
        order by ${[...columns, 'is_total'].map((column) => `${column} nulls last`).join(', ')}`,
      params,
      'all',
    );

    audit.later({
      operation: 'customerStatistics',
      action: 'statistics',
      subjectType: null,
      subjectId: null,
      fields: [...groupBy.map((dimension) => `groupBy:${dimension}`), ...filterKeys.map((key) => `filter:${key}`)],
    });

    const total = rows.find((row) => row.is_total);
    const groups = rows
      .filter((row) => !row.is_total || columns.length === 0)
      .filter((row) => row.people >= MINIMUM_GROUP_SIZE)
      .map((row) =>
        Object.assign(new StatisticsGroup(), {
          segment: row.segment as CustomerSegment | null,
          service: row.service as StatisticsService | null,
          region: row.region as FinnishRegion | null,
          ageBand: row.age_band as AgeBand | null,
          kind: row.kind as CustomerKind | null,
          hidden: groupBy.filter((dimension) => row[COLUMN[dimension] as keyof GroupRow] === null),
          people: row.people,
          monthlyValueCents: Number(row.value_cents),
        }),
      );
    return Object.assign(new CustomerStatistics(), {
      groupBy,
      groups,
      // The total of what was counted: itself a union of cells of at least five people (or none).
      people: total && total.people >= MINIMUM_GROUP_SIZE ? total.people : 0,
      minimumGroupSize: MINIMUM_GROUP_SIZE,
      computedAt: now,
    });
  }
}
