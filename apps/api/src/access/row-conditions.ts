/**
 * Row conditions: the data map names them (`read.when`), the domain modules implement them, and
 * the shield and the list queries use them. Each implementation answers the same question twice:
 *   - `holds`: does it hold for this data subject? (field rules, once per parent — implementations
 *     batch through a per-request loader, so a page costs one query, not one per row);
 *   - `where`: the same condition as a filter of a type's rows (lists and single-record queries
 *     of a caller limited by it never return a row that fails it).
 * A condition without an implementation holds nowhere: deny by default.
 */
import { recordCondition, ROW_CONDITIONS, type Principal, type RowCondition } from '@register/schema';
import type { RequestContext } from '../graphql/context.js';

export interface RowConditionImplementation {
  holds(subjectId: string, ctx: RequestContext): Promise<boolean>;
  /** Filters of the rows of each type the condition applies to, in the ORM's query language. */
  where: Readonly<Record<string, () => object>>;
}

const implementations = new Map<RowCondition, RowConditionImplementation>();

/** Called by the module that owns a condition, when it is loaded (modules/index.ts loads them all). */
export function implementRowConditions(entries: Partial<Record<RowCondition, RowConditionImplementation>>): void {
  for (const [name, implementation] of Object.entries(entries) as [RowCondition, RowConditionImplementation][]) {
    if (implementations.has(name)) throw new Error(`Row condition ${name} is implemented twice.`);
    implementations.set(name, implementation);
  }
}

export function unimplementedRowConditions(): RowCondition[] {
  return ROW_CONDITIONS.filter((name) => !implementations.has(name));
}

/** Whether any of the conditions holds for the data subject (unimplemented ones never do). */
export async function anyRowConditionHolds(
  conditions: readonly RowCondition[],
  subjectId: string,
  ctx: RequestContext,
): Promise<boolean> {
  for (const name of conditions) {
    const implementation = implementations.get(name);
    if (implementation && (await implementation.holds(subjectId, ctx))) return true;
  }
  return false;
}

/** A filter that matches no row: what a condition without an implementation filters to. */
const NOTHING = { $and: [{ id: null }, { id: { $ne: null } }] };

/**
 * The filter a principal's queries of the type must add, or undefined when it sees every row:
 * any of the conditions on the type's subject field (see `recordCondition` in the data map).
 */
export function rowFilter(principal: Principal, typeName: string): object | undefined {
  const conditions = recordCondition(principal, typeName);
  if (!conditions) return undefined;
  const filters = conditions.map((name) => implementations.get(name)?.where[typeName]?.() ?? NOTHING);
  if (filters.length === 0) return NOTHING;
  return filters.length === 1 ? filters[0] : { $or: filters };
}

/**
 * For the access-matrix snapshot only: runs `evaluate` with every row condition holding (or none
 * holding) on every record, so that the very rules the server runs show which reads are
 * conditional. The real implementations are restored afterwards.
 */
export async function withEveryRowCondition<T>(holds: boolean, evaluate: () => Promise<T>): Promise<T> {
  const saved = new Map(implementations);
  for (const name of ROW_CONDITIONS) implementations.set(name, { holds: async () => holds, where: {} });
  try {
    return await evaluate();
  } finally {
    implementations.clear();
    for (const [name, implementation] of saved) implementations.set(name, implementation);
  }
}
