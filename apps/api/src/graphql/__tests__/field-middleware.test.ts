import { buildSchema, graphql, type GraphQLFieldResolver } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyFieldMiddleware } from '../field-middleware.js';

type Resolve = GraphQLFieldResolver<unknown, unknown>;

function schema() {
  const built = buildSchema('type Query { a: String, b: Thing } type Thing { x: String, y: String }');
  built.getQueryType()!.getFields().a!.resolve = () => 'A';
  built.getQueryType()!.getFields().b!.resolve = () => ({ x: 'X', y: 'Y' });
  return built;
}

/** A layer that notes its name on the way in and on the way out of every field it wraps. */
const tracing = (name: string, log: string[]) => (resolve: Resolve, parent: unknown, args: unknown, ctx: unknown, info: Parameters<Resolve>[3]) => {
  log.push(`${name}>${info.fieldName}`);
  const value = resolve(parent, args, ctx, info);
  log.push(`${name}<${info.fieldName}`);
  return value;
};

describe('applyFieldMiddleware', () => {
  it('runs the layers outermost first around each field, default resolvers included', async () => {
    const log: string[] = [];
    const guarded = applyFieldMiddleware(schema(), { Query: { a: tracing('one', log) }, Thing: { x: tracing('one', log) } }, { Query: { a: tracing('two', log) } });
    const result = await graphql({ schema: guarded, source: '{ a b { x y } }' });
    expect(result).toEqual({ data: { a: 'A', b: { x: 'X', y: 'Y' } } });
    expect(log).toEqual(['one>a', 'two>a', 'two<a', 'one<a', 'one>x', 'one<x']);
  });

  it('a layer decides: what it returns instead of calling resolve is the field’s value', async () => {
    const deny = () => new Error('no');
    const guarded = applyFieldMiddleware(schema(), { Thing: { y: deny } });
    const result = await graphql({ schema: guarded, source: '{ b { x y } }' });
    expect(result.data).toEqual({ b: { x: 'X', y: null } });
    expect(result.errors?.map((error) => error.message)).toEqual(['no']);
  });

  it('takes a generator (graphql-shield’s form) and refuses names the schema does not have', () => {
    const log: string[] = [];
    const generator = { generate: () => ({ Query: { a: tracing('gen', log) } }) };
    expect(() => applyFieldMiddleware(schema(), generator as never)).not.toThrow();
    expect(() => applyFieldMiddleware(schema(), { Query: { nope: tracing('x', log) } })).toThrow('Query.nope');
    expect(() => applyFieldMiddleware(schema(), { Missing: { a: tracing('x', log) } })).toThrow('Missing');
  });

  it('leaves introspection alone', async () => {
    const log: string[] = [];
    const guarded = applyFieldMiddleware(schema(), { Query: { a: tracing('one', log) } });
    const result = await graphql({ schema: guarded, source: '{ __schema { queryType { name } } }' });
    expect(result).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(log).toEqual([]);
  });
});
