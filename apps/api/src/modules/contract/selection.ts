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

/**
 * The names of the fields the query selects at `path` below the current field (through fragments
 * and whatever their directives say: a superset is harmless), or undefined when there is no
 * query to look at. Aliases are resolved to the field's own name.
 */
export function selectedFields(info: GraphQLResolveInfo | undefined, ...path: string[]): Set<string> | undefined {
  if (!info) return undefined;
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const node of level) collect(info, node.selectionSet, name, next);
    level = next;
  }
  const names = new Set<string>();
  for (const node of level) collectNames(info, node.selectionSet, names);
  return names;
}

function collectNames(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, into: Set<string>) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collectNames(info, selection.selectionSet, into);
    else collectNames(info, info.fragments[selection.name.value]?.selectionSet, into);
  }
}
