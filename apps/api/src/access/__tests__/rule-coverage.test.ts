import 'reflect-metadata';
import {
  canRead,
  canWrite,
  dataMap,
  partner,
  PARTNER_SCOPES,
  rowCondition,
  staff,
  STAFF_ROLES,
  type FieldClassification,
  type Principal,
} from '@register/schema';
import { graphql, isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBaseSchema, permissionRules } from '../../graphql/schema.js';
import { applyFieldMiddleware } from '../../graphql/field-middleware.js';
import { Customer } from '../../modules/customer/customer.entity.js';
import { CustomerKind } from '../../modules/customer/customer.enums.js';
import { domainModules } from '../../modules/index.js';
import { buildPermissions, dataMapRules, mergeRuleMaps, type RuleMap } from '../shield.js';

const PRINCIPALS: [string, Principal][] = [
  ...STAFF_ROLES.map((role): [string, Principal] => [role, staff(role)]),
  ...PARTNER_SCOPES.map((scope): [string, Principal] => [`partner ${scope}`, partner(scope)]),
  ['anonymous', { kind: 'anonymous' }],
];

/** Every field of every object type of the schema, introspection types left out. */
function schemaFields(schema: GraphQLSchema): string[] {
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.keys(type.getFields())) fields.push(`${type.name}.${field}`);
  }
  return fields.sort();
}

function ruleFields(rules: RuleMap): string[] {
  return Object.entries(rules).flatMap(([type, fields]) => Object.keys(fields).map((field) => `${type}.${field}`));
}

describe('every field of the schema has exactly one rule', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildBaseSchema();
  });

  it('finds the object types it is meant to check', () => {
    const fields = schemaFields(schema);
    // A sanity check of the walk itself: if it found nothing, the tests below would prove nothing.
    expect(fields).toContain('Customer.personalIdentityNumber');
    expect(fields).toContain('Query.allCustomers');
    expect(fields).toContain('Mutation.createCustomer');
    expect(fields).toContain('AuditEvent.subjectId');
    expect(fields.some((field) => field.startsWith('__'))).toBe(false);
  });

  it('has no field without a rule', () => {
    const covered = new Set(ruleFields(permissionRules()));
    const missing = schemaFields(schema).filter((field) => !covered.has(field));
    expect(missing, `fields without a rule (classify them in the data map or add an operation rule): ${missing.join(', ')}`).toEqual([]);
  });

  it('has no field with two rules (data map and operation rules never overlap)', () => {
    const counts = new Map<string, number>();
    for (const field of [...ruleFields(dataMapRules()), ...domainModules.flatMap((module) => ruleFields(module.rules))]) {
      counts.set(field, (counts.get(field) ?? 0) + 1);
    }
    const twice = [...counts].filter(([, n]) => n > 1).map(([field]) => field);
    expect(twice, `fields with more than one rule: ${twice.join(', ')}`).toEqual([]);
    expect(() => permissionRules()).not.toThrow();
  });

  it('has no rule for a type or field that does not exist', () => {
    const existing = new Set(schemaFields(schema));
    const stale = ruleFields(permissionRules()).filter((field) => !existing.has(field));
    expect(stale, `rules naming nothing in the schema: ${stale.join(', ')}`).toEqual([]);
    for (const typeName of Object.keys(permissionRules())) {
      expect(isObjectType(schema.getType(typeName)), `${typeName} is not an object type of the schema`).toBe(true);
    }
  });

  it('refuses to merge two rules for one field', () => {
    const [type, fields] = Object.entries(dataMapRules())[0]!;
    const field = Object.keys(fields)[0]!;
    expect(() => mergeRuleMaps(dataMapRules(), { [type]: { [field]: fields[field]! } })).toThrow(
      `Two rules for ${type}.${field}`,
    );
  });
});

describe('a field classified nowhere is denied to everyone', () => {
  const customerFields = dataMap.Customer.fields as Record<string, FieldClassification>;

  async function readCustomerAs(principal: Principal) {
    const schema = applyFieldMiddleware(await buildBaseSchema(), buildPermissions(permissionRules()));
    const customer = Object.assign(new Customer(), {
      id: '6f9619ff-8b86-4d01-b42d-00c04fc964ff',
      kind: CustomerKind.PRIVATE,
      name: 'Aino Korhonen',
      email: 'aino.korhonen@example.fi',
    });
    return graphql({
      schema,
      source: `{ Customer(id: "${customer.id}") { id name email } }`,
      contextValue: { principal, services: { customers: { read: async () => ({ customer }) } } },
    });
  }

  it('unknown fields and types are readable and writable by nobody', () => {
    for (const [, principal] of PRINCIPALS) {
      expect(canRead(principal, 'Customer', 'favouriteColour')).toBe(false);
      expect(canRead(principal, 'UnclassifiedType', 'id')).toBe(false);
      expect(canWrite(principal, 'Customer', 'favouriteColour', 'create')).toBe(false);
      expect(canWrite(principal, 'Customer', 'favouriteColour', 'update')).toBe(false);
    }
  });

  it('a field removed from the data map loses every read and write, and the served schema denies it', async () => {
    // Control: classified, the field is readable by the dpo through the shield.
    const before = await readCustomerAs(staff('dpo'));
    expect(before.errors).toBeUndefined();
    expect(before.data).toEqual({
      Customer: { id: '6f9619ff-8b86-4d01-b42d-00c04fc964ff', name: 'Aino Korhonen', email: 'aino.korhonen@example.fi' },
    });

    const saved = customerFields.email!;
    delete customerFields.email;
    try {
      for (const [name, principal] of PRINCIPALS) {
        expect(canRead(principal, 'Customer', 'email'), name).toBe(false);
        expect(canWrite(principal, 'Customer', 'email', 'create'), name).toBe(false);
        expect(canWrite(principal, 'Customer', 'email', 'update'), name).toBe(false);
      }
      expect(dataMapRules().Customer?.email).toBeUndefined();

      // Roles that read customers only where a row condition holds (marketing) need the database
      // to decide; marketing-access.test.ts covers them through the real server.
      const unconditional = (r: (typeof STAFF_ROLES)[number]) => rowCondition(staff(r), 'Customer', 'name') === null;
      for (const role of STAFF_ROLES.filter((r) => canRead(staff(r), 'Customer', 'name') && unconditional(r))) {
        const after = await readCustomerAs(staff(role));
        expect(after.data, role).toEqual({
          Customer: { id: '6f9619ff-8b86-4d01-b42d-00c04fc964ff', name: 'Aino Korhonen', email: null },
        });
        expect(after.errors, role).toHaveLength(1);
        expect(after.errors?.[0]?.path).toEqual(['Customer', 'email']);
        expect(after.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    } finally {
      customerFields.email = saved;
    }
    expect(canRead(staff('dpo'), 'Customer', 'email')).toBe(true);
  });
});
