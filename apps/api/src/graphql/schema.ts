import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { buildPermissions, dataMapRules, mergeRuleMaps } from '../access/shield.js';
import { auditReadsMiddleware } from '../audit/audit.middleware.js';
import { restrictionReadMiddleware, restrictionWriteMiddleware } from '../access/restriction.js';
import { domainModules, type DomainModule } from '../modules/index.js';
import { applyFieldMiddleware } from './field-middleware.js';

export const resolvers = domainModules.flatMap((module) => module.resolvers) as NonEmptyArray<
  DomainModule['resolvers'][number]
>;

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
  return mergeRuleMaps(dataMapRules(), ...domainModules.map((module) => module.rules));
}

/**
 * The served schema: permissions first (deny by default), then restrictions of processing (only the
 * dpo reads or changes a restricted person's data), then the audit of what was read — composed once
 * per field (field-middleware.ts).
 */
export async function buildGuardedSchema(): Promise<GraphQLSchema> {
  const schema = await buildBaseSchema();
  const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
  return applyFieldMiddleware(
    schema,
    buildPermissions(permissionRules()),
    restrictionReadMiddleware(),
    restrictionWriteMiddleware(mutations),
    auditReadsMiddleware(),
  );
}

