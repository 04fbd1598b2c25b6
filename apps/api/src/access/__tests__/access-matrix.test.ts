import 'reflect-metadata';
import {
  canRead,
  canWrite,
  dataMap,
  partner,
  rowCondition,
  staff,
  STAFF_ROLES,
  type PartnerScope,
  type Principal,
  type StaffRole,
} from '@register/schema';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBaseSchema, permissionRules } from '../../graphql/schema.js';
import { withEveryRowCondition } from '../row-conditions.js';
import type { Rule, RuleMap } from '../shield.js';

/**
 * The effective access matrix, computed by running the very rules the server's shield runs, so
 * that every change to the data map or to the operation rules shows up as a diff of the file
 * snapshot (`__snapshots__/access-matrix.txt`). Review that diff like code.
 */

type Column = StaffRole | `partner:${PartnerScope}`;
const COLUMNS: Column[] = ['service', 'sales', 'billing', 'marketing', 'analyst', 'dpo', 'admin', 'partner:delivery'];

function principalOf(column: Column): Principal {
  return column.startsWith('partner:') ? partner(column.slice('partner:'.length) as PartnerScope) : staff(column as StaffRole);
}

interface Cell {
  read: boolean;
  create: boolean;
  update: boolean;
  /** Read only on records where a row condition of the data map holds (`read.when`). */
  conditional?: true;
}

/** The mutations that write a type: create<Type>/update<Type> unless the data map names others. */
const mutationsOf = (typeName: string) => ({
  create: dataMap[typeName as keyof typeof dataMap]?.mutations?.create ?? `create${typeName}`,
  update: dataMap[typeName as keyof typeof dataMap]?.mutations?.update ?? `update${typeName}`,
});

/** Evaluates one shield rule as the shield would, for a principal and the given arguments. */
async function permits(
  rule: Rule | undefined,
  principal: Principal,
  args: Record<string, unknown> = {},
  parent: unknown = undefined,
): Promise<boolean> {
  if (!rule) return false; // the shield's fallback rule denies
  const ctx = { principal, _shield: { cache: {} } };
  const resolve = (rule as unknown as {
    resolve(parent: unknown, args: unknown, ctx: unknown, info: unknown, options: unknown): Promise<unknown>;
  }).resolve.bind(rule);
  const result = await resolve(parent, args, ctx, undefined, { debug: false, hashFunction: JSON.stringify });
  return result === true;
}

const SELECTOR = 'id';

async function cell(rules: RuleMap, typeName: string, field: string, principal: Principal): Promise<Cell> {
  // A record of some data subject, read once where every row condition holds and once where none does.
  const record = { [dataMap[typeName as keyof typeof dataMap]!.subject]: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' };
  const read = await withEveryRowCondition(true, () => permits(rules[typeName]?.[field], principal, {}, record));
  const readAnywhere = await withEveryRowCondition(false, () => permits(rules[typeName]?.[field], principal, {}, record));
  const { create: createOperation, update: updateOperation } = mutationsOf(typeName);
  const create = await permits(rules.Mutation?.[createOperation], principal, { [field]: 'value' });
  // The id selects the record on update; it is never a value that is written.
  const update =
    field === SELECTOR ? false : await permits(rules.Mutation?.[updateOperation], principal, { id: 'some-id', [field]: 'value' });
  return { read, create, update, ...(read && !readAnywhere ? { conditional: true as const } : {}) };
}

const code = (c: Cell) => `${c.read ? (c.conditional ? 'r' : 'R') : '-'}${c.create ? 'C' : '-'}${c.update ? 'U' : '-'}`;

type Matrix = Record<string, Record<string, Record<Column, Cell>>>;

async function effectiveMatrix(): Promise<Matrix> {
  const rules = permissionRules();
  const matrix: Matrix = {};
  for (const [typeName, type] of Object.entries(dataMap)) {
    matrix[typeName] = {};
    for (const field of Object.keys(type.fields)) {
      const row = {} as Record<Column, Cell>;
      for (const column of COLUMNS) row[column] = await cell(rules, typeName, field, principalOf(column));
      matrix[typeName][field] = row;
    }
  }
  return matrix;
}

/** Operations (queries and mutations) that do not depend on their arguments. */
async function operationMatrix(schema: GraphQLSchema): Promise<string[]> {
  const rules = permissionRules();
  const lines: string[] = [];
  const perField = new Set(Object.keys(dataMap).flatMap((t) => Object.values(mutationsOf(t))));
  for (const root of ['Query', 'Mutation'] as const) {
    const type = schema.getType(root);
    if (!isObjectType(type)) continue;
    for (const field of Object.keys(type.getFields()).sort()) {
      if (perField.has(field)) continue;
      const allowed: string[] = [];
      for (const column of [...COLUMNS, 'anonymous'] as const) {
        const principal: Principal = column === 'anonymous' ? { kind: 'anonymous' } : principalOf(column);
        if (await permits(rules[root]?.[field], principal)) allowed.push(column);
      }
      lines.push(`${`${root}.${field}`.padEnd(40)} ${allowed.length > 0 ? allowed.join(', ') : '(nobody)'}`);
    }
  }
  return lines;
}

function render(matrix: Matrix, argumentsOf: (typeName: string) => Set<string>, operations: string[]): string {
  const lines = [
    'Effective access: R = read, r = read only on records that meet a row condition (read.when), C = set on create, U = change on update, - = no.',
    'Generated by access-matrix.test.ts from the rules the server runs. Review every diff.',
    '',
  ];
  for (const [typeName, fields] of Object.entries(matrix)) {
    const settable = argumentsOf(typeName);
    lines.push(`${typeName.padEnd(34)} ${COLUMNS.map((c) => c.padEnd(10)).join('').trimEnd()}`);
    for (const [field, row] of Object.entries(fields)) {
      const mark = settable.has(field) ? '' : ' *';
      lines.push(`  ${(field + mark).padEnd(32)} ${COLUMNS.map((c) => code(row[c]).padEnd(10)).join('').trimEnd()}`);
    }
    const { create, update } = mutationsOf(typeName);
    lines.push(`  * no argument of ${create}/${update}: not writable through the API whatever the rule says`);
    lines.push('');
  }
  lines.push('Operations (evaluated without arguments; per-field writes are in the tables above)');
  lines.push(...operations.map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

let schema: GraphQLSchema;
let matrix: Matrix;

beforeAll(async () => {
  schema = await buildBaseSchema();
  matrix = await effectiveMatrix();
});

function mutationArguments(typeName: string): Set<string> {
  const mutation = schema.getMutationType();
  const names = new Set<string>();
  for (const operation of Object.values(mutationsOf(typeName))) {
    for (const arg of mutation?.getFields()[operation]?.args ?? []) if (arg.name !== SELECTOR) names.add(arg.name);
  }
  return names;
}

describe('access matrix snapshot', () => {
  it('matches the reviewed file snapshot', async () => {
    const text = render(matrix, mutationArguments, await operationMatrix(schema));
    await expect(text).toMatchFileSnapshot('./__snapshots__/access-matrix.txt');
  });

  it('the effective rules agree with the data map (canRead / canWrite) for every cell', () => {
    for (const [typeName, fields] of Object.entries(matrix)) {
      for (const [field, row] of Object.entries(fields)) {
        for (const column of COLUMNS) {
          const principal = principalOf(column);
          const where = `${typeName}.${field} for ${column}`;
          expect(row[column].read, where).toBe(canRead(principal, typeName, field));
          // Conditional exactly where the data map puts a row condition on the principal's read.
          expect(row[column].conditional ?? false, where).toBe(rowCondition(principal, typeName, field) !== null);
          expect(row[column].create, where).toBe(canWrite(principal, typeName, field, 'create'));
          if (field !== SELECTOR) {
            // Changing a field needs the right to change it and to find the record (read its id).
            const expected = canWrite(principal, typeName, field, 'update') && canRead(principal, typeName, SELECTOR);
            expect(row[column].update, where).toBe(expected);
          }
        }
      }
    }
  });
});

/**
 * PRODUCT.md, "Who reads and writes a customer's fields", written out by hand. The columns are
 * service, sales, billing, marketing, analyst, dpo, admin, partner `delivery`.
 * RCU = read and write (on create and update); R = read only; C = write on entry only; - = nothing;
 * r = read only for permitted customers and channels ("read (permitted customers only)", "read
 * (permitted channel only)", "read (post permitted only)": promise 6, the data map's row conditions).
 */
const PRODUCT_MATRIX: Record<string, { fields: string[]; access: Record<Column, string> }> = {
  'name, kind, status': {
    fields: ['name', 'kind', 'status'],
    access: { service: 'RCU', sales: 'R', billing: 'R', marketing: 'r', analyst: '-', dpo: 'RCU', admin: '-', 'partner:delivery': '-' },
  },
  'e-mail, phone': {
    fields: ['email', 'phone'],
    access: { service: 'RCU', sales: 'R', billing: 'R', marketing: 'r', analyst: '-', dpo: 'RCU', admin: '-', 'partner:delivery': '-' },
  },
  'postal address': {
    fields: ['streetAddress', 'postalCode', 'city', 'country'],
    access: { service: 'RCU', sales: 'R', billing: 'RCU', marketing: 'r', analyst: '-', dpo: 'RCU', admin: '-', 'partner:delivery': '-' },
  },
  'date of birth': {
    fields: ['dateOfBirth'],
    access: { service: 'RCU', sales: '-', billing: 'R', marketing: '-', analyst: '-', dpo: 'RCU', admin: '-', 'partner:delivery': '-' },
  },
  'identity number, full': {
    fields: ['personalIdentityNumber'],
    access: { service: 'C', sales: '-', billing: 'RCU', marketing: '-', analyst: '-', dpo: 'RCU', admin: '-', 'partner:delivery': '-' },
  },
  'identity number, masked (derived from the full one, written by nobody)': {
    fields: ['personalIdentityNumberMasked'],
    access: { service: 'R', sales: 'R', billing: 'R', marketing: '-', analyst: '-', dpo: 'R', admin: '-', 'partner:delivery': '-' },
  },
  'business ID': {
    fields: ['businessId'],
    access: { service: 'RCU', sales: 'R', billing: 'RCU', marketing: 'r', analyst: '-', dpo: 'RCU', admin: '-', 'partner:delivery': '-' },
  },
  'source and collection time': {
    fields: ['sourceType', 'sourcePartner', 'collectedAt'],
    access: { service: 'R', sales: 'R', billing: 'R', marketing: '-', analyst: '-', dpo: 'RCU', admin: '-', 'partner:delivery': '-' },
  },
  // Not rows of PRODUCT.md: the customer number and the times the system keeps. The number is
  // read with the record by everyone who reads customers; the times are caseworkers' record
  // data like the source; nobody writes any of them.
  'customer number': {
    fields: ['id'],
    access: { service: 'R', sales: 'R', billing: 'R', marketing: 'r', analyst: '-', dpo: 'R', admin: '-', 'partner:delivery': '-' },
  },
  'record times kept by the system': {
    fields: ['relationshipEndedAt', 'createdAt', 'updatedAt'],
    access: { service: 'R', sales: 'R', billing: 'R', marketing: '-', analyst: '-', dpo: 'R', admin: '-', 'partner:delivery': '-' },
  },
};

function expectedCell(access: string): Cell {
  if (access === 'RCU') return { read: true, create: true, update: true };
  if (access === 'R') return { read: true, create: false, update: false };
  if (access === 'r') return { read: true, create: false, update: false, conditional: true };
  if (access === 'C') return { read: false, create: true, update: false };
  if (access === '-') return { read: false, create: false, update: false };
  throw new Error(`unknown access code ${access}`);
}

describe("PRODUCT.md's matrix, exactly", () => {
  it('covers every Customer field once', () => {
    const listed = Object.values(PRODUCT_MATRIX).flatMap((group) => group.fields).sort();
    expect(listed).toEqual(Object.keys(dataMap.Customer.fields).sort());
  });

  for (const [group, { fields, access }] of Object.entries(PRODUCT_MATRIX)) {
    it(`${group}`, () => {
      for (const field of fields) {
        for (const column of COLUMNS) {
          const actual = matrix.Customer![field]![column];
          const want = expectedCell(access[column]);
          // The id is the selector of an update, never a written value (see the snapshot).
          if (field === SELECTOR) want.update = false;
          expect(actual, `Customer.${field} for ${column}`).toEqual(want);
        }
      }
    });
  }

  const readers = (field: string) => COLUMNS.filter((column) => matrix.Customer![field]![column].read);

  it('the full identity number is read by billing and dpo only', () => {
    expect(readers('personalIdentityNumber')).toEqual(['billing', 'dpo']);
  });

  it('the masked identity number is read by service, sales, billing and dpo', () => {
    expect(readers('personalIdentityNumberMasked')).toEqual(['service', 'sales', 'billing', 'dpo']);
  });

  it('service may set the identity number on create, never change it', () => {
    expect(matrix.Customer!.personalIdentityNumber!.service).toEqual({ read: false, create: true, update: false });
  });

  it('analyst and admin read no Customer field, and the delivery partner reads none either', () => {
    for (const column of ['analyst', 'admin', 'partner:delivery'] as const) {
      const read = Object.entries(matrix.Customer!).filter(([, row]) => row[column].read).map(([field]) => field);
      expect(read, column).toEqual([]);
    }
  });

  it('marketing reads name, kind, status, e-mail, phone, address and business ID, only where permitted, and nothing else', () => {
    const read = Object.entries(matrix.Customer!).filter(([, row]) => row.marketing.read).map(([field]) => field).sort();
    expect(read).toEqual(
      ['id', 'name', 'kind', 'status', 'email', 'phone', 'streetAddress', 'postalCode', 'city', 'country', 'businessId'].sort(),
    );
    for (const field of read) expect(matrix.Customer![field]!.marketing.conditional, field).toBe(true);
    for (const field of ['dateOfBirth', 'personalIdentityNumber', 'personalIdentityNumberMasked', 'sourceType', 'sourcePartner', 'collectedAt']) {
      expect(matrix.Customer![field]!.marketing.read, field).toBe(false);
    }
  });

  it('sales, marketing, analyst, admin and the delivery partner write no Customer field', () => {
    for (const column of ['sales', 'marketing', 'analyst', 'admin', 'partner:delivery'] as const) {
      const writes = Object.entries(matrix.Customer!).filter(([, row]) => row[column].create || row[column].update);
      expect(writes.map(([field]) => field), column).toEqual([]);
    }
  });
});

describe('operations of PRODUCT.md', () => {
  async function allowed(root: 'Query' | 'Mutation', field: string): Promise<string[]> {
    const rules = permissionRules();
    const result: string[] = [];
    for (const column of COLUMNS) if (await permits(rules[root]?.[field], principalOf(column))) result.push(column);
    if (await permits(rules[root]?.[field], { kind: 'anonymous' })) result.push('anonymous');
    return result;
  }

  it('verifying an identity number: service, billing and dpo', async () => {
    expect(await allowed('Mutation', 'verifyPersonalIdentityNumber')).toEqual(['service', 'billing', 'dpo']);
  });

  it('deleting a customer outright: dpo only', async () => {
    expect(await allowed('Mutation', 'deleteCustomer')).toEqual(['dpo']);
  });

  it('staff users and API keys: admin only', async () => {
    for (const operation of ['createStaffUser', 'updateStaffUser', 'createApiKey', 'revokeApiKey'] as const) {
      expect(await allowed('Mutation', operation), operation).toEqual(['admin']);
    }
    for (const operation of ['allStaffUsers', 'StaffUser', 'allApiKeys', '_allApiKeysMeta', '_allStaffUsersMeta'] as const) {
      expect(await allowed('Query', operation), operation).toEqual(['admin']);
    }
  });

  it('listing customers: whoever reads a Customer field', async () => {
    expect(await allowed('Query', 'allCustomers')).toEqual(['service', 'sales', 'billing', 'marketing', 'dpo']);
    expect(await allowed('Query', 'Customer')).toEqual(['service', 'sales', 'billing', 'marketing', 'dpo']);
  });

  it('the audit log: dpo only', async () => {
    expect(await allowed('Query', 'allAuditEvents')).toEqual(['dpo']);
  });

  it('every staff role is a column of the matrix', () => {
    expect([...STAFF_ROLES].sort()).toEqual(COLUMNS.filter((c) => !c.startsWith('partner:')).sort());
  });
});
