import { writableFields, type Principal } from '@register/schema';
import { Kind, type DocumentNode } from 'graphql';

/** The variables an operation declares (`$name` in its definition). */
export function declaredVariables(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) names.add(variable.variable.name.value);
  }
  return names;
}

/** Empty inputs mean "no value": '' and undefined are both sent as null (or not at all). */
function normalise(value: unknown): unknown {
  if (value === '' || value === undefined) return null;
  return value;
}

function same(a: unknown, b: unknown): boolean {
  const left = normalise(a);
  const right = normalise(b);
  if (typeof left === 'object' && left !== null && typeof right === 'object' && right !== null) {
    return JSON.stringify(left) === JSON.stringify(right);
  }
  return left === right;
}

export interface MutationVariablesInput {
  document: DocumentNode;
  principal: Principal;
  typeName: string;
  operation: 'create' | 'update';
  data: Record<string, unknown>;
  /** The record as it was read, for an update: only fields that differ from it are sent. */
  previousData?: Record<string, unknown> | undefined;
  /** The fields the principal may write, where the data map has no rule for them (see ResourceQuery). */
  writable?: readonly string[] | undefined;
  /** Form values as the operation's arguments want them (applied to the previous values too). */
  serialize?: Readonly<Record<string, (value: unknown) => unknown>> | undefined;
}

/**
 * The variables of a create or update: only fields the principal may write (the data map), only
 * ones the operation declares, on create only those with a value, on update only those changed.
 * The API would refuse the whole mutation for a single field the role may not write.
 */
export function mutationVariables(input: MutationVariablesInput): Record<string, unknown> {
  const { document, principal, typeName, operation, data, previousData, serialize = {} } = input;
  const declared = declaredVariables(document);
  const variables: Record<string, unknown> = {};
  const asArgument = (field: string, value: unknown) => {
    const normalised = normalise(value);
    const convert = serialize[field];
    return convert && normalised !== null ? normalise(convert(normalised)) : normalised;
  };
  for (const field of input.writable ?? writableFields(principal, typeName, operation)) {
    if (!declared.has(field) || !(field in data)) continue;
    const value = asArgument(field, data[field]);
    if (operation === 'create') {
      if (value !== null) variables[field] = value;
    } else if (!same(value, asArgument(field, previousData?.[field]))) {
      variables[field] = value;
    }
  }
  return variables;
}
