import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseIccid } from '@register/identifiers';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions, MAX_PER_PAGE } from '../../graphql/list.js';
import { isUuid } from '../customer/customer.service.js';
import { CustomerEventKind } from '../history/history.enums.js';
import { staffUserIdOf, type HistoryService } from '../history/history.service.js';
import { Contract, SimCard } from './contract.entity.js';
import { ContractStatus, SIM_TRANSITIONS, SimCardStatus } from './contract.enums.js';
import {
  SIM_CARD_SORT_FIELDS,
  type AddSimCardArgs,
  type SimCardFilter,
  type SimCardListArgs,
  type UpdateSimCardArgs,
} from './contract.input.js';
import * as validate from './contract.validation.js';

/** Only the last digits of an ICCID go into a timeline summary: enough to tell cards apart. */
const lastDigits = (iccid: string) => `…${iccid.slice(-4)}`;

/** SIM cards on contracts: added, activated, suspended and closed, each change in the timeline. */
export class SimCardService {
  constructor(private readonly history: HistoryService) {}

  where(filter: SimCardFilter | undefined): FilterQuery<SimCard> {
    const where: Record<string, unknown> = {};
    if (!filter) return where;
    if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
    if (filter.customerId) {
      if (!isUuid(filter.customerId)) throw badInput('filter.customerId', 'is not the id of any customer');
      where.customer = filter.customerId;
    }
    if (filter.customerIds) {
      if (filter.customerIds.length > MAX_PER_PAGE) throw badInput('filter.customerIds', `at most ${MAX_PER_PAGE} customers at a time`);
      where.$and = [...((where.$and as unknown[] | undefined) ?? []), { customer: { $in: filter.customerIds.filter(isUuid) } }];
    }
    if (filter.contractId) {
      if (!isUuid(filter.contractId)) throw badInput('filter.contractId', 'is not the id of any contract');
      where.contract = filter.contractId;
    }
    if (filter.status) where.status = filter.status;
    if (filter.iccid) {
      const parsed = parseIccid(filter.iccid.trim());
      if (!parsed.ok) throw badInput('filter.iccid', parsed.error);
      where.iccid = parsed.value.value;
    }
    return where as FilterQuery<SimCard>;
  }

  async list(em: EntityManager, args: SimCardListArgs): Promise<SimCard[]> {
    return em.find(SimCard, this.where(args.filter), listOptions(args, SIM_CARD_SORT_FIELDS, { sortField: 'createdAt', sortOrder: 'DESC' }));
  }

  async count(em: EntityManager, args: SimCardListArgs): Promise<number> {
    return em.count(SimCard, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<SimCard | null> {
    return isUuid(id) ? em.findOne(SimCard, { id }) : null;
  }

  async create(em: EntityManager, audit: AuditLog, args: AddSimCardArgs): Promise<SimCard> {
    const problems = new InputProblems();
    const now = new Date();
    const contractId = validate.id(problems, 'contractId', args.contractId, 'contract');
    const iccid = validate.iccid(problems, 'iccid', args.iccid);
    const phoneNumber = validate.msisdn(problems, 'phoneNumber', args.phoneNumber);
    const status = args.status ?? SimCardStatus.ORDERED;
    if (status !== SimCardStatus.ORDERED && status !== SimCardStatus.ACTIVE) {
      problems.add('status', 'a new SIM card is ORDERED (the default) or ACTIVE');
    }
    const source = validate.provenance(problems, args, now);
    let contract: Contract | null = null;
    if (problems.empty) {
      contract = await em.findOne(Contract, { id: contractId! });
      if (!contract) problems.add('contractId', 'is not the id of any contract');
      else if (contract.status !== ContractStatus.DRAFT && contract.status !== ContractStatus.ACTIVE) {
        problems.add('contractId', `contract ${contract.contractNumber} is ${contract.status}: SIM cards go on DRAFT and ACTIVE contracts`);
      } else if (status === SimCardStatus.ACTIVE && contract.status !== ContractStatus.ACTIVE) {
        problems.add('status', `contract ${contract.contractNumber} is not ACTIVE yet: add the card as ORDERED`);
      }
    }
    problems.throwIfAny();

    const sim = new SimCard();
    sim.id = randomUUID();
    sim.contract = contract!;
    sim.customer = contract!.customer;
    sim.iccid = iccid!;
    sim.phoneNumber = phoneNumber!;
    sim.status = status;
    sim.activatedAt = status === SimCardStatus.ACTIVE ? now : null;
    sim.sourceType = source.sourceType;
    sim.sourcePartner = source.sourcePartner;
    sim.collectedAt = source.collectedAt;
    const fields = ['contractId', 'iccid', 'phoneNumber', 'status', 'sourceType', 'collectedAt'];
    if (sim.activatedAt) fields.push('activatedAt');
    if (sim.sourcePartner) fields.push('sourcePartner');

    try {
      await em.transactional(async (tx) => {
        tx.persist(sim);
        this.history.record(tx, {
          customerId: sim.customer.id,
          kind: CustomerEventKind.SIM_ADDED,
          summary: `SIM card ${lastDigits(sim.iccid)} (${status}) added to contract ${contract!.contractNumber}`,
          after: { status },
          staffUserId: staffUserIdOf(audit.caller),
          recordType: 'SimCard',
          recordId: sim.id,
        });
        await tx.flush();
        await audit.write(tx, [
          { operation: 'addSimCard', action: 'create', subjectType: 'SimCard', subjectId: sim.customer.id, fields: fields.sort() },
        ]);
      });
    } catch (error) {
      throw duplicate(error) ?? error;
    }
    return sim;
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateSimCardArgs): Promise<SimCard> {
    const sim = isUuid(args.id) ? await em.findOne(SimCard, { id: args.id }, { populate: ['contract'] }) : null;
    if (!sim) throw notFound('SIM card', args.id);
    const to = args.status;
    if (to === undefined || to === null || to === sim.status) return sim;
    const from = sim.status;
    const problems = new InputProblems();
    const allowed = SIM_TRANSITIONS[from];
    if (!allowed.includes(to)) {
      problems.add(
        'status',
        `cannot change from ${from} to ${to}` +
          (allowed.length > 0 ? `: a ${from} card can become ${allowed.join(' or ')}` : ': a CLOSED card is never reopened (add a new card)'),
      );
    } else if (to === SimCardStatus.ACTIVE && sim.contract.status !== ContractStatus.ACTIVE) {
      problems.add('status', `contract ${sim.contract.contractNumber} is ${sim.contract.status}: only cards on ACTIVE contracts can be active`);
    }
    problems.throwIfAny();

    const now = new Date();
    const fields = ['status'];
    sim.status = to;
    if (to === SimCardStatus.ACTIVE && !sim.activatedAt) {
      sim.activatedAt = now;
      fields.push('activatedAt');
    }
    if (to === SimCardStatus.CLOSED) {
      sim.closedAt = now;
      fields.push('closedAt');
    }
    try {
      await em.transactional(async (tx) => {
        this.history.record(tx, {
          customerId: sim.customer.id,
          kind: CustomerEventKind.SIM_STATUS_CHANGED,
          summary: `SIM card ${lastDigits(sim.iccid)} on contract ${sim.contract.contractNumber}: ${from} → ${to}`,
          before: { status: from },
          after: { status: to },
          staffUserId: staffUserIdOf(audit.caller),
          recordType: 'SimCard',
          recordId: sim.id,
        });
        await tx.flush();
        await audit.write(tx, [
          { operation: 'updateSimCard', action: 'update', subjectType: 'SimCard', subjectId: sim.customer.id, fields: fields.sort() },
        ]);
      });
    } catch (error) {
      throw duplicate(error) ?? error;
    }
    return sim;
  }
}

function duplicate(error: unknown) {
  if (!(error instanceof UniqueConstraintViolationException)) return undefined;
  const message = String((error as { constraint?: string }).constraint ?? error.message);
  if (message.includes('sim_card_iccid')) {
    return badInput('iccid', 'another SIM card that is not CLOSED already has this ICCID');
  }
  if (message.includes('sim_card_phone_number')) {
    return badInput('phoneNumber', 'another SIM card that is not CLOSED already has this phone number');
  }
  return undefined;
}
