import { randomUUID } from 'node:crypto';
import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions, MAX_PER_PAGE } from '../../graphql/list.js';
import { ServiceProduct } from '../catalogue/catalogue.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerStatus, DataSource } from '../customer/customer.enums.js';
import { isUuid } from '../customer/customer.service.js';
import { CustomerEventKind } from '../history/history.enums.js';
import { staffUserIdOf, type HistoryService } from '../history/history.service.js';
import { Contract, ContractLine } from './contract.entity.js';
import { CONTRACT_TRANSITIONS, ContractStatus, SimCardStatus } from './contract.enums.js';
import {
  CONTRACT_SORT_FIELDS,
  type AddContractServiceArgs,
  type ChangeContractServiceArgs,
  type ContractFilter,
  type ContractListArgs,
  type CreateContractArgs,
  type UpdateContractArgs,
} from './contract.input.js';
import * as validate from './contract.validation.js';

/** What a response needs loaded with its contracts (each relation costs one statement per page). */
export interface ContractLoad {
  lines?: boolean;
  serviceProducts?: boolean;
  simCards?: boolean;
}

const OPEN = [ContractStatus.DRAFT, ContractStatus.ACTIVE];
const later = (a: string, b: string) => (a > b ? a : b);

function lineValues(line: ContractLine) {
  return {
    serviceProductCode: line.serviceProduct.code,
    quantity: line.quantity,
    monthlyPriceCents: line.monthlyPriceCents,
  };
}

/**
 * Contracts and their services. Every change is validated completely first and then written in
 * one transaction with its history event (HistoryService) and its audit event, so a change, its
 * place in the customer's timeline and its audit record exist together or not at all.
 */
export class ContractService {
  constructor(private readonly history: HistoryService) {}

  where(filter: ContractFilter | undefined): FilterQuery<Contract> {
    const where: Record<string, unknown> = {};
    if (!filter) return where;
    const byId: unknown[] = [];
    if (filter.ids) byId.push({ id: { $in: filter.ids.filter(isUuid) } });
    if (filter.serviceProductId) {
      if (!isUuid(filter.serviceProductId)) throw badInput('filter.serviceProductId', 'is not the id of any service');
      byId.push({ id: { $in: raw('select "contract_id" from "contract_line" where "service_product_id" = ?', [filter.serviceProductId]) } });
    }
    if (byId.length > 0) where.$and = byId;
    if (filter.customerId) {
      if (!isUuid(filter.customerId)) throw badInput('filter.customerId', 'is not the id of any customer');
      where.customer = filter.customerId;
    }
    if (filter.customerIds) {
      if (filter.customerIds.length > MAX_PER_PAGE) throw badInput('filter.customerIds', `at most ${MAX_PER_PAGE} customers at a time`);
      where.$and = [...((where.$and as unknown[] | undefined) ?? []), { customer: { $in: filter.customerIds.filter(isUuid) } }];
    }
    if (filter.status) where.status = filter.status;
    if (filter.contractNumber) where.contractNumber = filter.contractNumber.trim().toUpperCase();
    if (filter.startAfter && filter.startBefore && filter.startAfter > filter.startBefore) {
      throw badInput('filter.startAfter', 'must not be after filter.startBefore');
    }
    if (filter.startAfter || filter.startBefore) {
      where.startDate = {
        ...(filter.startAfter ? { $gte: filter.startAfter } : {}),
        ...(filter.startBefore ? { $lte: filter.startBefore } : {}),
      };
    }
    return where as FilterQuery<Contract>;
  }

  async list(em: EntityManager, args: ContractListArgs, load: ContractLoad = {}): Promise<Contract[]> {
    const contracts = await em.find(
      Contract,
      this.where(args.filter),
      listOptions(args, CONTRACT_SORT_FIELDS, { sortField: 'startDate', sortOrder: 'DESC' }),
    );
    await this.load(em, contracts, load);
    return contracts;
  }

  async count(em: EntityManager, args: ContractListArgs): Promise<number> {
    return em.count(Contract, this.where(args.filter));
  }

  async get(em: EntityManager, id: string, load: ContractLoad = {}): Promise<Contract | null> {
    if (!isUuid(id)) return null;
    const contract = await em.findOne(Contract, { id });
    if (contract) await this.load(em, [contract], load);
    return contract;
  }

  /** Loads the relations a response needs for a whole page at once: one statement per relation. */
  async load(em: EntityManager, contracts: Contract[], load: ContractLoad): Promise<void> {
    if (contracts.length === 0) return;
    const hints: string[] = [];
    if (load.lines || load.serviceProducts) hints.push(load.serviceProducts ? 'lines.serviceProduct' : 'lines');
    if (load.simCards) hints.push('simCards');
    if (hints.length > 0) await em.populate(contracts, hints as never[]);
  }

  /** Sum of quantity × agreed monthly price over the active lines (the lines must be loaded). */
  monthlyValueCents(contract: Contract): number {
    return contract.lines
      .getItems()
      .filter((line) => line.active)
      .reduce((sum, line) => sum + line.quantity * line.monthlyPriceCents, 0);
  }

  async create(em: EntityManager, audit: AuditLog, args: CreateContractArgs): Promise<Contract> {
    const problems = new InputProblems();
    const now = new Date();
    const today = validate.todayInFinland(now);
    const customerId = validate.id(problems, 'customerId', args.customerId, 'customer');
    if (!args.startDate) problems.add('startDate', 'is required');
    const startDate = validate.date(problems, 'startDate', args.startDate, { latest: validate.addYears(today, 1) });
    const endDate = validate.date(problems, 'endDate', args.endDate);
    const status = args.status ?? ContractStatus.DRAFT;
    if (startDate && endDate && endDate < startDate) problems.add('endDate', `cannot be before the start date ${startDate}`);
    if (status === ContractStatus.CANCELLED) {
      problems.add('status', 'a new contract cannot be CANCELLED: create it as a DRAFT (or leave it out) and cancel that draft');
    }
    if (status === ContractStatus.ENDED) {
      if (!args.endDate) problems.add('endDate', 'is required for an ENDED contract: the day it ended');
      else if (endDate && endDate > today) problems.add('endDate', `of an ENDED contract must be today (${today}) or earlier`);
      if (startDate && startDate > today) problems.add('startDate', `of an ENDED contract must be today (${today}) or earlier`);
    }
    if (status === ContractStatus.ACTIVE && endDate && endDate < today) {
      problems.add('endDate', `has passed: an ACTIVE contract ends today (${today}) or later; record an ended contract as ENDED`);
    }
    const lines = args.lines ?? [];
    if (lines.length === 0) problems.add('lines', 'add at least one service to the contract');
    if (lines.length > validate.MAX_LINES) problems.add('lines', `at most ${validate.MAX_LINES} services per contract (now ${lines.length})`);
    const checkedLines = lines.slice(0, validate.MAX_LINES).map((line, index) => ({
      serviceProductId: validate.id(problems, `lines.${index}.serviceProductId`, line.serviceProductId, 'service'),
      quantity: validate.quantity(problems, `lines.${index}.quantity`, line.quantity),
      monthlyPriceCents: validate.cents(problems, `lines.${index}.monthlyPriceCents`, line.monthlyPriceCents),
    }));
    const source = validate.provenance(problems, args, now);

    let customer: Customer | null = null;
    const products = new Map<string, ServiceProduct>();
    if (problems.empty) {
      customer = await em.findOne(Customer, { id: customerId! });
      if (!customer) problems.add('customerId', 'is not the id of any customer');
      else if (customer.status === CustomerStatus.TERMINATED && status !== ContractStatus.ENDED) {
        problems.add('customerId', 'this customer relationship has ended: a new contract can only be recorded as ENDED');
      }
      const ids = [...new Set(checkedLines.map((line) => line.serviceProductId!))];
      for (const product of await em.find(ServiceProduct, { id: { $in: ids } })) products.set(product.id, product);
      checkedLines.forEach((line, index) => {
        const product = products.get(line.serviceProductId!);
        if (!product) problems.add(`lines.${index}.serviceProductId`, 'is not the id of any service in the catalogue');
        else if (!product.active && status !== ContractStatus.ENDED) {
          problems.add(`lines.${index}.serviceProductId`, `${product.name} (${product.code}) is no longer sold`);
        }
      });
    }
    problems.throwIfAny();

    const contract = new Contract();
    contract.id = randomUUID();
    contract.customer = customer!;
    contract.status = status;
    contract.startDate = startDate!;
    contract.endDate = endDate ?? null;
    contract.sourceType = source.sourceType;
    contract.sourcePartner = source.sourcePartner;
    contract.collectedAt = source.collectedAt;
    for (const input of checkedLines) {
      const product = products.get(input.serviceProductId!)!;
      const line = new ContractLine();
      line.id = randomUUID();
      line.serviceProduct = product;
      line.quantity = input.quantity ?? 1;
      line.monthlyPriceCents = input.monthlyPriceCents ?? product.monthlyPriceCents;
      line.addedDate = startDate!;
      line.removedDate = status === ContractStatus.ENDED ? endDate! : null;
      line.sourceType = source.sourceType;
      line.sourcePartner = source.sourcePartner;
      line.collectedAt = source.collectedAt;
      contract.lines.add(line);
    }
    const fields = ['customerId', 'startDate', 'status', 'lines', 'sourceType', 'collectedAt'];
    if (contract.endDate) fields.push('endDate');
    if (contract.sourcePartner) fields.push('sourcePartner');

    await em.transactional(async (tx) => {
      contract.contractNumber = await this.nextContractNumber(tx);
      tx.persist(contract);
      this.history.record(tx, {
        customerId: customer!.id,
        kind: CustomerEventKind.CONTRACT_CREATED,
        summary: `Contract ${contract.contractNumber} created (${status}) from ${contract.startDate}: ${contract.lines
          .getItems()
          .map((line) => `${line.quantity} × ${line.serviceProduct.name}`)
          .join(', ')}`,
        after: {
          contractNumber: contract.contractNumber,
          status,
          startDate: contract.startDate,
          endDate: contract.endDate ?? null,
          services: contract.lines.getItems().map(lineValues),
          monthlyValueCents: this.monthlyValueCents(contract),
        },
        staffUserId: staffUserIdOf(audit.caller),
        recordType: 'Contract',
        recordId: contract.id,
      });
      await tx.flush();
      await audit.write(tx, [
        { operation: 'createContract', action: 'create', subjectType: 'Contract', subjectId: customer!.id, fields: fields.sort() },
      ]);
    });
    return contract;
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateContractArgs): Promise<Contract> {
    const contract = await this.getOrFail(em, args.id, { lines: true, serviceProducts: true, simCards: true });
    const problems = new InputProblems();
    const now = new Date();
    const today = validate.todayInFinland(now);
    const from = contract.status;
    const to = args.status ?? from;
    if (to !== from && !CONTRACT_TRANSITIONS[from].includes(to)) {
      const allowed = CONTRACT_TRANSITIONS[from];
      problems.add(
        'status',
        `cannot change from ${from} to ${to}` +
          (allowed.length > 0 ? `: a ${from} contract can become ${allowed.join(' or ')}` : `: ${from} is final`),
      );
    }
    if (args.endDate !== undefined && (from === ContractStatus.ENDED || from === ContractStatus.CANCELLED)) {
      problems.add('endDate', `contract ${contract.contractNumber} is ${from}, which is final: its dates no longer change`);
    }
    const givenEnd = validate.date(problems, 'endDate', args.endDate);
    let endDate = args.endDate === undefined ? (contract.endDate ?? null) : (givenEnd ?? null);
    // Ending without a date ends today (also a contract whose planned end was still ahead).
    if (to === ContractStatus.ENDED && from !== to && args.endDate === undefined && (endDate === null || endDate > today)) endDate = today;
    if (endDate !== null && endDate < contract.startDate) {
      problems.add('endDate', `cannot be before the start date ${contract.startDate}`);
    } else if (to === ContractStatus.ENDED && endDate !== null && endDate > today) {
      problems.add('endDate', `of an ENDED contract must be today (${today}) or earlier; to end it later, keep it ACTIVE and set only the end date`);
    } else if (to === ContractStatus.ACTIVE && endDate !== null && endDate < today && args.endDate !== undefined) {
      problems.add('endDate', `has passed: an ACTIVE contract ends today (${today}) or later; to end it now, set status ENDED`);
    } else if (to === ContractStatus.ACTIVE && from === ContractStatus.DRAFT && endDate !== null && endDate < today) {
      problems.add('status', `the draft's end date ${endDate} has passed: change the end date first`);
    }
    problems.throwIfAny();

    const changed: string[] = [];
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (to !== from) {
      contract.status = to;
      changed.push('status');
      before.status = from;
      after.status = to;
    }
    if (endDate !== (contract.endDate ?? null)) {
      before.endDate = contract.endDate ?? null;
      after.endDate = endDate;
      contract.endDate = endDate;
      changed.push('endDate');
    }
    if (changed.length === 0) return contract;

    // An ended or cancelled contract has no services and no SIM cards in use any more.
    if (to !== from && (to === ContractStatus.ENDED || to === ContractStatus.CANCELLED)) {
      const removedOn = to === ContractStatus.ENDED ? endDate! : today;
      const open = contract.lines.getItems().filter((line) => line.active);
      for (const line of open) line.removedDate = later(removedOn, line.addedDate);
      const sims = contract.simCards.getItems().filter((sim) => sim.status !== SimCardStatus.CLOSED);
      for (const sim of sims) {
        sim.status = SimCardStatus.CLOSED;
        sim.closedAt = now;
      }
      if (open.length > 0) {
        changed.push('lines');
        after.servicesRemoved = open.length;
      }
      if (sims.length > 0) {
        changed.push('simCards');
        after.simCardsClosed = sims.length;
      }
    }

    await em.transactional(async (tx) => {
      this.history.record(tx, {
        customerId: contract.customer.id,
        kind: to !== from ? CustomerEventKind.CONTRACT_STATUS_CHANGED : CustomerEventKind.CONTRACT_CHANGED,
        summary:
          to !== from
            ? `Contract ${contract.contractNumber} ${from} → ${to}${to === ContractStatus.ENDED ? ` on ${endDate}` : ''}`
            : `Contract ${contract.contractNumber} end date ${endDate ?? 'removed (open-ended)'}`,
        before,
        after,
        staffUserId: staffUserIdOf(audit.caller),
        recordType: 'Contract',
        recordId: contract.id,
      });
      await tx.flush();
      await audit.write(tx, [
        { operation: 'updateContract', action: 'update', subjectType: 'Contract', subjectId: contract.customer.id, fields: changed.sort() },
      ]);
    });
    return contract;
  }

  async addService(em: EntityManager, audit: AuditLog, args: AddContractServiceArgs): Promise<Contract> {
    const problems = new InputProblems();
    const productId = validate.id(problems, 'serviceProductId', args.serviceProductId, 'service');
    const quantity = validate.quantity(problems, 'quantity', args.quantity);
    const price = validate.cents(problems, 'monthlyPriceCents', args.monthlyPriceCents);
    problems.throwIfAny();
    const contract = await this.getOrFail(em, args.contractId, { lines: true, serviceProducts: true });
    this.checkOpen(problems, 'contractId', contract);
    const product = await em.findOne(ServiceProduct, { id: productId! });
    if (!product) problems.add('serviceProductId', 'is not the id of any service in the catalogue');
    else if (!product.active) problems.add('serviceProductId', `${product.name} (${product.code}) is no longer sold`);
    problems.throwIfAny();

    const today = validate.todayInFinland();
    const line = new ContractLine();
    line.id = randomUUID();
    line.serviceProduct = product!;
    line.quantity = quantity ?? 1;
    line.monthlyPriceCents = price ?? product!.monthlyPriceCents;
    line.addedDate = later(today, contract.startDate);
    line.sourceType = DataSource.DATA_SUBJECT;
    contract.lines.add(line);

    await em.transactional(async (tx) => {
      tx.persist(line);
      this.history.record(tx, {
        customerId: contract.customer.id,
        kind: CustomerEventKind.SERVICE_ADDED,
        summary: `${line.quantity} × ${product!.name} added to contract ${contract.contractNumber}`,
        after: { ...lineValues(line), addedDate: line.addedDate },
        staffUserId: staffUserIdOf(audit.caller),
        recordType: 'ContractLine',
        recordId: line.id,
      });
      await tx.flush();
      await audit.write(tx, [
        { operation: 'addContractService', action: 'update', subjectType: 'Contract', subjectId: contract.customer.id, fields: ['lines'] },
      ]);
    });
    return contract;
  }

  async removeService(em: EntityManager, audit: AuditLog, contractLineId: string): Promise<Contract> {
    const line = await this.lineOrFail(em, contractLineId);
    const contract = line.contract;
    const problems = new InputProblems();
    this.checkOpen(problems, 'contractLineId', contract);
    if (!line.active) problems.add('contractLineId', `this service was already removed on ${line.removedDate}`);
    problems.throwIfAny();

    const before = lineValues(line);
    line.removedDate = later(validate.todayInFinland(), line.addedDate);
    await em.transactional(async (tx) => {
      this.history.record(tx, {
        customerId: contract.customer.id,
        kind: CustomerEventKind.SERVICE_REMOVED,
        summary: `${line.serviceProduct.name} removed from contract ${contract.contractNumber}`,
        before,
        after: { removedDate: line.removedDate },
        staffUserId: staffUserIdOf(audit.caller),
        recordType: 'ContractLine',
        recordId: line.id,
      });
      await tx.flush();
      await audit.write(tx, [
        { operation: 'removeContractService', action: 'update', subjectType: 'Contract', subjectId: contract.customer.id, fields: ['lines'] },
      ]);
    });
    return contract;
  }

  async changeService(em: EntityManager, audit: AuditLog, args: ChangeContractServiceArgs): Promise<Contract> {
    const problems = new InputProblems();
    const quantity = validate.quantity(problems, 'quantity', args.quantity);
    const price = validate.cents(problems, 'monthlyPriceCents', args.monthlyPriceCents);
    if ((args.quantity === undefined || args.quantity === null) && (args.monthlyPriceCents === undefined || args.monthlyPriceCents === null)) {
      problems.add('quantity', 'give the new quantity, the new monthly price (monthlyPriceCents), or both');
    }
    problems.throwIfAny();
    const line = await this.lineOrFail(em, args.contractLineId);
    const contract = line.contract;
    this.checkOpen(problems, 'contractLineId', contract);
    if (!line.active) problems.add('contractLineId', `this service was removed on ${line.removedDate}: add it again instead`);
    problems.throwIfAny();

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (quantity !== undefined && quantity !== line.quantity) {
      before.quantity = line.quantity;
      after.quantity = quantity;
      line.quantity = quantity;
    }
    if (price !== undefined && price !== line.monthlyPriceCents) {
      before.monthlyPriceCents = line.monthlyPriceCents;
      after.monthlyPriceCents = price;
      line.monthlyPriceCents = price;
    }
    if (Object.keys(after).length === 0) return contract;

    await em.transactional(async (tx) => {
      this.history.record(tx, {
        customerId: contract.customer.id,
        kind: CustomerEventKind.SERVICE_CHANGED,
        summary: `${line.serviceProduct.name} on contract ${contract.contractNumber} changed: ${Object.keys(after)
          .map((key) => `${key} ${String(before[key])} → ${String(after[key])}`)
          .join(', ')}`,
        before: { serviceProductCode: line.serviceProduct.code, ...before },
        after: { serviceProductCode: line.serviceProduct.code, ...after },
        staffUserId: staffUserIdOf(audit.caller),
        recordType: 'ContractLine',
        recordId: line.id,
      });
      await tx.flush();
      await audit.write(tx, [
        { operation: 'changeContractService', action: 'update', subjectType: 'Contract', subjectId: contract.customer.id, fields: ['lines'] },
      ]);
    });
    return contract;
  }

  async getOrFail(em: EntityManager, id: string, load: ContractLoad = {}): Promise<Contract> {
    const contract = await this.get(em, id, load);
    if (!contract) throw notFound('Contract', id);
    return contract;
  }

  /** A line with its contract, the contract's other lines and their services (for the response). */
  private async lineOrFail(em: EntityManager, id: string): Promise<ContractLine> {
    const line = isUuid(id) ? await em.findOne(ContractLine, { id }, { populate: ['contract'] }) : null;
    if (!line) throw notFound('Contract line', id);
    await this.load(em, [line.contract], { lines: true, serviceProducts: true });
    return line;
  }

  private checkOpen(problems: InputProblems, field: string, contract: Contract) {
    if (!OPEN.includes(contract.status)) {
      problems.add(field, `contract ${contract.contractNumber} is ${contract.status}: only DRAFT and ACTIVE contracts can change their services`);
    }
  }

  /** SOP-100001, SOP-100002, … from a database sequence, inside the transaction of the insert. */
  private async nextContractNumber(tx: EntityManager): Promise<string> {
    const [row] = await tx
      .getConnection()
      .execute<{ n: string }[]>("select nextval('contract_number_seq')::text as n", [], 'all', tx.getTransactionContext());
    return `SOP-${row!.n}`;
  }
}
