import { rowCondition, type Principal } from '@register/schema';
import type { DocumentNode } from 'graphql';
import { fieldAtPath } from './schemaTypes';
import type { GraphQLErrorLike } from './errors';

/** Where a record lists the fields the API withheld from it (null value, FORBIDDEN error). */
export const WITHHELD = '_withheld';

export interface ResponseError extends GraphQLErrorLike {
  path?: readonly (string | number)[] | undefined;
}

/**
 * A FORBIDDEN error on one field of one record, where the data map makes the principal's read of
 * that field conditional on the record (`rowCondition`): marketing reads a customer's e-mail only
 * while the customer permits e-mail marketing. The role may read the field, this record does not
 * allow it — so the value is empty, and the rest of the answer stands.
 */
export function isWithheldField(error: ResponseError, document: DocumentNode, principal: Principal): boolean {
  if (error.extensions?.code !== 'FORBIDDEN') return false;
  const path = error.path ?? [];
  // A root field (the operation itself) failing is never a field of a record.
  if (path.length < 2) return false;
  const field = fieldAtPath(document, path);
  if (!field?.parentType) return false;
  return rowCondition(principal, field.parentType, field.field) !== null;
}

/** Thrown when an answer has errors other than withheld fields: the whole call fails with them. */
export class GraphQLResponseError extends Error {
  constructor(readonly graphQLErrors: readonly ResponseError[]) {
    super(graphQLErrors[0]?.message ?? 'The register answered with an error.');
    this.name = 'GraphQLResponseError';
  }
}

type Json = Record<string, unknown> | unknown[] | null | undefined;

/** A copy of `data` in which each record on a withheld path lists the fields withheld from it. */
function markWithheld(data: Json, paths: readonly (readonly (string | number)[])[]): Json {
  let result = data;
  for (const path of paths) {
    const field = path.at(-1);
    if (typeof field !== 'string') continue;
    const update = (node: Json, rest: readonly (string | number)[]): Json => {
      if (node === null || node === undefined || typeof node !== 'object') return node;
      if (rest.length === 0) {
        const record = node as Record<string, unknown>;
        const withheld = Array.isArray(record[WITHHELD]) ? (record[WITHHELD] as string[]) : [];
        return withheld.includes(field) ? record : { ...record, [WITHHELD]: [...withheld, field] };
      }
      const [key, ...tail] = rest;
      if (Array.isArray(node)) {
        const copy = [...node];
        copy[key as number] = update(copy[key as number] as Json, tail);
        return copy;
      }
      return { ...node, [key as string]: update((node as Record<string, unknown>)[key as string] as Json, tail) };
    };
    result = update(result, path.slice(0, -1));
  }
  return result;
}

/**
 * The data of an answer asked for with errorPolicy 'all': errors on withheld fields leave their
 * value empty and are listed on their record (`_withheld`); any other error — a denied or failed
 * operation, invalid input, a field the role may never read — fails the whole call.
 */
export function acceptWithheldFields<T>(
  response: { data?: T | null | undefined; errors?: readonly ResponseError[] | undefined },
  document: DocumentNode,
  principal: Principal,
): T {
  const errors = response.errors ?? [];
  if (errors.length === 0) return response.data as T;
  const fatal = errors.filter((error) => !isWithheldField(error, document, principal));
  if (fatal.length > 0 || response.data === null || response.data === undefined) {
    throw new GraphQLResponseError(fatal.length > 0 ? fatal : errors);
  }
  return markWithheld(response.data as Json, errors.map((error) => error.path ?? [])) as T;
}

/** The fields the API withheld from a record (see acceptWithheldFields). */
export function withheldFields(record: unknown): readonly string[] {
  const list = (record as Record<string, unknown> | null | undefined)?.[WITHHELD];
  return Array.isArray(list) ? (list as string[]) : [];
}
