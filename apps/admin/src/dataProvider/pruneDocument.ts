import { canRead, classification, type Principal } from '@register/schema';
import {
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Root fields whose result is a type of the data map. Fragments and inline fragments name their
 * type themselves (`fragment CustomerFields on Customer`); root fields do not, so they are listed.
 */
export const ROOT_FIELD_TYPES: Readonly<Record<string, string>> = {
  Customer: 'Customer',
  allCustomers: 'Customer',
  createCustomer: 'Customer',
  updateCustomer: 'Customer',
  deleteCustomer: 'Customer',
};

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'kind' in value && !Array.isArray(value);
}

/**
 * The type whose fields a selection belongs to, found from its nearest enclosing fragment or field:
 * a classified type when the selection can be pruned, undefined when it is left alone.
 */
function enclosingType(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string | undefined {
  const nodes = ancestors.filter(isNode).filter((node) => node.kind !== Kind.SELECTION_SET);
  for (let index = nodes.length - 1; index >= 0; index -= 1) {
    const node = nodes[index]!;
    if (node.kind === Kind.FRAGMENT_DEFINITION) return node.typeCondition.name.value;
    if (node.kind === Kind.INLINE_FRAGMENT && node.typeCondition) return node.typeCondition.name.value;
    if (node.kind === Kind.FIELD) {
      // Only a field directly under an operation is a root field.
      const parent = nodes[index - 1];
      return parent?.kind === Kind.OPERATION_DEFINITION ? ROOT_FIELD_TYPES[node.name.value] : undefined;
    }
  }
  return undefined;
}

/**
 * Removes from a document every field of a data-map type that the principal may not read, so the
 * app never asks for a field it may not read (the API would answer it with null and a FORBIDDEN
 * error). Selections left empty ask for `__typename` only, which keeps the document valid.
 * Recomputed for every request from the principal of that moment: never cached across sign-ins.
 */
export function pruneDocument<T extends DocumentNode>(
  document: T,
  principal: Principal,
  /** Narrower still: only these fields of classified types (e.g. what a list shows). */
  only?: ReadonlySet<string>,
): T {
  const pruned = visit(document, {
    Field: {
      enter(node, _key, _parent, _path, ancestors) {
        if (node.name.value.startsWith('__')) return undefined;
        const typeName = enclosingType(ancestors);
        if (!typeName || !classification(typeName)) return undefined;
        const field = node.name.value;
        if (only && !only.has(field)) return null;
        return canRead(principal, typeName, field) ? undefined : null;
      },
    },
    SelectionSet: {
      leave(node): SelectionSetNode | undefined {
        return node.selections.length === 0 ? { ...node, selections: [TYPENAME] } : undefined;
      },
    },
  });
  return pruned as T;
}

/** The names of the fields a document selects on a type (for tests and diagnostics). */
export function selectedFields(document: DocumentNode, typeName: string): string[] {
  const names = new Set<string>();
  visit(document, {
    Field(node, _key, _parent, _path, ancestors) {
      if (enclosingType(ancestors) === typeName) names.add(node.name.value);
    },
  });
  return [...names];
}
