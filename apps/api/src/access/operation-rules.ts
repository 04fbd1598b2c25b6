/**
 * Rules for everything the data map does not classify: operations (queries and mutations) and
 * internal types. Together with the data map, every field of the schema has exactly one rule
 * (a test fails when one has none).
 */
import { canRead, canWrite, fieldClassification, readableFields, type Principal, type StaffRole } from '@register/schema';
import { GraphQLError } from 'graphql';
import { rule } from 'graphql-shield';
import type { RequestContext } from '../graphql/context.js';
import { CUSTOMER_FILTER_FIELDS, type CustomerListArgs } from '../modules/customer/customer.input.js';
import { allowAll, callerRule, readsAnyOf, type Rule, type RuleMap } from './shield.js';

const canReadAnyField = (principal: Principal, typeName: string) =>
  readableFields(principal, typeName).length > 0;

const hasRole = (...roles: StaffRole[]) =>
  callerRule(`role:${roles.join(',')}`, (p: Principal) => p.kind === 'staff' && p.roles.some((r) => roles.includes(r)));

const admin = hasRole('admin');
const dpo = hasRole('dpo');

const forbiddenField = (message: string, field: string) =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN', field } });

/** A filter or a sort is a read of the field it works on: allowed only where the field is readable. */
function listRule(typeName: string, filterFields: Record<string, string[]>): Rule {
  return rule(`list:${typeName}`, { cache: 'strict' })(
    (_parent, args: CustomerListArgs, ctx: RequestContext) => {
      if (!canReadAnyField(ctx.principal, typeName)) return false;
      for (const [key, value] of Object.entries(args.filter ?? {})) {
        if (value === undefined || value === null) continue;
        const fields = filterFields[key];
        if (!fields) return forbiddenField(`Filtering by ${key} is not possible.`, `filter.${key}`);
        const unreadable = fields.find((field) => !canRead(ctx.principal, typeName, field));
        if (unreadable) {
          return forbiddenField(`You may not filter by ${key}: it reads ${unreadable}, which your role cannot read.`, `filter.${key}`);
        }
      }
      // An unknown sort field is bad input (the service names the valid ones), not a denial.
      const sortsByField = args.sortField && fieldClassification(typeName, args.sortField);
      if (sortsByField && !canRead(ctx.principal, typeName, args.sortField!)) {
        return forbiddenField(`You may not sort by ${args.sortField}.`, 'sortField');
      }
      return true;
    },
  );
}

/** Writes are checked field by field against the data map, on create and on update. */
function writeRule(typeName: string, operation: 'create' | 'update', ignore: string[] = []): Rule {
  return rule(`write:${typeName}:${operation}`, { cache: 'strict' })(
    (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
      if (ctx.principal.kind !== 'staff') return false;
      const given = Object.keys(args).filter((key) => !ignore.includes(key) && args[key] !== undefined);
      if (operation === 'update' && !canRead(ctx.principal, typeName, 'id')) return false;
      const denied = given.filter((field) => !canWrite(ctx.principal, typeName, field, operation));
      if (denied.length > 0) {
        return forbiddenField(
          `Your role may not ${operation === 'create' ? 'set' : 'change'} ${denied.join(', ')}.`,
          denied[0]!,
        );
      }
      return given.length > 0 || operation === 'update';
    },
  );
}

const deleteCustomerRule = rule('delete:Customer', { cache: 'contextual' })(
  (_parent, _args, ctx: RequestContext) =>
    (ctx.principal.kind === 'staff' && ctx.principal.roles.includes('dpo')) ||
    new GraphQLError(
      'Only the registry liaison officer (dpo) may delete a customer, and only one entered by mistake with nothing attached. To remove a customer\'s data, register an erasure request.',
      { extensions: { code: 'FORBIDDEN' } },
    ),
);

const readsCustomers = readsAnyOf('Customer');
const listCustomers = listRule('Customer', CUSTOMER_FILTER_FIELDS);

export const operationRules: RuleMap = {
  Query: {
    me: allowAll,
    Customer: readsCustomers,
    allCustomers: listCustomers,
    _allCustomersMeta: listCustomers,
    allAuditEvents: dpo,
    _allAuditEventsMeta: dpo,
    allStaffUsers: admin,
    _allStaffUsersMeta: admin,
    StaffUser: admin,
    allApiKeys: admin,
    _allApiKeysMeta: admin,
  },
  Mutation: {
    login: allowAll,
    logout: allowAll,
    createCustomer: writeRule('Customer', 'create'),
    updateCustomer: writeRule('Customer', 'update', ['id']),
    deleteCustomer: deleteCustomerRule,
    verifyPersonalIdentityNumber: hasRole('service', 'billing', 'dpo'),
    createStaffUser: admin,
    updateStaffUser: admin,
    createApiKey: admin,
    revokeApiKey: admin,
  },
  ListMetadata: { count: allowAll },
  Me: { id: allowAll, kind: allowAll, name: allowAll, displayName: allowAll, roles: allowAll, scopes: allowAll },
  StaffUser: {
    id: admin, username: admin, displayName: admin, roles: admin, active: admin,
    lockedUntil: admin, totpEnabled: admin, lastLoginAt: admin, createdAt: admin,
  },
  ApiKey: {
    id: admin, partner: admin, label: admin, prefix: admin, scopes: admin,
    createdAt: admin, createdBy: admin, revokedAt: admin, lastUsedAt: admin,
  },
  CreatedApiKey: { apiKey: admin, key: admin },
  AuditEvent: {
    seq: dpo, at: dpo, actorType: dpo, actorId: dpo, client: dpo, requestId: dpo, operation: dpo,
    action: dpo, subjectType: dpo, subjectId: dpo, fields: dpo, outcome: dpo,
  },
};

