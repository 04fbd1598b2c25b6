/**
 * Read models of entities as plain objects ("views"), built by PostgreSQL as JSON in the same
 * statement that finds them, so that a record and its related records come back in one round trip
 * (see modules/customer/customer.reads.ts). The shape comes from the ORM's metadata, so a column
 * added to an entity appears in its view without anyone remembering to add it here.
 *
 * A view has the entity's property names and the values the ORM would give them (Date for
 * timestamps, Buffer for bytea, the string of a date); a many-to-one relation `customer` becomes
 * `customerId`, as the GraphQL types name it. Collections are left out: a read model adds the
 * ones it loaded under their own names.
 */
import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

export type View = Record<string, unknown>;

const VIEW = Symbol('read model');

/** Whether a record is a read model rather than a managed entity. */
export function isView(record: unknown): record is View {
  return typeof record === 'object' && record !== null && (record as { [VIEW]?: boolean })[VIEW] === true;
}

/**
 * The prototype of an entity's views: the entity's own (TypeGraphQL resolves getter fields such as
 * `customerId` on instances of the class, and converts anything else into one by calling its
 * constructor), with the keys a view carries turned into plain data properties, so that the
 * view's values shadow the class's getters and the ORM's accessors.
 */
function viewPrototype(entity: abstract new (...args: never[]) => object, keys: readonly string[]): object {
  const accessors = new Set<string>();
  for (let proto = entity.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.get || descriptor.set) accessors.add(key);
    }
  }
  const shadows: PropertyDescriptorMap = { [VIEW]: { value: true } };
  for (const key of keys) if (accessors.has(key)) shadows[key] = { value: undefined, writable: true, enumerable: true, configurable: true };
  return Object.create(entity.prototype as object, shadows);
}

interface Column {
  key: string;
  sql: (alias: string) => string;
  convert?: (value: unknown) => unknown;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function converter(prop: EntityProperty): Column['convert'] {
  const runtime = String(prop.runtimeType ?? '').toLowerCase();
  if (runtime === 'date') return (value) => (typeof value === 'string' ? new Date(value) : value);
  if (runtime === 'buffer') {
    return (value) => (typeof value === 'string' && value.startsWith('\\x') ? Buffer.from(value.slice(2), 'hex') : value);
  }
  if (runtime === 'string') return (value) => (typeof value === 'number' ? String(value) : value);
  return undefined;
}

export class ViewShape {
  readonly table: string;
  private readonly columns: Column[] = [];
  private readonly proto: object;
  private readonly columnKeys: Set<string>;
  private readonly converted: Column[];
  private readonly related: Set<string>;

  /** `related`: the keys of related records a read model may add (e.g. `contracts`). */
  constructor(meta: EntityMetadata, entity: abstract new (...args: never[]) => object, related: readonly string[] = []) {
    this.table = quote(meta.tableName);
    for (const prop of meta.props) {
      if (prop.persist === false || prop.lazy || !prop.fieldNames?.length) continue;
      if (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED) {
        const column = prop.fieldNames[0]!;
        this.columns.push({ key: prop.name, sql: (alias) => `${alias}.${quote(column)}`, convert: converter(prop) });
      } else if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
        if (prop.fieldNames.length !== 1) continue;
        const column = prop.fieldNames[0]!;
        this.columns.push({ key: `${prop.name}Id`, sql: (alias) => `${alias}.${quote(column)}` });
      }
    }
    this.proto = viewPrototype(entity, [...this.columns.map((column) => column.key), ...related]);
    this.columnKeys = new Set(this.columns.map((column) => column.key));
    this.converted = this.columns.filter((column) => column.convert);
    this.related = new Set(related);
  }

  /**
   * The keys a view must carry for a query that selects these fields: the selected columns, the
   * record's id and the keys every read of the type depends on (`always`: e.g. the field naming its
   * data subject, which the rules, the restriction check and the audit read). Undefined — every
   * column — when a selected field is neither a column nor a related record the read model adds
   * (a field resolver may read any column of its parent, e.g. the encrypted identity number).
   */
  keysFor(selected: ReadonlySet<string> | undefined, always: readonly string[] = []): string[] | undefined {
    if (!selected) return undefined;
    const keys = new Set<string>(['id', ...always]);
    for (const name of selected) {
      if (name === '__typename' || this.related.has(name)) continue;
      if (!this.columnKeys.has(name)) return undefined;
      keys.add(name);
    }
    return this.columns.filter((column) => keys.has(column.key)).map((column) => column.key);
  }

  /**
   * `json_build_object(...)` of the row under `alias`, with extra keys (SQL expressions) appended;
   * only the columns named in `keys` when given (see keysFor), every column otherwise.
   */
  json(alias: string, extra: Readonly<Record<string, string>> = {}, keys?: readonly string[]): string {
    const only = keys ? new Set(keys) : undefined;
    const pairs = [
      ...this.columns.filter((column) => !only || only.has(column.key)).map((column) => `'${column.key}', ${column.sql(alias)}`),
      ...Object.entries(extra).map(([key, expression]) => `'${key}', ${expression}`),
    ];
    // json_build_object takes at most 100 arguments: wider rows are merged from several objects.
    const chunks: string[] = [];
    for (let i = 0; i < pairs.length; i += 50) chunks.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(', ')})`);
    if (chunks.length === 1) return chunks[0]!.replace(/^jsonb_/, 'json_');
    return `(${chunks.join(' || ')})::json`;
  }

  /** The view of one parsed JSON object. */
  read(json: View): View {
    for (const column of this.converted) {
      const value = json[column.key];
      if (value !== null && value !== undefined) json[column.key] = column.convert!(value);
    }
    return Object.assign(Object.create(this.proto) as View, json);
  }
}

const shapes = new WeakMap<EntityMetadata, ViewShape>();

/** The view shape of an entity class, built once from the ORM's metadata. */
export function viewShape(
  em: EntityManager,
  entity: abstract new (...args: never[]) => object,
  related: readonly string[] = [],
): ViewShape {
  const meta = em.getMetadata().get(entity as never) as EntityMetadata;
  let shape = shapes.get(meta);
  if (!shape) {
    shape = new ViewShape(meta, entity, related);
    shapes.set(meta, shape);
  }
  return shape;
}
