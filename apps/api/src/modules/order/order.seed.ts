import type { EntityManager } from '@mikro-orm/postgresql';
import { iccidCheckDigit } from '@register/identifiers';
import { AuditLog } from '../../audit/audit-log.js';
import type { Services } from '../../services.js';
import { ServiceKind, type EquipmentModel, type ServiceProduct } from '../catalogue/catalogue.entity.js';
import type { Customer } from '../customer/customer.entity.js';
import { CustomerKind, CustomerStatus } from '../customer/customer.enums.js';
import type { Quotation } from '../quotation/quotation.entity.js';
import { QuotationStatus } from '../quotation/quotation.enums.js';
import { StaffUser } from '../staff/staff-user.entity.js';
import type { Order } from './order.entity.js';
import { OrderStatus } from './order.enums.js';
import type { OrderLineInput } from './order.input.js';
import { helsinkiToday } from './order.validation.js';

import type { SeedRandom } from '../../db/seed-random.js';

export type { SeedRandom };

/** YYYY-MM-DD plus whole days (calendar arithmetic in UTC, so no daylight-saving surprises). */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Unique valid Finnish ICCIDs: 89358 + issuer 01 + 11 digits + the Luhn check digit (19 digits). */
function iccids(rng: SeedRandom) {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const body = `8935801${String(rng.int(0, 99_999_999_999)).padStart(11, '0')}`;
      const iccid = `${body}${iccidCheckDigit(body)}`;
      if (!used.has(iccid)) {
        used.add(iccid);
        return iccid;
      }
    }
  };
}

const ORDER_STATUSES = [
  OrderStatus.NEW,
  OrderStatus.CONFIRMED,
  OrderStatus.IN_DELIVERY,
  OrderStatus.DELIVERED,
  OrderStatus.CANCELLED,
] as const;
const QUOTATION_STATUSES = Object.values(QuotationStatus);

/** The steps from NEW to each status (updateOrder one at a time, as staff and the partner would). */
const PATH: Record<OrderStatus, OrderStatus[]> = {
  [OrderStatus.NEW]: [],
  [OrderStatus.CONFIRMED]: [OrderStatus.CONFIRMED],
  [OrderStatus.IN_DELIVERY]: [OrderStatus.CONFIRMED, OrderStatus.IN_DELIVERY],
  [OrderStatus.DELIVERED]: [OrderStatus.CONFIRMED, OrderStatus.IN_DELIVERY, OrderStatus.DELIVERED],
  [OrderStatus.CANCELLED]: [OrderStatus.CANCELLED],
};

/**
 * Demo orders and quotations: orders in every status over the last year (services, equipment and
 * SIM cards with valid Finnish ICCIDs to deliver), quotations in every status, some converted into
 * orders. Everything goes through the services, so it is validated, audited and on the customers'
 * history timelines like real work.
 */
export async function seedOrders(
  em: EntityManager,
  services: Services,
  customers: Customer[],
  catalogue: { services: ServiceProduct[]; equipment: EquipmentModel[] },
  rng: SeedRandom,
): Promise<{ orders: Order[]; quotations: Quotation[] }> {
  const audit = new AuditLog({ kind: 'system', name: 'demo-seed' }, 'demo seed', 'demo-seed', 'seed demo');
  const today = helsinkiToday();
  const nextIccid = iccids(rng);
  const active = <T extends { active: boolean }>(items: readonly T[]) => items.filter((item) => item.active);
  const offered = active(catalogue.services);
  const mobile = offered.filter((s) => s.kind === ServiceKind.MOBILE);
  const devices = active(catalogue.equipment);
  const orders: Order[] = [];
  const quotations: Quotation[] = [];
  if (offered.length === 0) return { orders, quotations };
  const seller = await em.findOne(StaffUser, { username: 'sales' }, { fields: ['id'] });

  /** 1–3 lines: mostly mobile subscriptions, sometimes broadband or TV, sometimes a device. */
  const linesFor = (discount: boolean): OrderLineInput[] => {
    const lines: OrderLineInput[] = [];
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i += 1) {
      if (devices.length > 0 && i > 0 && rng.next() < 0.4) {
        lines.push({ equipmentModelId: rng.pick(devices).id, quantity: 1 });
        continue;
      }
      const service = mobile.length > 0 && rng.next() < 0.6 ? rng.pick(mobile) : rng.pick(offered);
      if (lines.some((line) => line.serviceProductId === service.id)) continue;
      const quantity = service.kind === ServiceKind.MOBILE ? rng.int(1, 3) : 1;
      // Sales sometimes gives a business a better monthly price than the list price.
      const unitPriceCents = discount && rng.next() < 0.5 ? Math.round(service.monthlyPriceCents * 0.9) : undefined;
      lines.push({ serviceProductId: service.id, quantity, ...(unitPriceCents !== undefined ? { unitPriceCents } : {}) });
    }
    return lines;
  };
  const simsFor = (lines: OrderLineInput[]) =>
    lines
      .filter((line) => line.serviceProductId && mobile.some((s) => s.id === line.serviceProductId))
      .flatMap((line) => Array.from({ length: line.quantity ?? 1 }, () => nextIccid()));
  const addressOf = (customer: Customer) => ({
    deliveryStreetAddress: customer.streetAddress ?? 'Mannerheimintie 1',
    deliveryPostalCode: customer.postalCode ?? '00100',
    deliveryCity: customer.city ?? 'HELSINKI',
    deliveryCountry: customer.country ?? 'FI',
    recipientName: customer.name,
  });

  const eligible = customers.filter((c) => c.status !== CustomerStatus.TERMINATED);
  let orderIndex = 0;
  for (const customer of eligible) {
    if (rng.next() >= 0.5) continue;
    const count = rng.next() < 0.25 ? 2 : 1;
    for (let n = 0; n < count; n += 1) {
      // Every status at least once, then mostly delivered history with some open and cancelled.
      const roll = rng.next();
      const status =
        orderIndex < ORDER_STATUSES.length
          ? ORDER_STATUSES[orderIndex]!
          : roll < 0.6
            ? OrderStatus.DELIVERED
            : roll < 0.7
              ? OrderStatus.CANCELLED
              : rng.pick([OrderStatus.NEW, OrderStatus.CONFIRMED, OrderStatus.IN_DELIVERY]);
      orderIndex += 1;
      const open = status !== OrderStatus.DELIVERED && status !== OrderStatus.CANCELLED;
      const orderDate = open ? addDays(today, -rng.int(0, 10)) : addDays(today, -rng.int(20, 360));
      const deliveryDate = open ? addDays(today, rng.int(1, 14)) : addDays(orderDate, rng.int(2, 14));
      const lines = linesFor(customer.kind === CustomerKind.BUSINESS);
      let order = await services.orders.create(em, audit, {
        customerId: customer.id,
        orderDate,
        deliveryDate,
        lines,
        simIccids: simsFor(lines),
        ...addressOf(customer),
      });
      for (const step of PATH[status]) {
        order = await services.orders.update(em, audit, {
          id: order.id,
          status: step,
          ...(step === OrderStatus.DELIVERED ? { deliveredAt: deliveryDate } : {}),
        });
      }
      orders.push(order);
    }
  }

  let quotationIndex = 0;
  for (const customer of eligible) {
    if (rng.next() >= 0.3) continue;
    const status = QUOTATION_STATUSES[quotationIndex % QUOTATION_STATUSES.length]!;
    quotationIndex += 1;
    const expired = status === QuotationStatus.EXPIRED;
    const quotationDate = expired ? addDays(today, -rng.int(60, 300)) : addDays(today, -rng.int(0, 14));
    const validUntil = expired ? addDays(quotationDate, 30) : addDays(today, rng.int(7, 30));
    let quotation = await services.quotations.create(
      em,
      audit,
      {
        customerId: customer.id,
        quotationDate,
        validUntil,
        status: status === QuotationStatus.DRAFT ? QuotationStatus.DRAFT : QuotationStatus.SENT,
        lines: linesFor(true),
      },
      seller?.id ?? null,
    );
    if (status === QuotationStatus.ACCEPTED || status === QuotationStatus.CONVERTED) {
      quotation = await services.quotations.update(em, audit, { id: quotation.id, status: QuotationStatus.ACCEPTED });
    }
    if (status === QuotationStatus.REJECTED || status === QuotationStatus.EXPIRED) {
      quotation = await services.quotations.update(em, audit, { id: quotation.id, status });
    }
    if (status === QuotationStatus.CONVERTED) {
      const lines = quotation.lines.getItems();
      const sims = lines
        .filter((line) => line.serviceProduct && mobile.some((s) => s.id === line.serviceProduct!.id))
        .flatMap((line) => Array.from({ length: line.quantity }, () => nextIccid()));
      const order = await services.quotations.convert(em, audit, {
        quotationId: quotation.id,
        deliveryDate: addDays(today, rng.int(3, 14)),
        simIccids: sims,
        ...addressOf(customer),
      });
      orders.push(order);
    }
    quotations.push(quotation);
  }
  return { orders, quotations };
}
