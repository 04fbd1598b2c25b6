import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { isUuid } from '../customer/customer.service.js';
import { EquipmentModel, ServiceProduct } from './catalogue.entity.js';
import type {
  EquipmentModelFieldsArgs,
  EquipmentModelListArgs,
  ServiceProductFieldsArgs,
  ServiceProductListArgs,
} from './catalogue.input.js';

const CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const MAX_PRICE_CENTS = 10_000_000;

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function checkText(problems: InputProblems, field: string, value: string | undefined, max: number, required: boolean) {
  if (value === undefined) {
    if (required) problems.add(field, 'is required');
    return;
  }
  if (value.trim() === '') problems.add(field, 'is required');
  else if (value !== value.trim()) problems.add(field, 'must not start or end with spaces');
  else if (value.length > max) problems.add(field, `is too long: at most ${max} characters (now ${value.length})`);
}

function checkCode(problems: InputProblems, field: string, value: string | undefined, required: boolean) {
  if (value === undefined) {
    if (required) problems.add(field, 'is required');
    return;
  }
  if (!CODE.test(value)) problems.add(field, 'must be 2–40 capital letters, digits or hyphens, e.g. MOB-5G-200');
}

function checkCents(problems: InputProblems, field: string, value: number | undefined, required: boolean) {
  if (value === undefined) {
    if (required) problems.add(field, 'is required');
    return;
  }
  if (!Number.isInteger(value) || value < 0 || value > MAX_PRICE_CENTS) {
    problems.add(field, `must be whole cents from 0 to ${MAX_PRICE_CENTS} (100 000 €)`);
  }
}

function search(q: string | undefined, fields: string[]) {
  if (!q?.trim()) return undefined;
  const pattern = `%${escapeLike(q.trim())}%`;
  return { $or: fields.map((field) => ({ [field]: { $ilike: pattern } })) };
}

function duplicate(error: unknown, field: string, what: string) {
  if (error instanceof UniqueConstraintViolationException) return badInput(field, `another ${what} already has this ${field}`);
  return error;
}

/** The product catalogue: services and equipment that can be ordered. */
export class CatalogueService {
  async listServices(em: EntityManager, args: ServiceProductListArgs) {
    return em.find(ServiceProduct, this.serviceWhere(args), listOptions(args, ['code', 'name', 'kind', 'monthlyPriceCents', 'createdAt'], { sortField: 'code' }));
  }

  countServices(em: EntityManager, args: ServiceProductListArgs) {
    return em.count(ServiceProduct, this.serviceWhere(args));
  }

  private serviceWhere({ filter }: ServiceProductListArgs): FilterQuery<ServiceProduct> {
    const where: Record<string, unknown> = {};
    if (filter?.ids) where.id = { $in: filter.ids.filter(isUuid) };
    if (filter?.kind) where.kind = filter.kind;
    if (filter?.active !== undefined && filter.active !== null) where.active = filter.active;
    Object.assign(where, search(filter?.q, ['code', 'name']));
    return where as FilterQuery<ServiceProduct>;
  }

  async getService(em: EntityManager, id: string) {
    return isUuid(id) ? em.findOne(ServiceProduct, { id }) : null;
  }

  async saveService(em: EntityManager, audit: AuditLog, id: string | undefined, args: ServiceProductFieldsArgs) {
    const creating = id === undefined;
    const product = creating ? new ServiceProduct() : await this.getService(em, id);
    if (!product) throw notFound('Service', id ?? '');
    const problems = new InputProblems();
    checkCode(problems, 'code', args.code, creating);
    checkText(problems, 'name', args.name, 200, creating);
    if (creating && !args.kind) problems.add('kind', 'is required');
    checkCents(problems, 'monthlyPriceCents', args.monthlyPriceCents, creating);
    checkCents(problems, 'oneOffPriceCents', args.oneOffPriceCents, false);
    problems.throwIfAny();
    if (creating) product.id = randomUUID();
    const changed = Object.entries(args).filter(([, value]) => value !== undefined && value !== null).map(([field]) => field);
    Object.assign(product, Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined && value !== null)));
    try {
      await em.transactional(async (tx) => {
        tx.persist(product);
        await tx.flush();
        await audit.write(tx, [{ operation: creating ? 'createServiceProduct' : 'updateServiceProduct', action: creating ? 'create' : 'update', subjectType: 'ServiceProduct', subjectId: product.id, fields: changed.sort() }]);
      });
    } catch (error) {
      throw duplicate(error, 'code', 'service');
    }
    return product;
  }

  async listEquipment(em: EntityManager, args: EquipmentModelListArgs) {
    return em.find(EquipmentModel, this.equipmentWhere(args), listOptions(args, ['sku', 'manufacturer', 'model', 'priceCents', 'createdAt'], { sortField: 'sku' }));
  }

  countEquipment(em: EntityManager, args: EquipmentModelListArgs) {
    return em.count(EquipmentModel, this.equipmentWhere(args));
  }

  private equipmentWhere({ filter }: EquipmentModelListArgs): FilterQuery<EquipmentModel> {
    const where: Record<string, unknown> = {};
    if (filter?.ids) where.id = { $in: filter.ids.filter(isUuid) };
    if (filter?.active !== undefined && filter.active !== null) where.active = filter.active;
    Object.assign(where, search(filter?.q, ['sku', 'manufacturer', 'model']));
    return where as FilterQuery<EquipmentModel>;
  }

  async getEquipment(em: EntityManager, id: string) {
    return isUuid(id) ? em.findOne(EquipmentModel, { id }) : null;
  }

  async saveEquipment(em: EntityManager, audit: AuditLog, id: string | undefined, args: EquipmentModelFieldsArgs) {
    const creating = id === undefined;
    const equipment = creating ? new EquipmentModel() : await this.getEquipment(em, id);
    if (!equipment) throw notFound('Equipment model', id ?? '');
    const problems = new InputProblems();
    checkCode(problems, 'sku', args.sku, creating);
    checkText(problems, 'manufacturer', args.manufacturer, 100, creating);
    checkText(problems, 'model', args.model, 200, creating);
    checkCents(problems, 'priceCents', args.priceCents, creating);
    problems.throwIfAny();
    if (creating) equipment.id = randomUUID();
    const given = Object.entries(args).filter(([, value]) => value !== undefined && value !== null);
    Object.assign(equipment, Object.fromEntries(given));
    try {
      await em.transactional(async (tx) => {
        tx.persist(equipment);
        await tx.flush();
        await audit.write(tx, [{ operation: creating ? 'createEquipmentModel' : 'updateEquipmentModel', action: creating ? 'create' : 'update', subjectType: 'EquipmentModel', subjectId: equipment.id, fields: given.map(([field]) => field).sort() }]);
      });
    } catch (error) {
      throw duplicate(error, 'sku', 'equipment model');
    }
    return equipment;
  }
}
