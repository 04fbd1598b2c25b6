/**
 * Building blocks of operation rules, shared by every domain module. Field rules of classified
 * types never come from here: they come from the data map (shield.ts).
 */
import { canRead, canWrite, fieldClassification, readableFields, type Principal, type StaffRole } from '@register/schema';
import { GraphQLError } from 'graphql';
import { rule } from 'graphql-shield';
import type { RequestContext } from '../graphql/context.js';
import { callerRule, type Rule } from './shield.js';

export const canReadAnyField = (principal: Principal, typeName: string) =>
  readableFields(principal, typeName).length > 0;

export const hasRole = (...roles: StaffRole[]) =>
  callerRule(`role:${roles.join(',')}`, (p: Principal) => p.kind === 'staff' && p.roles.some((r) => roles.includes(r)));

export const admin = hasRole('admin');
export const dpo = hasRole('dpo');

export const forbiddenField = (message: string, field: string) =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN', field } });

/**
 * Rules of root fields (lists, writes) are asked once per field of a request and answer from the
 * caller and the arguments at once: no cache ('strict' would hash the arguments with object-hash on
 * every request, for nothing), and a synchronous yes resolves the field without a promise.
 */
const ROOT_FIELD_RULE = { cache: 'no_cache' } as const;

/** A filter or a sort is a read of the field it works on: allowed only where the field is readable. */
export function listRule(typeName: string, filterFields: Record<string, string[]>): Rule {
  return rule(`list:${typeName}`, ROOT_FIELD_RULE)(
    (_parent, args: { filter?: object | null; sortField?: string | null }, ctx: RequestContext) => {
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
export function writeRule(typeName: string, operation: 'create' | 'update', ignore: string[] = []): Rule {
  return rule(`write:${typeName}:${operation}`, ROOT_FIELD_RULE)(
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
