import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema } from 'type-graphql';
import { AuthResolver } from '../access/auth.resolver.js';
import { operationRules } from '../access/operation-rules.js';
import { buildPermissions, dataMapRules, mergeRuleMaps } from '../access/shield.js';
import { auditReadsMiddleware } from '../audit/audit.middleware.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { CustomerResolver } from '../modules/customer/customer.resolver.js';
import { StaffResolver } from '../modules/staff/staff.resolver.js';

export const resolvers = [AuthResolver, CustomerResolver, StaffResolver, AuditResolver] as const;

/** The schema as TypeGraphQL declares it, before any rule is applied (emitted as schema.graphql). */
export function buildBaseSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    validate: false,
    emitSchemaFile: false,
  });
}

/** Every rule of the schema: the data map's and the operations'. */
export function permissionRules() {
  return mergeRuleMaps(dataMapRules(), operationRules);
}

/** The served schema: permissions first (deny by default), then the audit of what was read. */
export async function buildGuardedSchema(): Promise<GraphQLSchema> {
  const schema = await buildBaseSchema();
  return applyMiddleware(schema, buildPermissions(permissionRules()), auditReadsMiddleware());
}

