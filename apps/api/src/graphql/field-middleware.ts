/**
 * Puts the layers that guard every field (the shield's rules, restriction of processing, the audit
 * of reads) around the schema's resolvers, composed once when the schema is built.
 *
 * graphql-middleware, which the layers are written for (and whose generator graphql-shield returns),
 * wraps each layer separately and hands each middleware a new closure over the next layer on every
 * call: three closures and four calls per field, ~750 guarded fields in a page of 50 customers.
 * Here each field's chain is built once, outermost layer first, around its own resolver; a
 * middleware is called exactly as graphql-middleware calls it, `(resolve, parent, args, context,
 * info)`, and its `resolve` takes the same four arguments. What each layer decides is unchanged.
 */
import {
  defaultFieldResolver,
  isIntrospectionType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { IMiddlewareGenerator, IMiddlewareTypeMap } from 'graphql-middleware';

type Resolve = GraphQLFieldResolver<unknown, unknown>;
export type FieldMiddleware = (resolve: Resolve, parent: unknown, args: unknown, context: unknown, info: Parameters<Resolve>[3]) => unknown;
/** Middleware by type and field, as graphql-middleware takes it. */
export type FieldMiddlewareMap = Record<string, Record<string, FieldMiddleware>>;
type Layer = FieldMiddlewareMap | IMiddlewareTypeMap | IMiddlewareGenerator<unknown, unknown, unknown>;

function isGenerator(layer: Layer): layer is IMiddlewareGenerator<unknown, unknown, unknown> {
  return typeof (layer as { generate?: unknown }).generate === 'function';
}

/** A layer's middleware of one field: a function, or `{ resolve }` (graphql-shield's form with fragments, unused here). */
function middlewareOf(layer: FieldMiddlewareMap | IMiddlewareTypeMap, typeName: string, fieldName: string): FieldMiddleware | undefined {
  const type = layer[typeName] as unknown;
  if (!type) return undefined;
  if (typeof type === 'function') return type as FieldMiddleware;
  const field = (type as Record<string, unknown>)[fieldName];
  if (typeof field === 'function') return field as FieldMiddleware;
  if (field && typeof (field as { resolve?: unknown }).resolve === 'function') {
    if ((field as { fragment?: unknown }).fragment || (field as { fragments?: unknown[] }).fragments?.length) {
      throw new Error(`${typeName}.${fieldName}: middleware with fragments is not supported`);
    }
    return (field as { resolve: FieldMiddleware }).resolve;
  }
  return undefined;
}

/** Every type and field a layer names must exist: a typo would silently guard nothing. */
function checkNames(schema: GraphQLSchema, layer: FieldMiddlewareMap | IMiddlewareTypeMap): void {
  for (const [typeName, fields] of Object.entries(layer)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`Field middleware names ${typeName}, which is not an object type of the schema.`);
    if (typeof fields === 'function') continue;
    const known = type.getFields();
    for (const fieldName of Object.keys(fields as object)) {
      if (!known[fieldName]) throw new Error(`Field middleware names ${typeName}.${fieldName}, which the schema does not have.`);
    }
  }
}

/**
 * Applies the layers in the order given (the first is outermost: it runs first and decides whether
 * the next one runs), in place on a schema built for this purpose, and returns it.
 */
export function applyFieldMiddleware(schema: GraphQLSchema, ...layers: Layer[]): GraphQLSchema {
  const maps = layers.map((layer) => (isGenerator(layer) ? (layer.generate(schema) as IMiddlewareTypeMap) : (layer as FieldMiddlewareMap)));
  for (const map of maps) checkNames(schema, map);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      let resolve: Resolve = field.resolve ?? defaultFieldResolver;
      for (let index = maps.length - 1; index >= 0; index -= 1) {
        const middleware = middlewareOf(maps[index]!, type.name, field.name);
        if (!middleware) continue;
        const next = resolve;
        resolve = (parent, args, context, info) => middleware(next, parent, args, context, info);
      }
      field.resolve = resolve;
    }
  }
  return schema;
}
