/**
 * The lines of orders and quotations: a service or an equipment model from the catalogue (exactly
 * one), a quantity and a unit price that defaults from the catalogue. Totals are computed here,
 * never typed. The catalogue is read in at most two statements, whatever the number of lines.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InputProblems } from '../../common/errors.js';
import { EquipmentModel, ServiceProduct } from '../catalogue/catalogue.entity.js';
import { isUuid } from '../customer/customer.service.js';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 1000;
export const MAX_UNIT_PRICE_CENTS = 10_000_000; // 100 000 €
export const MAX_LINE_TOTAL_CENTS = 100_000_000; // 1 000 000 €
export const MAX_TOTAL_CENTS = 1_000_000_000; // 10 000 000 €, well within a 32-bit integer

export interface LineInput {
  serviceProductId?: string | null;
  equipmentModelId?: string | null;
  quantity?: number | null;
  unitPriceCents?: number | null;
}

export interface PricedLine {
  lineNumber: number;
  serviceProduct: ServiceProduct | null;
  equipmentModel: EquipmentModel | null;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

const euros = (cents: number) => `${(cents / 100).toFixed(2)} €`;

/**
 * Validates the lines (collecting every problem, each named `lines.<index>.<field>`) and prices
 * them. Returns undefined when anything is wrong.
 */
export async function priceLines(
  em: EntityManager,
  problems: InputProblems,
  inputs: readonly LineInput[] | null | undefined,
  { field = 'lines', what = 'order' }: { field?: string; what?: string } = {},
): Promise<PricedLine[] | undefined> {
  if (!inputs || inputs.length === 0) {
    problems.add(field, `add at least one line to the ${what}: a service or an equipment model with a quantity`);
    return undefined;
  }
  if (inputs.length > MAX_LINES) {
    problems.add(field, `at most ${MAX_LINES} lines (now ${inputs.length})`);
    return undefined;
  }
  const before = problems.empty;
  const serviceIds = new Set<string>();
  const equipmentIds = new Set<string>();
  inputs.forEach((line, index) => {
    const at = (name: string) => `${field}.${index}.${name}`;
    const service = line.serviceProductId ?? null;
    const equipment = line.equipmentModelId ?? null;
    if (service && equipment) {
      problems.add(at('serviceProductId'), 'give either a service or an equipment model on a line, not both');
    } else if (!service && !equipment) {
      problems.add(at('serviceProductId'), 'is required: give a service (serviceProductId) or an equipment model (equipmentModelId)');
    } else if (service && !isUuid(service)) {
      problems.add(at('serviceProductId'), 'is not the id of any service in the catalogue');
    } else if (equipment && !isUuid(equipment)) {
      problems.add(at('equipmentModelId'), 'is not the id of any equipment model in the catalogue');
    } else if (service) {
      serviceIds.add(service);
    } else if (equipment) {
      equipmentIds.add(equipment);
    }
    if (line.quantity === undefined || line.quantity === null) {
      problems.add(at('quantity'), 'is required: how many (1 or more)');
    } else if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      problems.add(at('quantity'), `must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    const price = line.unitPriceCents;
    if (price !== undefined && price !== null && (!Number.isInteger(price) || price < 0 || price > MAX_UNIT_PRICE_CENTS)) {
      problems.add(at('unitPriceCents'), `must be whole cents from 0 to ${MAX_UNIT_PRICE_CENTS} (${euros(MAX_UNIT_PRICE_CENTS)})`);
    }
  });

  const [services, equipment] = await Promise.all([
    serviceIds.size > 0 ? em.find(ServiceProduct, { id: { $in: [...serviceIds] } }) : Promise.resolve([]),
    equipmentIds.size > 0 ? em.find(EquipmentModel, { id: { $in: [...equipmentIds] } }) : Promise.resolve([]),
  ]);
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const equipmentById = new Map(equipment.map((e) => [e.id, e]));

  const priced: PricedLine[] = [];
  let total = 0;
  inputs.forEach((line, index) => {
    const at = (name: string) => `${field}.${index}.${name}`;
    const service = line.serviceProductId ? serviceById.get(line.serviceProductId) : undefined;
    const model = line.equipmentModelId ? equipmentById.get(line.equipmentModelId) : undefined;
    if (line.serviceProductId && serviceIds.has(line.serviceProductId) && !service) {
      problems.add(at('serviceProductId'), 'is not the id of any service in the catalogue');
      return;
    }
    if (line.equipmentModelId && equipmentIds.has(line.equipmentModelId) && !model) {
      problems.add(at('equipmentModelId'), 'is not the id of any equipment model in the catalogue');
      return;
    }
    if (service && !service.active) {
      problems.add(at('serviceProductId'), `${service.code} can no longer be ordered (it is not active in the catalogue)`);
      return;
    }
    if (model && !model.active) {
      problems.add(at('equipmentModelId'), `${model.sku} can no longer be ordered (it is not active in the catalogue)`);
      return;
    }
    if (!service && !model) return;
    const quantity = line.quantity ?? 0;
    const unitPriceCents = line.unitPriceCents ?? (service ? service.monthlyPriceCents : model!.priceCents);
    const totalCents = quantity * unitPriceCents;
    if (totalCents > MAX_LINE_TOTAL_CENTS) {
      problems.add(at('quantity'), `makes the line total ${euros(totalCents)}: at most ${euros(MAX_LINE_TOTAL_CENTS)} per line`);
      return;
    }
    total += totalCents;
    priced.push({
      lineNumber: index + 1,
      serviceProduct: service ?? null,
      equipmentModel: model ?? null,
      quantity,
      unitPriceCents,
      totalCents,
    });
  });
  if (total > MAX_TOTAL_CENTS) {
    problems.add(field, `the total ${euros(total)} is more than ${euros(MAX_TOTAL_CENTS)}: split it into several`);
  }
  return before && problems.empty ? priced : undefined;
}

export const sumOf = (lines: readonly { totalCents: number }[]) => lines.reduce((sum, line) => sum + line.totalCents, 0);
