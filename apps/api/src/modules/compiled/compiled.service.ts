import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../common/errors.js';
import { listOptions, MAX_PER_PAGE } from '../../graphql/list.js';
import { isUuid } from '../customer/customer.service.js';
import { todayInFinland } from '../contract/contract.validation.js';
import { CUSTOMER_FIGURES_SORT_FIELDS, type CustomerFiguresFilter, type CustomerFiguresListArgs } from './compiled.input.js';
import { CustomerFigures, CustomerSegment, SEGMENT_RULES } from './compiled.types.js';

/**
 * Counts the open (unpaid, uncredited) invoices of each of the given customers in one statement.
 * Billing owns invoices: the lead wires its counter into `new CompiledFiguresService(counter)` in
 * services.ts. A customer missing from the returned map has none. Until then: none for anyone.
 */
export type OpenInvoiceCounter = (em: EntityManager, customerIds: readonly string[]) => Promise<ReadonlyMap<string, number>>;

export const noOpenInvoices: OpenInvoiceCounter = async () => new Map();

/**
 * A counter over the billing module's `invoice` table (customer_id, status): every invoice that
 * is not PAID or CREDITED is open (OPEN, REMINDER_SENT, IN_COLLECTION). To wire it, in
 * services.ts: `figures: new CompiledFiguresService(openInvoicesFromInvoiceTable)`.
 */
export const openInvoicesFromInvoiceTable: OpenInvoiceCounter = async (em, customerIds) => {
  const ids = customerIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await em.getConnection().execute<{ customer_id: string; n: string }[]>(
    `select customer_id, count(*)::text as n from invoice
      where customer_id in (${ids.map(() => '?').join(', ')}) and status not in ('PAID', 'CREDITED')
      group by customer_id`,
    ids,
    'all',
  );
  return new Map(rows.map((row) => [row.customer_id, Number(row.n)]));
};

const SORT_COLUMNS: Record<(typeof CUSTOMER_FIGURES_SORT_FIELDS)[number], string> = {
  customerId: 'customer_id',
  activeServices: 'active_services',
  monthlyValueCents: 'monthly_value_cents',
  customerSince: 'customer_since',
  segment: 'segment',
};

interface FiguresRow {
  customer_id: string;
  active_services: number;
  /** bigint: node-postgres returns it as a string */
  monthly_value_cents: string;
  customer_since: string;
  segment: CustomerSegment;
}

const COLUMNS =
  "customer_id, active_services, monthly_value_cents, to_char(customer_since, 'YYYY-MM-DD') as customer_since, segment";

function monthsBefore(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) - months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/**
 * Figures per customer, compiled in ONE SQL statement for the whole requested set (a page, or
 * the given customers): active services and monthly value from the lines of ACTIVE contracts,
 * customer since from the earliest contract start so far (else the day the customer was
 * entered), and the segment from both (thresholds in compiled.types.ts). Nothing is stored.
 */
export class CompiledFiguresService {
  constructor(private readonly openInvoices: OpenInvoiceCounter = noOpenInvoices) {}

  private query(filter: CustomerFiguresFilter | undefined, today: string) {
    const params: unknown[] = [];
    const customerWhere: string[] = [];
    const ids = [...(filter?.customerIds ?? []), ...(filter?.ids ?? [])];
    if (filter?.customerIds || filter?.ids) {
      if (ids.length > MAX_PER_PAGE) throw badInput('filter.customerIds', `at most ${MAX_PER_PAGE} customers at a time`);
      const valid = [...new Set(ids.filter(isUuid))];
      if (valid.length === 0) customerWhere.push('false');
      else {
        customerWhere.push(`cu.id in (${valid.map(() => '?').join(', ')})`);
        params.push(...valid);
      }
    }
    const sql = `
      with figures as (
        select cu.id as customer_id,
               coalesce(active.services, 0)::int as active_services,
               coalesce(active.value_cents, 0)::bigint as monthly_value_cents,
               coalesce(first_contract.start_date, (cu.created_at at time zone 'Europe/Helsinki')::date) as customer_since
          from customer cu
          left join lateral (
            select count(*) as services, sum(cl.quantity::bigint * cl.monthly_price_cents) as value_cents
              from contract c
              join contract_line cl on cl.contract_id = c.id and cl.removed_date is null
             where c.customer_id = cu.id and c.status = 'ACTIVE'
          ) active on true
          left join lateral (
            select min(c.start_date) as start_date
              from contract c
             where c.customer_id = cu.id and c.status in ('ACTIVE', 'ENDED') and c.start_date <= ?::date
          ) first_contract on true
         ${customerWhere.length > 0 ? `where ${customerWhere.join(' and ')}` : ''}
      ), segmented as (
        select figures.*,
               case
                 when monthly_value_cents >= ? then 'KEY'
                 when customer_since > ?::date then 'NEW'
                 when monthly_value_cents >= ? and customer_since <= ?::date then 'VALUED'
                 else 'STANDARD'
               end as segment
          from figures
      )`;
    params.unshift(today);
    params.push(
      SEGMENT_RULES.keyMonthlyValueCents,
      monthsBefore(today, SEGMENT_RULES.newForMonths),
      SEGMENT_RULES.valuedMonthlyValueCents,
      monthsBefore(today, SEGMENT_RULES.valuedAfterMonths),
    );
    const where = filter?.segment ? 'where segment = ?' : '';
    if (filter?.segment) params.push(filter.segment);
    return { sql, where, params };
  }

  /**
   * The figures of every customer as SQL ending in the CTE `segmented` (customer_id,
   * active_services, monthly_value_cents, customer_since, segment), for aggregate statistics.
   */
  segmentedSql(today: string = todayInFinland()): { sql: string; params: unknown[] } {
    const { sql, params } = this.query(undefined, today);
    return { sql, params };
  }

  async list(em: EntityManager, args: CustomerFiguresListArgs, withInvoices = true): Promise<CustomerFigures[]> {
    const options = listOptions(args, CUSTOMER_FIGURES_SORT_FIELDS, { sortField: 'monthlyValueCents', sortOrder: 'DESC', tieBreaker: 'customerId' });
    const order = Object.entries(options.orderBy)
      .map(([field, direction]) => `${SORT_COLUMNS[field as keyof typeof SORT_COLUMNS]} ${direction}`)
      .join(', ');
    const { sql, where, params } = this.query(args.filter, todayInFinland());
    const rows = await em
      .getConnection()
      .execute<FiguresRow[]>(`${sql} select ${COLUMNS} from segmented ${where} order by ${order} limit ? offset ?`, [...params, options.limit, options.offset], 'all');
    return this.figures(em, rows, withInvoices);
  }

  async count(em: EntityManager, args: CustomerFiguresListArgs): Promise<number> {
    const { sql, where, params } = this.query(args.filter, todayInFinland());
    const [row] = await em.getConnection().execute<{ n: string }[]>(`${sql} select count(*)::text as n from segmented ${where}`, params, 'all');
    return Number(row?.n ?? 0);
  }

  async forCustomer(em: EntityManager, customerId: string, withInvoices = true): Promise<CustomerFigures | null> {
    if (!isUuid(customerId)) return null;
    const [figures] = await this.list(em, { filter: { customerIds: [customerId] }, perPage: 1 }, withInvoices);
    return figures ?? null;
  }

  private async figures(em: EntityManager, rows: FiguresRow[], withInvoices: boolean): Promise<CustomerFigures[]> {
    const ids = rows.map((row) => row.customer_id);
    const open = withInvoices && ids.length > 0 ? await this.openInvoices(em, ids) : new Map<string, number>();
    return rows.map((row) =>
      Object.assign(new CustomerFigures(), {
        id: row.customer_id,
        customerId: row.customer_id,
        activeServices: Number(row.active_services),
        monthlyValueCents: Number(row.monthly_value_cents),
        customerSince: row.customer_since,
        openInvoices: open.get(row.customer_id) ?? 0,
        segment: row.segment,
      }),
    );
  }
}
