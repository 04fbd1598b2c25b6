/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter: each operation is
 * compiled once into a function that resolves exactly its selection (no per-field look-up of the
 * field's definition, arguments, type checks and path objects), then run for every request with
 * the same document. Parsing, validation and every plugin stay Apollo's; only execution changes.
 *
 * Apollo Server 5 has no executor option: it takes an executor from a "gateway", an object that
 * hands it the schema and the executor once at start (the interface federation gateways use).
 * Apollo keeps each parsed document while it is in its document cache (the same query text gives
 * the same DocumentNode), so the compiled operations are kept in a WeakMap on it and go with it.
 */
import {
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** What Apollo hands the executor (its GatewayGraphQLRequestContext, the parts used here). */
interface ExecutorRequest {
  document: DocumentNode;
  /** The operation Apollo resolved (and validated) in the document. */
  operation: OperationDefinitionNode;
  request: { operationName?: string | null; variables?: Record<string, unknown> | null };
  context: unknown;
}

/** Apollo Server's GatewayInterface, structurally (the package declaring it is not ours to import). */
export interface ExecutorGateway {
  load(options: {
    apollo: unknown;
  }): Promise<{ executor: (request: ExecutorRequest) => Promise<ExecutionResult> }>;
  onSchemaLoadOrUpdate(
    callback: (schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void,
  ): () => void;
  stop(): Promise<void>;
}

type Compiled = CompiledQuery | ExecutionResult;

/** An executor of operations on `schema`, compiling each (document, operation name) once. */
export function jitExecutor(schema: GraphQLSchema) {
  const compiledByDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compiledOf = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byName = compiledByDocument.get(document);
    if (!byName) {
      byName = new Map();
      compiledByDocument.set(document, byName);
    }
    const key = operationName ?? '';
    let compiled = byName.get(key);
    if (!compiled) {
      compiled = compileQuery(schema, document, operationName);
      byName.set(key, compiled);
    }
    return compiled;
  };
  return async ({
    document,
    operation,
    request,
    context,
  }: ExecutorRequest): Promise<ExecutionResult> => {
    const compiled = compiledOf(document, request.operationName ?? undefined);
    // A document that cannot be compiled comes back as its errors, as graphql-js would report them.
    if (!isCompiledQuery(compiled)) return compiled;
    const variables = request.variables ?? {};
    // The variables are checked by graphql-js first: its errors name the variable's definition and
    // say exactly what is wrong (graphql-jit's say less), and Apollo and the API's own error
    // handling turn them into BAD_USER_INPUT naming the field. The compiled query coerces them again.
    if (operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, variables, {
        maxErrors: 50,
      });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = await compiled.query(undefined, context, variables);
    if (result.errors) return { ...result, errors: result.errors.map(asGraphQLError) };
    return result;
  };
}

/**
 * graphql-jit's errors only look like graphql-js's (a GraphQLError prototype, but no `extensions`
 * object when the error thrown had none, no `nodes`): Apollo's error formatting reads
 * `extensions.code` and failed on them. Each becomes a graphql-js GraphQLError with the same
 * message, path, locations, original error and extensions.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error.constructor === GraphQLError) return error;
  const original = (error as { originalError?: Error | null }).originalError ?? undefined;
  const normalized = new GraphQLError(error.message, {
    path: error.path,
    originalError: original,
    extensions: error.extensions ?? (original as GraphQLError | undefined)?.extensions,
  });
  if (error.locations)
    (normalized as { locations?: GraphQLError['locations'] }).locations = error.locations;
  const stack = original?.stack ?? error.stack;
  if (stack) normalized.stack = stack;
  return normalized;
}

/** The schema and the compiling executor, in the form Apollo Server's `gateway` option takes. */
export function jitGateway(schema: GraphQLSchema): ExecutorGateway {
  const executor = jitExecutor(schema);
  let listener:
    ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      listener = callback;
      return () => {
        listener = undefined;
      };
    },
    async load() {
      listener?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {},
  };
}
