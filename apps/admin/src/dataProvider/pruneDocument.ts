import { canRead, classification, fieldClassification, readableFields, type Principal } from '@register/schema';
import { Kind, visit, type ASTNode, type DocumentNode, type FieldNode, type SelectionSetNode } from 'graphql';
import { fieldType, parentTypes, rootType } from './schemaTypes';

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Whether the principal may ask for a field of a type: a field of the data map when the map lets it
 * read the field; an edge the map does not classify itself (Customer.marketingPermissions) when it
 * reads anything of the type the edge leads to (the API's rule for such edges); no other field of a
 * classified type (the API denies unclassified fields to everyone). Unclassified types (the
 * catalogue, the audit log) are left alone: their rules are operation rules of the API.
 */
export function mayAsk(principal: Principal, typeName: string | undefined, field: string): boolean {
  if (!typeName || !classification(typeName)) return true;
  if (fieldClassification(typeName, field)) return canRead(principal, typeName, field);
  const target = fieldType(typeName, field);
  return target !== undefined && classification(target) !== undefined && readableFields(principal, target).length > 0;
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
  /** Narrower still: only these fields of the records the operation is about (e.g. what a list shows). */
  only?: ReadonlySet<string>,
): T {
  const types = parentTypes(document);
  const recordType = rootType(document);
  const pruned = visit(document, {
    Field: {
      enter(node) {
        if (node.name.value.startsWith('__')) return undefined;
        const typeName = types.get(node);
        const field = node.name.value;
        if (only && typeName !== undefined && typeName === recordType && !only.has(field)) return null;
        return mayAsk(principal, typeName, field) ? undefined : null;
      },
    },
    SelectionSet: {
      leave(node): SelectionSetNode | undefined {
        return node.selections.length === 0 ? { ...node, selections: [TYPENAME] } : undefined;
      },
    },
  });
  return withoutUnusedFragments(pruned) as T;
}

/**
 * Drops fragment definitions that nothing spreads any more (a pruned edge took their spread with
 * it): GraphQL refuses a document with an unused fragment.
 */
function withoutUnusedFragments(document: DocumentNode): DocumentNode {
  const spreads = new Map<string, Set<string>>();
  const spreadsIn = (node: ASTNode) => {
    const names = new Set<string>();
    visit(node, {
      FragmentSpread(spread) {
        names.add(spread.name.value);
      },
    });
    return names;
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) spreads.set(definition.name.value, spreadsIn(definition));
  }
  const used = new Set<string>();
  const pending = document.definitions
    .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    .flatMap((operation) => [...spreadsIn(operation)]);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...(spreads.get(name) ?? []));
  }
  const definitions = document.definitions.filter(
    (definition) => definition.kind !== Kind.FRAGMENT_DEFINITION || used.has(definition.name.value),
  );
  return definitions.length === document.definitions.length ? document : { ...document, definitions };
}

/** The names of the fields a document selects on a type (for tests and diagnostics). */
export function selectedFields(document: DocumentNode, typeName: string): string[] {
  const names = new Set<string>();
  for (const [node, type] of parentTypes(document)) {
    if (type === typeName) names.add(node.name.value);
  }
  return [...names];
}
