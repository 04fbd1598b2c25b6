/**
 * Restriction of processing (GDPR Art. 18) in the access layer, generic over the data map: while a
 * data subject is restricted (privacy/restriction), every caller except the `dpo` is refused
 *   - reads: every field of a record whose data subject (the type's `subject` field) is restricted
 *     is FORBIDDEN, checked through a per-request loader (one query per page, not per row), and
 *     lists that use `listRowFilter` leave the subject's rows out;
 *   - writes: a mutation whose arguments name a restricted subject — directly (`customerId`,
 *     `contactPersonId`) or through a record of a classified type (`id` of `update<Type>` /
 *     `delete<Type>`, or `<type>Id` such as `contractId`) — is FORBIDDEN before it runs.
 */
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { classification, dataMap, type DataMap, type Principal } from '@register/schema';
import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import type { RequestContext } from '../graphql/context.js';
import { restrictedError, restrictionLoader } from '../privacy/restriction/restriction.service.js';
import { rowFilter } from './row-conditions.js';

type Resolve = (parent: unknown, args: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;
type Middleware = (resolve: Resolve, parent: unknown, args: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the caller's look-up found no restriction active when the request began. */
export function noRestrictionActive(caller: RequestContext['caller']): boolean {
  return 'anyRestrictions' in caller && caller.anyRestrictions === false;
}

/** Only the registry liaison officer processes a restricted person's data. */
export function mayProcessRestricted(principal: Principal): boolean {
  return principal.kind === 'staff' && principal.roles.includes('dpo');
}

/** Whether anyone but the dpo reads some field of the type (types only the dpo reads need no check). */
function readByOthers(typeName: string, map: DataMap): boolean {
  const type = map[typeName];
  return Object.values(type?.fields ?? {}).some(
    (field) => field.read.roles.some((role) => role !== 'dpo') || (field.read.scopes?.length ?? 0) > 0,
  );
}

/** Refuses every field of a restricted subject's records to callers other than the dpo. */
export function restrictionReadMiddleware(map: DataMap = dataMap): IMiddlewareTypeMap {
  const middleware: IMiddlewareTypeMap = {};
  for (const [typeName, type] of Object.entries(map)) {
    if (!readByOthers(typeName, map)) continue;
    const subjectField = type.subject;
    // Synchronous unless there is something to look up: most requests begin with no restriction
    // active (read with the caller), and then a field costs one comparison.
    const check: Middleware = (resolve, parent, args, ctx, info) => {
      if (noRestrictionActive(ctx.caller) || mayProcessRestricted(ctx.principal)) return resolve(parent, args, ctx, info);
      const subjectId = (parent as Record<string, unknown> | null | undefined)?.[subjectField];
      if (typeof subjectId !== 'string') return resolve(parent, args, ctx, info);
      const known = knownRestrictions.get(ctx)?.get(subjectId);
      if (known === false) return resolve(parent, args, ctx, info);
      if (known === true) throw restrictedError();
      return restrictionLoader(ctx)
        .load(subjectId)
        .then((restricted) => {
          if (restricted) throw restrictedError();
          return resolve(parent, args, ctx, info);
        });
    };
    middleware[typeName] = Object.fromEntries(Object.keys(type.fields).map((field) => [field, check])) as IMiddlewareTypeMap[string];
  }
  return middleware;
}

/** The property of the type's entity that holds the data subject (`customerId` → `customer`). */
function subjectProperty(typeName: string): string | undefined {
  const subject = classification(typeName)?.subject;
  if (!subject) return undefined;
  return subject === 'id' ? 'id' : subject.replace(/Id$/, '');
}

/**
 * Types whose records say themselves whether their data subject is restricted: a column kept by a
 * trigger on processing_restriction and carried by the indexes their lists use (Customer:
 * migration 20261206061500).
 */
const RESTRICTED_FLAG: Readonly<Record<string, string>> = { Customer: 'processingRestricted' };

/**
 * "No active restriction of this row's data subject", for the ORM's where: NOT EXISTS, so that
 * PostgreSQL probes the partial index of active restrictions for each row a list reads (a page
 * sorted by an index stays an index scan that stops after the page) instead of hashing every
 * active restriction first (`NOT IN (select …)`, which it cannot turn into an anti-join).
 */
function unrestricted(typeName: string): object | undefined {
  // A type whose records carry their own flag (kept by PostgreSQL): a condition its indexes hold.
  const flag = RESTRICTED_FLAG[typeName];
  if (flag) return { [flag]: false };
  const subject = classification(typeName)?.subject;
  if (!subject) return undefined;
  // The subject's column: `id`, or the many-to-one's column (`customerId` → "customer_id").
  const column = subject === 'id' ? 'id' : subject.replace(/Id$/, '_id').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return {
    [raw((alias: string) => `not exists (select 1 from "processing_restriction" r where r."subject_id" = ${alias}."${column}" and r."lifted_at" is null)`)]: [],
  };
}

/**
 * The filter of a list for this principal: its row conditions and, for everyone but the dpo, no
 * row of a restricted subject. Undefined when the principal sees every row.
 */
export function listRowFilter(ctx: Pick<RequestContext, 'principal' | 'caller'>, typeName: string): object | undefined {
  const { principal, caller } = ctx;
  const conditions = rowFilter(principal, typeName);
  const property = subjectProperty(typeName);
  // No restriction was active when the request began (read with the caller): no rows to leave out,
  // and no sub-select to keep the list's own indexes from serving it.
  const noneActive = noRestrictionActive(caller);
  const restriction = mayProcessRestricted(principal) || !property || noneActive ? undefined : unrestricted(typeName);
  if (!restriction) return conditions;
  return conditions ? { $and: [conditions, restriction] } : restriction;
}

/** The classified type a mutation changes by `id`, from its name or the data map's `mutations`. */
function typeOfMutation(name: string, map: DataMap): string | undefined {
  const match = /^(?:update|delete)([A-Z]\w*)$/.exec(name);
  if (match && map[match[1]!]) return match[1];
  return Object.entries(map).find(([, type]) => type.mutations?.update === name)?.[0];
}

/** The classified type an argument like `contractId` refers to. */
function typeOfIdArgument(argument: string, map: DataMap): string | undefined {
  const match = /^(\w+)Id$/.exec(argument);
  if (!match) return undefined;
  const typeName = match[1]!.charAt(0).toUpperCase() + match[1]!.slice(1);
  return map[typeName] ? typeName : undefined;
}

/** The data subject of one record of a classified type, read with one query. */
async function subjectOfRecord(em: EntityManager, typeName: string, id: string): Promise<string | undefined> {
  const type = classification(typeName);
  if (!type || !UUID.test(id)) return undefined;
  if (type.subject === 'id') return id;
  const meta = em.getMetadata().getByClassName(typeName, false);
  const property = subjectProperty(typeName);
  if (!meta || !property || !meta.properties[property as never]) return undefined;
  const record = await em.findOne(meta.class, { id } as never, { fields: [property] as never, disableIdentityMap: true });
  const subject = (record as Record<string, unknown> | null)?.[type.subject];
  return typeof subject === 'string' ? subject : undefined;
}

/** The data subjects a mutation's arguments name, directly or through a record. */
export async function subjectsOfMutation(
  em: EntityManager,
  mutation: string,
  args: Record<string, unknown>,
  map: DataMap = dataMap,
): Promise<string[]> {
  const subjects = new Set<string>();
  const lookups: Promise<string | undefined>[] = [];
  for (const [argument, value] of Object.entries(args)) {
    if (typeof value !== 'string' || !UUID.test(value)) continue;
    if (argument === 'customerId' || argument === 'contactPersonId') subjects.add(value);
    else if (argument === 'id') {
      const typeName = typeOfMutation(mutation, map);
      if (typeName) lookups.push(subjectOfRecord(em, typeName, value));
    } else {
      const typeName = typeOfIdArgument(argument, map);
      if (typeName) lookups.push(subjectOfRecord(em, typeName, value));
    }
  }
  for (const subject of await Promise.all(lookups)) if (subject) subjects.add(subject);
  return [...subjects];
}

/**
 * Refuses, before it runs, every mutation of a caller other than the dpo that touches a restricted
 * data subject. Mutations that name no subject pass unchanged.
 */
export function restrictionWriteMiddleware(mutationNames: readonly string[], map: DataMap = dataMap): IMiddlewareTypeMap {
  const check: Middleware = async (resolve, parent, args, ctx, info) => {
    if (!mayProcessRestricted(ctx.principal) && args && typeof args === 'object') {
      const subjects = await subjectsOfMutation(ctx.em, info.fieldName, args as Record<string, unknown>, map);
      await ctx.services.restrictions.assertWritable(ctx.em, false, subjects);
    }
    return resolve(parent, args, ctx, info);
  };
  return { Mutation: Object.fromEntries(mutationNames.map((name) => [name, check])) as IMiddlewareTypeMap[string] };
}

/**
 * Tells the request's restriction loader that the subjects of these rows are not restricted: they
 * come from a list filtered by `listRowFilter` in the same statement, so asking again would only
 * cost a query per page.
 */
export function primeUnrestricted(ctx: RequestContext, typeName: string, rows: readonly object[]): void {
  if (mayProcessRestricted(ctx.principal) || noRestrictionActive(ctx.caller)) return;
  const subject = classification(typeName)?.subject;
  if (!subject) return;
  for (const row of rows) {
    const subjectId = (row as Record<string, unknown>)[subject];
    if (typeof subjectId === 'string') primeRestriction(ctx, subjectId, false);
  }
}

/**
 * What the request already knows of its subjects' restrictions (read with their records): the
 * field check answers from it at once, without a promise per field.
 */
const knownRestrictions = new WeakMap<object, Map<string, boolean>>();

/** Tells the request's restriction loader whether a data subject is restricted, read with its record. */
export function primeRestriction(ctx: RequestContext, subjectId: string, restricted: boolean): void {
  if (mayProcessRestricted(ctx.principal) || noRestrictionActive(ctx.caller)) return;
  restrictionLoader(ctx).prime(subjectId, restricted);
  let known = knownRestrictions.get(ctx);
  if (!known) {
    known = new Map();
    knownRestrictions.set(ctx, known);
  }
  known.set(subjectId, restricted);
}
