/**
 * The compiling executor answers exactly as graphql-js does (data, errors with their messages,
 * paths, locations and codes, variables' errors), and compiles each operation of a document once.
 */
import { ApolloServer } from '@apollo/server';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { buildSchema } from 'graphql';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const compiled = vi.hoisted(() => ({ count: 0 }));
vi.mock('graphql-jit', async (importOriginal) => {
  const original = await importOriginal<typeof import('graphql-jit')>();
  return {
    ...original,
    compileQuery: (...args: Parameters<typeof original.compileQuery>) => {
      compiled.count += 1;
      return original.compileQuery(...args);
    },
  };
});

const { jitGateway } = await import('../executor.js');

function testSchema() {
  const schema = buildSchema(`
    enum Kind { PRIVATE BUSINESS }
    scalar Day
    type Contract { id: ID! status: String! }
    type Customer { id: ID! name: String kind: Kind! contracts: [Contract!]! secret: String broken: String! slow: String }
    type Query {
      customers(kinds: [Kind!]!, since: Day): [Customer!]!
      customer(id: ID!): Customer
      forbidden: String
    }
  `);
  const day = schema.getType('Day') as GraphQLScalarType;
  day.parseValue = (value: unknown) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new TypeError('Day must be YYYY-MM-DD');
    return value;
  };
  day.parseLiteral = (node) => (node.kind === Kind.STRING ? node.value : undefined);
  const customers = [
    {
      id: 'c1',
      name: 'Aino',
      kind: 'PRIVATE',
      contracts: [
        { id: 'k1', status: 'ACTIVE' },
        { id: 'k2', status: 'ENDED' },
      ],
    },
    { id: 'c2', name: null, kind: 'BUSINESS', contracts: [] },
  ];
  const query = schema.getQueryType()!.getFields();
  query.customers!.resolve = (_root, args: { kinds: string[] }) =>
    customers.filter((c) => args.kinds.includes(c.kind));
  query.customer!.resolve = (_root, args: { id: string }) =>
    customers.find((c) => c.id === args.id) ?? null;
  query.forbidden!.resolve = () => {
    throw new GraphQLError('You do not have the rights to read or change this.', {
      extensions: { code: 'FORBIDDEN' },
    });
  };
  const customer = (
    schema.getType('Customer') as ReturnType<typeof schema.getQueryType> & object
  ).getFields();
  customer.secret!.resolve = () => {
    throw new Error('decryption failed');
  };
  customer.broken!.resolve = () => null;
  customer.slow!.resolve = async (parent: { name: string | null }) =>
    parent.name?.toUpperCase() ?? null;
  return schema;
}

async function servers() {
  const schema = testSchema();
  const formatError = (formatted: { message: string; extensions?: Record<string, unknown> }) =>
    formatted;
  const plain = new ApolloServer({ schema, formatError });
  const jit = new ApolloServer({ gateway: jitGateway(schema), formatError });
  await plain.start();
  await jit.start();
  return { plain, jit };
}

async function both(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const { plain, jit } = await servers();
  const run = async (server: ApolloServer) => {
    const response = await server.executeOperation({ query, variables, operationName });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return {
      status: response.http.status ?? 200,
      result: JSON.parse(JSON.stringify(response.body.singleResult)),
    };
  };
  const [expected, actual] = [await run(plain), await run(jit)];
  await Promise.all([plain.stop(), jit.stop()]);
  return { expected, actual };
}

beforeEach(() => {
  compiled.count = 0;
});

describe('the compiling executor', () => {
  it('resolves nested lists, nulls, enums and asynchronous fields as graphql-js does', async () => {
    const { expected, actual } = await both(
      'query ($kinds: [Kind!]!) { customers(kinds: $kinds) { id name kind slow contracts { id status } } }',
      { kinds: ['PRIVATE', 'BUSINESS'] },
    );
    expect(actual).toEqual(expected);
    expect(actual.result.data.customers).toHaveLength(2);
    expect(actual.result.data.customers[0].contracts).toEqual([
      { id: 'k1', status: 'ACTIVE' },
      { id: 'k2', status: 'ENDED' },
    ]);
    expect(actual.result.data.customers[0].slow).toBe('AINO');
  });

  it('reports a resolver’s error with its message, path, locations and code', async () => {
    const { expected, actual } = await both('{ customer(id: "c1") { id secret } forbidden }');
    expect(actual).toEqual(expected);
    const errors = actual.result.errors as {
      message: string;
      path: unknown[];
      locations: unknown[];
      extensions: { code: string };
    }[];
    expect(errors.map((error) => [error.path, error.extensions.code])).toEqual([
      [['customer', 'secret'], 'INTERNAL_SERVER_ERROR'],
      [['forbidden'], 'FORBIDDEN'],
    ]);
    expect(errors[0]!.locations).toEqual([{ line: 1, column: 27 }]);
    expect(actual.result.data).toEqual({ customer: { id: 'c1', secret: null }, forbidden: null });
  });

  it('keeps the stack of the error thrown, for the log', async () => {
    const schema = testSchema();
    const executor = (await import('../executor.js')).jitExecutor(schema);
    const { parse } = await import('graphql');
    const document = parse('{ customer(id: "c1") { secret } }');
    const result = await executor({
      document,
      operation: document.definitions[0] as never,
      request: {},
      context: {},
    });
    const error = result.errors![0]!;
    expect(error.constructor).toBe(GraphQLError);
    expect(error.originalError?.message).toBe('decryption failed');
    expect(error.stack).toBe(error.originalError?.stack);
    expect(error.stack).toContain('decryption failed');
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
  });

  it('makes a null of a non-null field null its parent, with the error graphql-js gives', async () => {
    const { expected, actual } = await both('{ customer(id: "c2") { id broken } }');
    expect(actual).toEqual(expected);
    expect(actual.result.data).toEqual({ customer: null });
    expect(actual.result.errors[0].message).toBe(
      'Cannot return null for non-nullable field Customer.broken.',
    );
  });

  it('reports every sibling’s error when non-null fields fail (graphql-js stops at the first)', async () => {
    // Both are what the GraphQL specification allows: the parent is null either way, and each
    // error reported is one of the fields that failed, at its path.
    const { expected, actual } = await both('{ customer(id: "c2") { broken id secret } }');
    expect(actual.result.data).toEqual(expected.result.data);
    expect(actual.result.data).toEqual({ customer: null });
    expect(expected.result.errors.map((error: { path: unknown[] }) => error.path)).toEqual([
      ['customer', 'broken'],
    ]);
    const paths = actual.result.errors
      .map((error: { path: string[] }) => error.path.join('.'))
      .sort();
    expect(paths).toEqual(['customer.broken', 'customer.secret']);
  });

  it('rejects bad variables with graphql-js’s errors (BAD_USER_INPUT, the value and what is wrong)', async () => {
    for (const [variables, wrong] of [
      [{ kinds: ['COLOUR'] }, 'Value "COLOUR" does not exist in "Kind" enum.'],
      [{ kinds: ['PRIVATE'], since: '6.12.2026' }, 'Day must be YYYY-MM-DD'],
      [{}, 'of required type "[Kind!]!" was not provided'],
    ] as const) {
      const { expected, actual } = await both(
        'query ($kinds: [Kind!]!, $since: Day) { customers(kinds: $kinds, since: $since) { id } }',
        variables,
      );
      expect(actual).toEqual(expected);
      expect(actual.status).toBe(400);
      expect(actual.result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(actual.result.errors[0].message).toContain(wrong);
      expect(actual.result.data).toBeUndefined();
    }
  });

  it('compiles each operation of a document once, and the same text again not at all', async () => {
    const { jit } = await servers();
    const document =
      'query A { customer(id: "c1") { id } } query B { customer(id: "c2") { name } }';
    const run = async (operationName: string) => {
      const response = await jit.executeOperation({ query: document, operationName });
      return response.body.kind === 'single' ? response.body.singleResult.data : undefined;
    };
    expect(await run('A')).toEqual({ customer: { id: 'c1' } });
    expect(await run('A')).toEqual({ customer: { id: 'c1' } });
    expect(compiled.count).toBe(1);
    expect(await run('B')).toEqual({ customer: { name: null } });
    expect(await run('B')).toEqual({ customer: { name: null } });
    expect(compiled.count).toBe(2);
    await jit.stop();
  });
});
