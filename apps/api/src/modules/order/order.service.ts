import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@register/schema';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerStatus, DataSource } from '../customer/customer.enums.js';
import { isUuid } from '../customer/customer.service.js';
import { Order, OrderLine } from './order.entity.js';
import { isOpenOrderStatus, OPEN_ORDER_STATUSES, OrderStatus } from './order.enums.js';
import { euros, recordSalesHistory } from './order.history.js';
import {
  ORDER_SORT_FIELDS,
  type CreateOrderArgs,
  type NewOrderArgs,
  type OrderFilter,
  type OrderListArgs,
  type UpdateOrderArgs,
  type UpdateOrderDeliveryArgs,
} from './order.input.js';
import * as validate from './order.validation.js';
import { requestLoader } from './request-loaders.js';
import { priceLines, sumOf, type PricedLine } from './sales-lines.js';

/** The forward path of an order; CANCELLED may end any open order. */
const PROGRESS: Record<OrderStatus, number> = {
  [OrderStatus.NEW]: 0,
  [OrderStatus.CONFIRMED]: 1,
  [OrderStatus.IN_DELIVERY]: 2,
  [OrderStatus.DELIVERED]: 3,
  [OrderStatus.CANCELLED]: 4,
};

/** What the delivery partner may report. */
const PARTNER_STATUSES: readonly OrderStatus[] = [OrderStatus.IN_DELIVERY, OrderStatus.DELIVERED];

const ADDRESS_FOR_DELIVERY = ['deliveryStreetAddress', 'deliveryPostalCode', 'deliveryCity', 'recipientName', 'deliveryDate'] as const;

/** The changes an update may make; staff give all of them, the delivery partner status and deliveredAt. */
type OrderChanges = Omit<UpdateOrderArgs, 'id'>;

export function nextStatuses(status: OrderStatus): OrderStatus[] {
  if (!isOpenOrderStatus(status)) return [];
  return Object.values(OrderStatus).filter(
    (next) => next === OrderStatus.CANCELLED || PROGRESS[next] > PROGRESS[status],
  );
}

/**
 * Orders: validated on every write, written with their audit event and history event in one
 * transaction. A delivery partner sees open orders only: every read goes through `visibleTo`.
 */
export class OrderService {
  /** The rows a caller may see at all: partners only ever see open orders. */
  private visibleTo(principal: Principal | undefined): FilterQuery<Order> {
    return principal?.kind === 'partner' ? { status: { $in: [...OPEN_ORDER_STATUSES] } } : {};
  }

  where(filter: OrderFilter | undefined, principal?: Principal): FilterQuery<Order> {
    const conditions: FilterQuery<Order>[] = [this.visibleTo(principal)];
    if (filter?.ids) conditions.push({ id: { $in: filter.ids.filter(isUuid) } });
    if (filter?.customerId) {
      if (!isUuid(filter.customerId)) throw badInput('filter.customerId', 'is not the id of any customer');
      conditions.push({ customer: filter.customerId });
    }
    if (filter?.quotationId) {
      if (!isUuid(filter.quotationId)) throw badInput('filter.quotationId', 'is not the id of any quotation');
      conditions.push({ quotation: filter.quotationId });
    }
    if (filter?.orderNumber !== undefined && filter.orderNumber !== null) conditions.push({ orderNumber: filter.orderNumber });
    if (filter?.status) conditions.push({ status: filter.status });
    if (filter?.open === true) conditions.push({ status: { $in: [...OPEN_ORDER_STATUSES] } });
    if (filter?.open === false) conditions.push({ status: { $nin: [...OPEN_ORDER_STATUSES] } });
    if (filter?.orderedAfter && filter.orderedBefore && filter.orderedAfter > filter.orderedBefore) {
      throw badInput('filter.orderedAfter', 'must not be after filter.orderedBefore');
    }
    if (filter?.orderedAfter) conditions.push({ orderDate: { $gte: filter.orderedAfter } });
    if (filter?.orderedBefore) conditions.push({ orderDate: { $lte: filter.orderedBefore } });
    return { $and: conditions } as FilterQuery<Order>;
  }

  async list(em: EntityManager, args: OrderListArgs, principal?: Principal): Promise<Order[]> {
    return em.find(
      Order,
      this.where(args.filter, principal),
      listOptions(args, ORDER_SORT_FIELDS, { sortField: 'orderNumber', sortOrder: 'DESC' }),
    );
  }

  async count(em: EntityManager, args: OrderListArgs, principal?: Principal): Promise<number> {
    return em.count(Order, this.where(args.filter, principal));
  }

  /** One order, or null when it does not exist or is not visible to the caller. */
  async get(em: EntityManager, id: string, principal?: Principal): Promise<Order | null> {
    if (!isUuid(id)) return null;
    return em.findOne(Order, { $and: [{ id }, this.visibleTo(principal)] } as FilterQuery<Order>);
  }

  async getOrFail(em: EntityManager, id: string, principal?: Principal): Promise<Order> {
    const order = await this.get(em, id, principal);
    if (!order) throw notFound('Order', id);
    return order;
  }

  /** The lines of an order; the orders of one request are loaded together (one statement). */
  async linesOf(em: EntityManager, order: Order): Promise<OrderLine[]> {
    if (order.lines.isInitialized()) return order.lines.getItems();
    return requestLoader<Order, OrderLine[]>(em, 'Order.lines', async (orders) => {
      await em.populate(orders as Order[], ['lines']);
      return orders.map((o) => o.lines.getItems());
    }).load(order);
  }

  /** A customer who may order: exists and the relationship has not ended. */
  async customerFor(
    em: EntityManager,
    problems: InputProblems,
    field: string,
    id: string | null | undefined,
  ): Promise<Customer | undefined> {
    const checked = validate.id(problems, field, id, 'customer');
    if (!checked) return undefined;
    const customer = await em.findOne(Customer, { id: checked }, { fields: ['id', 'status'] });
    if (!customer) {
      problems.add(field, 'is not the id of any customer');
      return undefined;
    }
    if (customer.status === CustomerStatus.TERMINATED) {
      problems.add(field, 'this customer relationship has ended (TERMINATED): it takes no new orders or quotations');
      return undefined;
    }
    // Only the id and status are loaded: that is all an order needs to know of its customer.
    return customer as unknown as Customer;
  }

  async create(em: EntityManager, audit: AuditLog, args: CreateOrderArgs): Promise<Order> {
    const problems = new InputProblems();
    const customer = await this.customerFor(em, problems, 'customerId', args.customerId);
    const lines = await priceLines(em, problems, args.lines);
    const order = this.prepare(problems, args, customer, lines);
    problems.throwIfAny();
    await em.transactional(async (tx) => {
      await this.insert(tx, audit, order!, 'createOrder');
    });
    return order!;
  }

  /**
   * Validates a new order (collecting every problem) and builds it, unsaved. Returns undefined
   * when anything is wrong; the caller throws the problems.
   */
  prepare(
    problems: InputProblems,
    args: NewOrderArgs,
    customer: Customer | undefined,
    lines: PricedLine[] | undefined,
  ): Order | undefined {
    const now = new Date();
    const today = validate.helsinkiToday(now);
    const orderDate =
      args.orderDate === undefined || args.orderDate === null
        ? today
        : validate.date(problems, 'orderDate', args.orderDate, { notAfter: today });
    // An order may be taken before the delivery date is agreed; a date given is never before the order.
    const deliveryDate = validate.date(problems, 'deliveryDate', args.deliveryDate);
    if (orderDate && deliveryDate && deliveryDate < orderDate) {
      problems.add('deliveryDate', `cannot be before the order date (${orderDate})`);
    }
    const street = validate.text(problems, 'deliveryStreetAddress', args.deliveryStreetAddress, 200);
    const city = validate.text(problems, 'deliveryCity', args.deliveryCity, 100);
    const recipientName = validate.text(problems, 'recipientName', args.recipientName, 200);
    const country = validate.countryCode(problems, 'deliveryCountry', args.deliveryCountry) ?? 'FI';
    const postalCode = validate.postalCode(problems, 'deliveryPostalCode', args.deliveryPostalCode, country);
    const simIccids = validate.iccids(problems, 'simIccids', args.simIccids);
    const sourceType = args.sourceType ?? DataSource.DATA_SUBJECT;
    const sourcePartner = validate.text(problems, 'sourcePartner', args.sourcePartner, 100);
    validate.provenance(problems, { sourceType, sourcePartner }, args.collectedAt, now);
    if (!problems.empty || !customer || !lines || !orderDate) return undefined;

    const order = new Order();
    order.id = randomUUID();
    order.customer = customer;
    order.orderDate = orderDate;
    order.deliveryDate = deliveryDate ?? null;
    order.deliveryStreetAddress = street ?? null;
    order.deliveryPostalCode = postalCode ?? null;
    order.deliveryCity = city ?? null;
    order.deliveryCountry = country;
    order.recipientName = recipientName ?? null;
    order.simIccids = simIccids ?? [];
    order.sourceType = sourceType;
    order.sourcePartner = sourcePartner ?? null;
    order.collectedAt = args.collectedAt ?? now;
    for (const priced of lines) {
      const line = new OrderLine();
      line.id = randomUUID();
      line.order = order;
      line.lineNumber = priced.lineNumber;
      line.serviceProduct = priced.serviceProduct;
      line.equipmentModel = priced.equipmentModel;
      line.quantity = priced.quantity;
      line.unitPriceCents = priced.unitPriceCents;
      line.totalCents = priced.totalCents;
      order.lines.add(line);
    }
    order.valueCents = sumOf(lines);
    return order;
  }

  /**
   * Writes a prepared order inside the caller's transaction: its number, the order and its lines,
   * its history event and its audit event. `also` are audit events of the same change (conversion).
   */
  async insert(tx: EntityManager, audit: AuditLog, order: Order, operation: string, also: AuditEntry[] = []): Promise<void> {
    await this.checkSimsFree(tx, order.simIccids, order.id);
    const connection = tx.getConnection();
    const [row] = await connection.execute<{ n: number }[]>(
      `select nextval('customer_order_number_seq')::int as n`,
      [],
      'all',
      tx.getTransactionContext(),
    );
    order.orderNumber = Number(row!.n);
    tx.persist(order);
    const lines = order.lines.getItems();
    recordSalesHistory(tx, audit, {
      customerId: order.customer.id,
      recordType: 'Order',
      recordId: order.id,
      summary: `Order ${order.orderNumber} placed: ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}, ${euros(order.valueCents)}${order.quotation ? ` (from quotation ${order.quotation.quotationNumber})` : ''}`,
      after: { status: order.status, orderDate: order.orderDate, deliveryDate: order.deliveryDate, valueCents: order.valueCents },
    });
    try {
      await tx.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && String(error.message).includes('quotation_id')) {
        throw badInput('quotationId', 'this quotation has already been converted into an order');
      }
      throw error;
    }
    const fields = ['id', 'customerId', 'orderNumber', 'orderDate', 'status', 'lines', 'valueCents', 'deliveryCountry', 'sourceType', 'collectedAt'];
    for (const field of ['deliveryDate', 'deliveryStreetAddress', 'deliveryPostalCode', 'deliveryCity', 'recipientName', 'sourcePartner'] as const) {
      if (order[field]) fields.push(field);
    }
    if (order.simIccids.length > 0) fields.push('simIccids');
    if (order.quotation) fields.push('quotationId');
    await audit.write(tx, [
      { operation, action: 'create', subjectType: 'Order', subjectId: order.customer.id, fields: fields.sort() },
      ...also,
    ]);
  }

  /**
   * A SIM card travels on one open order at a time. Checked inside the writing transaction under a
   * lock, so two orders written at the same moment cannot both take the same card.
   */
  private async checkSimsFree(tx: EntityManager, simIccids: readonly string[], orderId: string): Promise<void> {
    if (simIccids.length === 0) return;
    await tx
      .getConnection()
      .execute(`select pg_advisory_xact_lock(hashtext('customer_order.sim_iccids'))`, [], 'run', tx.getTransactionContext());
    const others = await tx.find(
      Order,
      { status: { $in: [...OPEN_ORDER_STATUSES] }, simIccids: { $overlap: [...simIccids] }, id: { $ne: orderId } },
      { fields: ['id', 'orderNumber', 'simIccids'], orderBy: { orderNumber: 'asc' } },
    );
    if (others.length === 0) return;
    const problems = new InputProblems();
    simIccids.forEach((iccid, index) => {
      const other = others.find((o) => o.simIccids.includes(iccid));
      if (other) problems.add(`simIccids.${index}`, `SIM card ${iccid} is already on open order ${other.orderNumber}`);
    });
    problems.throwIfAny();
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateOrderArgs): Promise<Order> {
    const { id, ...changes } = args;
    const order = await this.getOrFail(em, id);
    return this.change(em, audit, order, changes, 'updateOrder');
  }

  /** The delivery partner's write: an open order it can see is on its way, or delivered. */
  async updateDelivery(em: EntityManager, audit: AuditLog, args: UpdateOrderDeliveryArgs, principal: Principal): Promise<Order> {
    const order = await this.getOrFail(em, args.id, principal);
    if (!args.status) throw badInput('status', 'is required: IN_DELIVERY or DELIVERED');
    if (!PARTNER_STATUSES.includes(args.status)) {
      throw badInput('status', 'a delivery partner reports IN_DELIVERY or DELIVERED only');
    }
    return this.change(em, audit, order, { status: args.status, deliveredAt: args.deliveredAt }, 'updateOrderDelivery');
  }

  private async change(em: EntityManager, audit: AuditLog, order: Order, changes: OrderChanges, operation: string): Promise<Order> {
    const before = { status: order.status, deliveryDate: order.deliveryDate };
    const problems = new InputProblems();
    const changed = this.apply(problems, order, changes);
    problems.throwIfAny();
    if (changed.length === 0) return order;
    await em.transactional(async (tx) => {
      if (changed.includes('simIccids')) await this.checkSimsFree(tx, order.simIccids, order.id);
      tx.persist(order);
      if (order.status !== before.status || order.deliveryDate !== before.deliveryDate) {
        const moved = order.status !== before.status;
        recordSalesHistory(tx, audit, {
          customerId: order.customer.id,
          recordType: 'Order',
          recordId: order.id,
          summary: moved
            ? `Order ${order.orderNumber}: ${before.status} → ${order.status}`
            : `Order ${order.orderNumber}: delivery date ${before.deliveryDate ?? 'not set'} → ${order.deliveryDate ?? 'not set'}`,
          before: moved ? { status: before.status } : { deliveryDate: before.deliveryDate },
          after: moved
            ? { status: order.status, ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}) }
            : { deliveryDate: order.deliveryDate },
        });
      }
      await tx.flush();
      await audit.write(tx, [
        { operation, action: 'update', subjectType: 'Order', subjectId: order.customer.id, fields: [...changed].sort() },
      ]);
    });
    return order;
  }

  /**
   * Validates every given change against the order as it will be (collecting all problems), then
   * applies them. Returns the fields that changed; nothing is applied when anything is wrong.
   */
  private apply(problems: InputProblems, order: Order, changes: OrderChanges): string[] {
    if (!isOpenOrderStatus(order.status)) {
      problems.add('id', `order ${order.orderNumber} is ${order.status}: a delivered or cancelled order can no longer be changed`);
      return [];
    }
    const now = new Date();
    const today = validate.helsinkiToday(now);
    const status = changes.status ?? order.status;
    if (changes.status === null) problems.add('status', 'cannot be emptied');
    if (status !== order.status && !nextStatuses(order.status).includes(status)) {
      problems.add(
        'status',
        `an order that is ${order.status} cannot become ${status}; it can become ${nextStatuses(order.status).join(', ')}`,
      );
    }
    if (changes.deliveryDate === null && status !== OrderStatus.NEW && status !== OrderStatus.CONFIRMED) {
      problems.add('deliveryDate', `cannot be emptied once the order is ${status}: give the planned delivery date`);
    }
    const deliveryDate = validate.date(problems, 'deliveryDate', changes.deliveryDate);
    if (deliveryDate && deliveryDate < order.orderDate) {
      problems.add('deliveryDate', `cannot be before the order date (${order.orderDate})`);
    }
    let deliveredAt = validate.date(problems, 'deliveredAt', changes.deliveredAt, { notAfter: today });
    if (deliveredAt && deliveredAt < order.orderDate) {
      problems.add('deliveredAt', `cannot be before the order date (${order.orderDate})`);
    }
    if (deliveredAt && status !== OrderStatus.DELIVERED) {
      problems.add('deliveredAt', 'is given only when the order becomes DELIVERED');
    }
    if (status === OrderStatus.DELIVERED && status !== order.status && !deliveredAt) deliveredAt = today;

    const street = validate.text(problems, 'deliveryStreetAddress', changes.deliveryStreetAddress, 200);
    const city = validate.text(problems, 'deliveryCity', changes.deliveryCity, 100);
    const recipientName = validate.text(problems, 'recipientName', changes.recipientName, 200);
    const country = validate.countryCode(problems, 'deliveryCountry', changes.deliveryCountry);
    const effectiveCountry = country ?? order.deliveryCountry;
    // A new country may not fit the postal code already stored: check the one that will be kept.
    const postalCodeToCheck =
      changes.deliveryPostalCode !== undefined
        ? changes.deliveryPostalCode
        : country && country !== order.deliveryCountry
          ? order.deliveryPostalCode
          : undefined;
    const postalCode = validate.postalCode(problems, 'deliveryPostalCode', postalCodeToCheck, effectiveCountry);

    let simIccids: string[] | undefined;
    if (changes.simIccids !== undefined) {
      if (order.status !== OrderStatus.NEW && order.status !== OrderStatus.CONFIRMED) {
        problems.add('simIccids', `the order is already ${order.status}: its SIM cards can no longer be changed`);
      } else {
        simIccids = validate.iccids(problems, 'simIccids', changes.simIccids);
      }
    }
    const sourcePartner = validate.text(problems, 'sourcePartner', changes.sourcePartner, 100);
    if (changes.sourceType !== undefined || changes.sourcePartner !== undefined || changes.collectedAt) {
      validate.provenance(
        problems,
        {
          sourceType: changes.sourceType ?? order.sourceType,
          sourcePartner: sourcePartner !== undefined ? sourcePartner : order.sourcePartner,
        },
        changes.collectedAt,
        now,
      );
    }
    if (!problems.empty) return [];

    if (status === OrderStatus.IN_DELIVERY && order.status !== OrderStatus.IN_DELIVERY) {
      const address = {
        deliveryStreetAddress: street !== undefined ? street : order.deliveryStreetAddress,
        deliveryPostalCode: postalCode !== undefined ? postalCode : order.deliveryPostalCode,
        deliveryCity: city !== undefined ? city : order.deliveryCity,
        recipientName: recipientName !== undefined ? recipientName : order.recipientName,
        deliveryDate: deliveryDate !== undefined ? deliveryDate : order.deliveryDate,
      };
      const missing = ADDRESS_FOR_DELIVERY.filter((field) => !address[field]);
      if (missing.length > 0) {
        problems.add('status', `an order goes IN_DELIVERY only with a complete delivery address and date; missing: ${missing.join(', ')}`);
        return [];
      }
    }

    const changed: string[] = [];
    const set = <K extends keyof Order & string>(field: K, value: Order[K] | undefined) => {
      if (value === undefined) return;
      const current = order[field];
      const same =
        current instanceof Date && value instanceof Date
          ? +current === +value
          : Array.isArray(current) && Array.isArray(value)
            ? current.length === value.length && current.every((item, index) => item === value[index])
            : current === value;
      if (same) return;
      order[field] = value;
      changed.push(field);
    };
    set('status', status);
    set('deliveryDate', deliveryDate);
    set('deliveredAt', deliveredAt ?? undefined);
    set('deliveryStreetAddress', street);
    set('deliveryPostalCode', postalCode);
    set('deliveryCity', city);
    set('deliveryCountry', country ?? undefined);
    set('recipientName', recipientName);
    set('simIccids', simIccids);
    set('sourceType', changes.sourceType);
    set('sourcePartner', sourcePartner);
    if (changes.collectedAt) set('collectedAt', changes.collectedAt);
    return changed;
  }
}
