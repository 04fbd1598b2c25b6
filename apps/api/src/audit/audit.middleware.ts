import { dataMap, type DataMap } from '@register/schema';
import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import type { RequestContext } from '../graphql/context.js';

type Resolve = (parent: unknown, args: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

/**
 * Records which personal-data fields of which data subject a request actually returned. It runs
 * after the shield, so a denied field is not counted as read. Only the fields the data map marks
 * personal are wrapped; everything else costs nothing.
 */
export function auditReadsMiddleware(map: DataMap = dataMap): IMiddlewareTypeMap {
  const middleware: IMiddlewareTypeMap = {};
  for (const [typeName, type] of Object.entries(map)) {
    const subjectField = type.subject;
    const fields: Record<string, (resolve: Resolve, parent: unknown, args: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => unknown> = {};
    for (const [fieldName, field] of Object.entries(type.fields)) {
      if (!field.personal) continue;
      const record = (value: unknown, parent: unknown, ctx: RequestContext) => {
        if (value !== null && value !== undefined && !(value instanceof Error)) {
          const subjectId = (parent as Record<string, unknown>)[subjectField];
          if (typeof subjectId === 'string') ctx.audit.read(typeName, subjectId, fieldName);
        }
        return value;
      };
      // Synchronous for a value that is already there (most fields): no promise per field.
      fields[fieldName] = (resolve, parent, args, ctx, info) => {
        const value = resolve(parent, args, ctx, info);
        if (value instanceof Promise) return value.then((resolved) => record(resolved, parent, ctx));
        return record(value, parent, ctx);
      };
    }
    middleware[typeName] = fields as IMiddlewareTypeMap[string];
  }
  return middleware;
}
