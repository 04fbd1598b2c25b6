import { randomUUID } from 'node:crypto';
import { LockMode, wrap, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { isUuid } from '../customer/customer.service.js';
import type { Order } from '../order/order.entity.js';
import { euros, recordSalesHistory } from '../order/order.history.js';
import { OrderService } from '../order/order.service.js';
import * as validate from '../order/order.validation.js';
import { requestLoader } from '../order/request-loaders.js';
import { priceLines, sumOf, type PricedLine } from '../order/sales-lines.js';
import { StaffUser } from '../staff/staff-user.entity.js';
import { Quotation, QuotationLine } from './quotation.entity.js';
import { QuotationStatus } from './quotation.enums.js';
import {
  QUOTATION_SORT_FIELDS,
  type ConvertQuotationToOrderArgs,
  type CreateQuotationArgs,
  type QuotationFieldsArgs,
  type QuotationFilter,
  type QuotationListArgs,
  type UpdateQuotationArgs,
} from './quotation.input.js';

/** Where a quotation may go next by updateQuotation. CONVERTED is reached by conversion only. */
const NEXT: Record<QuotationStatus, readonly QuotationStatus[]> = {
  [QuotationStatus.DRAFT]: [QuotationStatus.SENT, QuotationStatus.EXPIRED],
  [QuotationStatus.SENT]: [QuotationStatus.ACCEPTED, QuotationStatus.REJECTED, QuotationStatus.EXPIRED],
  [QuotationStatus.ACCEPTED]: [QuotationStatus.REJECTED, QuotationStatus.EXPIRED],
  [QuotationStatus.REJECTED]: [],
  [QuotationStatus.EXPIRED]: [],
  [QuotationStatus.CONVERTED]: [],
};
const FINAL: readonly QuotationStatus[] = [QuotationStatus.REJECTED, QuotationStatus.EXPIRED, QuotationStatus.CONVERTED];
const CONVERTIBLE: readonly QuotationStatus[] = [QuotationStatus.SENT, QuotationStatus.ACCEPTED];
const INITIAL: readonly QuotationStatus[] = [QuotationStatus.DRAFT, QuotationStatus.SENT];

/**
 * Quotations: validated on every write and written with their audit and history events in one
 * transaction; a sent or accepted quotation that has not expired converts into an order.
 */
export class QuotationService {
  constructor(private readonly orders: OrderService = new OrderService()) {}

  where(filter: QuotationFilter | undefined): FilterQuery<Quotation> {
    const where: Record<string, unknown> = {};
    if (!filter) return where;
    if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
    if (filter.customerId) {
      if (!isUuid(filter.customerId)) throw badInput('filter.customerId', 'is not the id of any customer');
      where.customer = filter.customerId;
    }
    if (filter.quotationNumber !== undefined && filter.quotationNumber !== null) where.quotationNumber = filter.quotationNumber;
    if (filter.status) where.status = filter.status;
    return where as FilterQuery<Quotation>;
  }

  async list(em: EntityManager, args: QuotationListArgs): Promise<Quotation[]> {
    return em.find(
      Quotation,
      this.where(args.filter),
      listOptions(args, QUOTATION_SORT_FIELDS, { sortField: 'quotationNumber', sortOrder: 'DESC' }),
    );
  }

  async count(em: EntityManager, args: QuotationListArgs): Promise<number> {
    return em.count(Quotation, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<Quotation | null> {
    return isUuid(id) ? em.findOne(Quotation, { id }) : null;
  }

  /** The lines of a quotation; the quotations of one request are loaded together (one statement). */
  async linesOf(em: EntityManager, quotation: Quotation): Promise<QuotationLine[]> {
    if (quotation.lines.isInitialized()) return quotation.lines.getItems();
    return requestLoader<Quotation, QuotationLine[]>(em, 'Quotation.lines', async (quotations) => {
      await em.populate(quotations as Quotation[], ['lines']);
      return quotations.map((q) => q.lines.getItems());
    }).load(quotation);
  }

  /** The name of the staff member who made it; one statement for a whole page. */
  async preparedByName(em: EntityManager, quotation: Quotation): Promise<string | null> {
    const staff = quotation.preparedBy;
    if (!staff) return null;
    if (wrap(staff).isInitialized() && staff.displayName !== undefined) return staff.displayName;
    return requestLoader<StaffUser, string | null>(em, 'Quotation.preparedByName', async (users) => {
      const ids = [...new Set(users.map((u) => u.id))];
      const found = await em.find(StaffUser, { id: { $in: ids } }, { fields: ['id', 'displayName'] });
      const names = new Map(found.map((u) => [u.id, u.displayName]));
      return users.map((u) => names.get(u.id) ?? null);
    }).load(staff);
  }

  async create(em: EntityManager, audit: AuditLog, args: CreateQuotationArgs, preparedBy: string | null): Promise<Quotation> {
    const problems = new InputProblems();
    const now = new Date();
    const today = validate.helsinkiToday(now);
    const customer = await this.orders.customerFor(em, problems, 'customerId', args.customerId);
    const lines = await priceLines(em, problems, args.lines, { what: 'quotation' });
    const quotationDate =
      args.quotationDate === undefined || args.quotationDate === null
        ? today
        : validate.date(problems, 'quotationDate', args.quotationDate, { notAfter: today });
    const validUntil = validate.date(problems, 'validUntil', args.validUntil, { required: true });
    if (quotationDate && validUntil && validUntil < quotationDate) {
      problems.add('validUntil', `cannot be before the date of the quotation (${quotationDate})`);
    }
    const status = args.status ?? QuotationStatus.DRAFT;
    if (!INITIAL.includes(status)) problems.add('status', 'a new quotation is DRAFT or SENT');
    const sourceType = args.sourceType ?? DataSource.DATA_SUBJECT;
    const sourcePartner = validate.text(problems, 'sourcePartner', args.sourcePartner, 100);
    validate.provenance(problems, { sourceType, sourcePartner }, args.collectedAt, now);
    problems.throwIfAny();

    const quotation = new Quotation();
    quotation.id = randomUUID();
    quotation.customer = customer!;
    quotation.quotationDate = quotationDate!;
    quotation.validUntil = validUntil!;
    quotation.status = status;
    quotation.sourceType = sourceType;
    quotation.sourcePartner = sourcePartner ?? null;
    quotation.collectedAt = args.collectedAt ?? now;
    quotation.preparedBy = preparedBy ? em.getReference(StaffUser, preparedBy) : null;
    this.setLines(quotation, lines!);

    await em.transactional(async (tx) => {
      const [row] = await tx
        .getConnection()
        .execute<{ n: number }[]>(`select nextval('quotation_number_seq')::int as n`, [], 'all', tx.getTransactionContext());
      quotation.quotationNumber = Number(row!.n);
      tx.persist(quotation);
      recordSalesHistory(tx, audit, {
        customerId: quotation.customer.id,
        recordType: 'Quotation',
        recordId: quotation.id,
        summary: `Quotation ${quotation.quotationNumber} made (${quotation.status}): ${euros(quotation.totalCents)}, valid until ${quotation.validUntil}`,
        after: { status: quotation.status, validUntil: quotation.validUntil, totalCents: quotation.totalCents },
      });
      await tx.flush();
      const fields = ['id', 'customerId', 'quotationNumber', 'quotationDate', 'validUntil', 'status', 'lines', 'totalCents', 'sourceType', 'collectedAt'];
      if (quotation.sourcePartner) fields.push('sourcePartner');
      if (preparedBy) fields.push('preparedById');
      await audit.write(tx, [
        { operation: 'createQuotation', action: 'create', subjectType: 'Quotation', subjectId: quotation.customer.id, fields: fields.sort() },
      ]);
    });
    return quotation;
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateQuotationArgs): Promise<Quotation> {
    const { id, ...changes } = args;
    const quotation = isUuid(id)
      ? await em.findOne(Quotation, { id }, changes.lines !== undefined ? { populate: ['lines'] } : {})
      : null;
    if (!quotation) throw notFound('Quotation', id);
    const before = { status: quotation.status, validUntil: quotation.validUntil, totalCents: quotation.totalCents };
    const problems = new InputProblems();
    const changed = await this.apply(em, problems, quotation, changes);
    problems.throwIfAny();
    if (changed.length === 0) return quotation;
    await em.transactional(async (tx) => {
      tx.persist(quotation);
      if (quotation.status !== before.status || quotation.validUntil !== before.validUntil || quotation.totalCents !== before.totalCents) {
        const keys = (['status', 'validUntil', 'totalCents'] as const).filter((key) => quotation[key] !== before[key]);
        recordSalesHistory(tx, audit, {
          customerId: quotation.customer.id,
          recordType: 'Quotation',
          recordId: quotation.id,
          summary:
            quotation.status !== before.status
              ? `Quotation ${quotation.quotationNumber}: ${before.status} → ${quotation.status}`
              : `Quotation ${quotation.quotationNumber} changed: ${keys.join(', ')}`,
          before: Object.fromEntries(keys.map((key) => [key, before[key]])),
          after: Object.fromEntries(keys.map((key) => [key, quotation[key]])),
        });
      }
      await tx.flush();
      await audit.write(tx, [
        { operation: 'updateQuotation', action: 'update', subjectType: 'Quotation', subjectId: quotation.customer.id, fields: [...changed].sort() },
      ]);
    });
    return quotation;
  }

  private async apply(
    em: EntityManager,
    problems: InputProblems,
    quotation: Quotation,
    changes: QuotationFieldsArgs,
  ): Promise<string[]> {
    if (FINAL.includes(quotation.status)) {
      problems.add(
        'id',
        `quotation ${quotation.quotationNumber} is ${quotation.status}: a rejected, expired or converted quotation can no longer be changed`,
      );
      return [];
    }
    const now = new Date();
    const today = validate.helsinkiToday(now);
    if (changes.status === null) problems.add('status', 'cannot be emptied');
    const status = changes.status ?? quotation.status;
    if (status !== quotation.status) {
      if (status === QuotationStatus.CONVERTED) {
        problems.add('status', 'a quotation becomes CONVERTED only by converting it into an order (convertQuotationToOrder)');
      } else if (!NEXT[quotation.status].includes(status)) {
        problems.add('status', `a quotation that is ${quotation.status} cannot become ${status}; it can become ${NEXT[quotation.status].join(', ')}`);
      }
    }
    if (changes.validUntil === null) problems.add('validUntil', 'cannot be emptied');
    const validUntil = validate.date(problems, 'validUntil', changes.validUntil);
    if (validUntil && validUntil !== quotation.validUntil) {
      if (quotation.status !== QuotationStatus.DRAFT && quotation.status !== QuotationStatus.SENT) {
        problems.add('validUntil', `the quotation is ${quotation.status}: its validity can no longer be changed`);
      } else if (validUntil < quotation.quotationDate) {
        problems.add('validUntil', `cannot be before the date of the quotation (${quotation.quotationDate})`);
      }
    }
    if (status === QuotationStatus.ACCEPTED && status !== quotation.status && (validUntil ?? quotation.validUntil) < today) {
      problems.add('status', `the quotation was valid until ${validUntil ?? quotation.validUntil}: it can no longer be accepted`);
    }
    let lines: PricedLine[] | undefined;
    if (changes.lines !== undefined) {
      if (quotation.status !== QuotationStatus.DRAFT) {
        problems.add('lines', `the quotation is ${quotation.status}: only a DRAFT's lines can be changed (make a new quotation)`);
      } else {
        lines = await priceLines(em, problems, changes.lines, { what: 'quotation' });
      }
    }
    const sourcePartner = validate.text(problems, 'sourcePartner', changes.sourcePartner, 100);
    if (changes.sourceType !== undefined || changes.sourcePartner !== undefined || changes.collectedAt) {
      validate.provenance(
        problems,
        {
          sourceType: changes.sourceType ?? quotation.sourceType,
          sourcePartner: sourcePartner !== undefined ? sourcePartner : quotation.sourcePartner,
        },
        changes.collectedAt,
        now,
      );
    }
    if (!problems.empty) return [];

    const changed: string[] = [];
    const set = <K extends keyof Quotation & string>(field: K, value: Quotation[K] | undefined) => {
      if (value === undefined) return;
      const current = quotation[field];
      if (current instanceof Date && value instanceof Date ? +current === +value : current === value) return;
      quotation[field] = value;
      changed.push(field);
    };
    set('status', status);
    set('validUntil', validUntil ?? undefined);
    set('sourceType', changes.sourceType);
    set('sourcePartner', sourcePartner);
    if (changes.collectedAt) set('collectedAt', changes.collectedAt);
    if (lines) {
      const totalBefore = quotation.totalCents;
      this.setLines(quotation, lines);
      changed.push('lines');
      if (quotation.totalCents !== totalBefore) changed.push('totalCents');
    }
    return changed;
  }

  /** Replaces the lines (the old ones are removed as orphans) and recomputes the total. */
  private setLines(quotation: Quotation, lines: PricedLine[]) {
    quotation.lines.removeAll();
    for (const priced of lines) {
      const line = new QuotationLine();
      line.id = randomUUID();
      line.quotation = quotation;
      line.lineNumber = priced.lineNumber;
      line.serviceProduct = priced.serviceProduct;
      line.equipmentModel = priced.equipmentModel;
      line.quantity = priced.quantity;
      line.unitPriceCents = priced.unitPriceCents;
      line.totalCents = priced.totalCents;
      quotation.lines.add(line);
    }
    quotation.totalCents = sumOf(lines);
  }

  /**
   * Turns a sent or accepted, unexpired quotation into a NEW order with the quotation's lines and
   * prices, and marks the quotation CONVERTED — in one transaction, under a lock on the quotation,
   * so a quotation is converted once.
   */
  async convert(em: EntityManager, audit: AuditLog, args: ConvertQuotationToOrderArgs): Promise<Order> {
    const { quotationId, ...orderArgs } = args;
    if (!isUuid(quotationId)) throw badInput('quotationId', 'is not the id of any quotation');
    return em.transactional(async (tx) => {
      const quotation = await tx.findOne(Quotation, { id: quotationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!quotation) throw notFound('Quotation', quotationId);
      await tx.populate(quotation, ['lines']);
      const problems = new InputProblems();
      const today = validate.helsinkiToday();
      if (quotation.status === QuotationStatus.CONVERTED) {
        problems.add('quotationId', `quotation ${quotation.quotationNumber} has already been converted into an order`);
      } else if (!CONVERTIBLE.includes(quotation.status)) {
        problems.add('quotationId', `quotation ${quotation.quotationNumber} is ${quotation.status}: only a SENT or ACCEPTED quotation becomes an order`);
      } else if (quotation.validUntil < today) {
        problems.add('quotationId', `quotation ${quotation.quotationNumber} was valid until ${quotation.validUntil}: make a new quotation`);
      }
      if (orderArgs.orderDate && orderArgs.orderDate < quotation.quotationDate) {
        problems.add('orderDate', `cannot be before the date of the quotation (${quotation.quotationDate})`);
      }
      const customer = await this.orders.customerFor(tx, problems, 'quotationId', quotation.customer.id);
      const lines: PricedLine[] = quotation.lines.getItems().map((line) => ({
        lineNumber: line.lineNumber,
        serviceProduct: line.serviceProduct ?? null,
        equipmentModel: line.equipmentModel ?? null,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
        totalCents: line.totalCents,
      }));
      const order = this.orders.prepare(
        problems,
        { ...orderArgs, sourceType: quotation.sourceType, sourcePartner: quotation.sourcePartner ?? null },
        customer as Customer | undefined,
        lines,
      );
      problems.throwIfAny();
      const previous = quotation.status;
      order!.quotation = quotation;
      quotation.status = QuotationStatus.CONVERTED;
      recordSalesHistory(tx, audit, {
        customerId: quotation.customer.id,
        recordType: 'Quotation',
        recordId: quotation.id,
        summary: `Quotation ${quotation.quotationNumber} converted into an order`,
        before: { status: previous },
        after: { status: quotation.status },
      });
      await this.orders.insert(tx, audit, order!, 'convertQuotationToOrder', [
        { operation: 'convertQuotationToOrder', action: 'update', subjectType: 'Quotation', subjectId: quotation.customer.id, fields: ['status'] },
      ]);
      return order!;
    });
  }
}
