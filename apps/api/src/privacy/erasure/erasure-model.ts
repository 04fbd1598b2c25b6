import type { EntityMetadata, EntityProperty, MetadataStorage } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { dataMap, type DataMap, type ErasureStrategy, type LegalHold, type TypeClassification } from '@register/schema';

/**
 * How the data map's types are stored, read from the ORM's metadata and the database catalogue.
 * Nothing here names a field of a type: a field added to the map is covered by its own
 * classification (its `storage` columns, or the ORM property of the same name, or the relation
 * behind an `…Id` field). The only per-type knowledge is where a legal hold starts (HOLD_STARTS)
 * and which table is emptied by a database function instead of DELETE (DELETION_FUNCTIONS).
 */

/** Whose data: a customer (with everything attached to it) or a contact person of a business. */
export type SubjectType = 'CUSTOMER' | 'CONTACT_PERSON';

export interface StoredColumn {
  name: string;
  nullable: boolean;
  hasDefault: boolean;
  array: boolean;
  generated: boolean;
  /** The column's type name (e.g. `uuid`), for casting parameters so that indexes apply. */
  typeName: string;
}

export interface FieldErasure {
  field: string;
  erasure: ErasureStrategy;
  /** Stored columns behind the field (generated ones included: they follow the columns they copy). */
  columns: string[];
}

export interface Reference {
  column: string;
  targetType: string;
  nullable: boolean;
  /** The database sets the column to null when the target row is deleted. */
  setNullOnDelete: boolean;
}

export interface ErasureTable {
  typeName: string;
  classification: TypeClassification;
  table: string;
  primaryKey: string;
  columns: Map<string, StoredColumn>;
  fields: FieldErasure[];
  /** Many-to-one references to other erasure tables. */
  references: Reference[];
  holds: LegalHold[];
}

/** Columns whose date starts a type's legal hold, first non-empty wins (empty → the erasure day). */
export const HOLD_STARTS: Readonly<Record<string, readonly string[]>> = {
  // An invoice is a voucher of the financial year it was issued in.
  Invoice: ['issue_date'],
  // Claims can arise until the contract ends; a contract still running ends with the erasure.
  Contract: ['end_date'],
  // An order's claims run from its delivery (or the planned delivery, if never delivered).
  Order: ['delivered_at', 'delivery_date'],
};

/** Tables that only a database function may empty (append-only ledgers). */
export const DELETION_FUNCTIONS: Readonly<Record<string, string>> = {
  marketing_permit_entry: 'erase_marketing_ledger',
};

/** A PostgreSQL array literal: the ORM would spread a JavaScript array into a list of parameters. */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function isManyToOne(prop: EntityProperty): boolean {
  return prop.kind === 'm:1' || (prop.kind === '1:1' && Boolean(prop.owner));
}

function propertyColumns(meta: EntityMetadata, field: string): string[] {
  const direct = meta.properties[field as keyof typeof meta.properties] as EntityProperty | undefined;
  if (direct && direct.persist !== false && direct.fieldNames?.length && (direct.kind === 'scalar' || isManyToOne(direct))) {
    return [...direct.fieldNames];
  }
  if (field.endsWith('Id')) {
    const relation = meta.properties[field.slice(0, -2) as keyof typeof meta.properties] as EntityProperty | undefined;
    if (relation && isManyToOne(relation) && relation.fieldNames?.length) return [...relation.fieldNames];
  }
  return [];
}

/** The database's own description of the tables' columns (one query for every table). */
async function storedColumns(em: EntityManager, tables: string[]): Promise<Map<string, Map<string, StoredColumn>>> {
  const rows = await em.getConnection().execute<
    { table_name: string; column_name: string; is_nullable: string; column_default: string | null; data_type: string; udt_name: string; is_generated: string }[]
  >(
    `select table_name, column_name, is_nullable, column_default, data_type, udt_name, is_generated
       from information_schema.columns where table_schema = current_schema() and table_name = any(?::text[]) order by ordinal_position`,
    [pgArray(tables)],
    'all',
  );
  const byTable = new Map<string, Map<string, StoredColumn>>();
  for (const row of rows) {
    let columns = byTable.get(row.table_name);
    if (!columns) byTable.set(row.table_name, (columns = new Map()));
    columns.set(row.column_name, {
      name: row.column_name,
      nullable: row.is_nullable === 'YES',
      hasDefault: row.column_default !== null,
      array: row.data_type === 'ARRAY',
      generated: row.is_generated === 'ALWAYS',
      typeName: row.udt_name,
    });
  }
  return byTable;
}

export interface ErasureModel {
  tables: Map<string, ErasureTable>;
  /** Classified types with no table of their own (computed on read, or a view of another record). */
  computed: string[];
  /** Table name → type name. */
  byTable: Map<string, string>;
}

/** Builds the model once per process: the map and the schema do not change while it runs. */
export async function buildErasureModel(em: EntityManager, map: DataMap = dataMap): Promise<ErasureModel> {
  const metadata: MetadataStorage = em.getMetadata();
  const entries: [string, TypeClassification, EntityMetadata][] = [];
  const computed: string[] = [];
  for (const [typeName, classification] of Object.entries(map)) {
    const meta = metadata.getByClassName(typeName, false);
    if (!meta || !meta.tableName || meta.virtual || meta.embeddable) computed.push(typeName);
    else entries.push([typeName, classification, meta]);
  }
  const columnsByTable = await storedColumns(em, entries.map(([, , meta]) => meta.tableName));
  const byTable = new Map(entries.map(([typeName, , meta]) => [meta.tableName, typeName]));
  const byClass = new Map(entries.map(([typeName, , meta]) => [meta.className, typeName]));
  const tables = new Map<string, ErasureTable>();
  for (const [typeName, classification, meta] of entries) {
    const columns = columnsByTable.get(meta.tableName) ?? new Map<string, StoredColumn>();
    const fields = Object.entries(classification.fields).map(([field, c]) => ({
      field,
      erasure: c.erasure,
      columns: (c.storage ? [...c.storage] : propertyColumns(meta, field)).filter((column) => columns.has(column)),
    }));
    const references: Reference[] = [];
    for (const prop of Object.values(meta.properties) as EntityProperty[]) {
      if (!isManyToOne(prop) || !prop.fieldNames?.length) continue;
      const targetType = byClass.get(prop.targetMeta?.className ?? String(prop.type));
      if (!targetType) continue;
      const column = prop.fieldNames[0]!;
      references.push({
        column,
        targetType,
        nullable: columns.get(column)?.nullable ?? Boolean(prop.nullable),
        setNullOnDelete: prop.deleteRule === 'set null',
      });
    }
    const holds = [...new Set(
      Object.values(classification.fields).flatMap((c) => (c.erasure.strategy === 'hold' ? [c.erasure.hold] : [])),
    )];
    tables.set(typeName, {
      typeName,
      classification,
      table: meta.tableName,
      primaryKey: meta.primaryKeys.length === 1 ? (meta.properties[meta.primaryKeys[0]!] as EntityProperty).fieldNames[0]! : '',
      columns,
      fields,
      references,
      holds,
    });
  }
  return { tables, computed, byTable };
}

/** Stored columns of a table that no field of its type accounts for (a test keeps this empty). */
export function uncoveredColumns(table: ErasureTable): string[] {
  const covered = new Set(table.fields.flatMap((field) => field.columns));
  return [...table.columns.keys()].filter((column) => !covered.has(column));
}

/** The column through which a type's records belong to a subject, or the parent that knows it. */
export type SubjectPath = { column: string } | { via: Reference; parent: ErasureTable; parentPath: { column: string } };

export function subjectPath(model: ErasureModel, table: ErasureTable, subjectField: string): SubjectPath | undefined {
  const own = table.fields.find((field) => field.field === subjectField)?.columns[0];
  if (own) return { column: own };
  for (const reference of table.references) {
    const parent = model.tables.get(reference.targetType);
    const parentColumn = parent?.fields.find((field) => field.field === subjectField)?.columns[0];
    if (parent && parentColumn && !reference.nullable) return { via: reference, parent, parentPath: { column: parentColumn } };
  }
  return undefined;
}

/** Parents before children (for planning); reversed, children before parents (for deleting). */
export function dependencyOrder(model: ErasureModel): ErasureTable[] {
  const ordered: ErasureTable[] = [];
  const seen = new Set<string>();
  const visit = (table: ErasureTable, path: Set<string>) => {
    if (seen.has(table.typeName) || path.has(table.typeName)) return;
    path.add(table.typeName);
    for (const reference of table.references) {
      const parent = model.tables.get(reference.targetType);
      if (parent && parent !== table) visit(parent, path);
    }
    seen.add(table.typeName);
    ordered.push(table);
  };
  for (const table of model.tables.values()) visit(table, new Set());
  return ordered;
}
