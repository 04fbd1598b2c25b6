import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the query selects `path` below the current field (through fragments too), so a list
 * loads a relation for its whole page at once only when the client asked for it.
 */
export function selects(info: GraphQLResolveInfo | undefined, ...path: string[]): boolean {
  if (!info) return true;
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const node of level) collect(info, node.selectionSet, name, next);
    if (next.length === 0) return false;
    level = next;
  }
  return true;
}

function collect(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, name: string, into: FieldNode[]) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) into.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(info, selection.selectionSet, name, into);
    } else {
      collect(info, info.fragments[selection.name.value]?.selectionSet, name, into);
    }
  }
}
