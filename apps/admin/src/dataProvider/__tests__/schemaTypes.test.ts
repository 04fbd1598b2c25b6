import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isObjectType,
  Kind,
  Lexer,
  parse,
  print,
  Source,
  TokenKind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, test } from 'vitest';
import { fieldAtPath, OBJECT_FIELD_TYPES } from '../schemaTypes';
import * as operations from '@register/schema';
import { staff, STAFF_ROLES } from '@register/schema';
import type { DocumentNode } from 'graphql';
import { pruneDocument } from '../pruneDocument';

const require = createRequire(import.meta.url);

/**
 * graphql-armor's max-depth count (the API's limit), restated: a field is a level, and a fragment
 * spread is two (its own and its selection's), unless fragments are flattened (they are not).
 */
function depthOf(document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const count = (node: ASTNode, parentDepth = 0): number => {
    let depth = parentDepth;
    if ('selectionSet' in node && node.selectionSet) {
      for (const child of node.selectionSet.selections) depth = Math.max(depth, count(child, parentDepth + 1));
    } else if (node.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(node.name.value);
      if (fragment) depth = Math.max(depth, parentDepth + 1 + count(fragment, 0));
    }
    return depth;
  };
  return Math.max(
    0,
    ...document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).map((d) => count(d)),
  );
}

function tokensOf(text: string): number {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  return tokens;
}

function aliasesOf(document: DocumentNode): number {
  let aliases = 0;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
    },
  });
  return aliases;
}

function addTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(node, _key, parent) {
      if (parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
      return { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
    },
  });
}
const schemaRoot = dirname(require.resolve('@register/schema/schema.graphql'));
const schema = buildSchema(readFileSync(join(schemaRoot, 'schema.graphql'), 'utf8'));
const operationsDir = join(schemaRoot, 'src', 'operations');
const operationText = readdirSync(operationsDir)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => readFileSync(join(operationsDir, file), 'utf8'))
  .join('\n');
const allOperations = parse(operationText);

describe('the types the admin knows (schemaTypes.ts) follow schema.graphql', () => {
  test('the operations of @register/schema are valid against schema.graphql', () => {
    expect(validate(schema, allOperations).map((error) => error.message)).toEqual([]);
  });

  test('every object-valued field the operations select is listed with the type schema.graphql gives it', () => {
    const used: Record<string, Record<string, string>> = {};
    const typeInfo = new TypeInfo(schema);
    visit(
      allOperations,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const type = typeInfo.getType();
          if (!parent || !type) return;
          const named = getNamedType(type);
          // A list's count is no record: nothing in it is pruned or withheld.
          if (!isObjectType(named) || named.name === 'ListMetadata') return;
          (used[parent.name] ??= {})[node.name.value] = named.name;
        },
      }),
    );
    for (const [parent, fields] of Object.entries(used)) {
      for (const [field, type] of Object.entries(fields)) {
        expect(`${parent}.${field} → ${OBJECT_FIELD_TYPES[parent]?.[field]}`).toBe(`${parent}.${field} → ${type}`);
      }
    }
  });

  test('every listed field exists in schema.graphql with that type', () => {
    for (const [parent, fields] of Object.entries(OBJECT_FIELD_TYPES)) {
      const type = schema.getType(parent);
      expect(type && isObjectType(type), parent).toBe(true);
      if (!type || !isObjectType(type)) continue;
      for (const [field, target] of Object.entries(fields)) {
        const definition = type.getFields()[field];
        expect(definition, `${parent}.${field}`).toBeDefined();
        expect(getNamedType(definition!.type).name, `${parent}.${field}`).toBe(target);
      }
    }
  });

  test('every document, pruned for every role, is still a valid request', () => {
    const documents = Object.entries(operations).filter(([name]) => name.endsWith('Document'));
    expect(documents.length).toBeGreaterThan(50);
    for (const role of STAFF_ROLES) {
      for (const [name, document] of documents) {
        const pruned = pruneDocument(document as DocumentNode, staff(role));
        expect(validate(schema, pruned).map((error) => `${role} ${name}: ${error.message}`)).toEqual([]);
      }
    }
  });

  test("every document stays within the API's limits (graphql-armor: depth 8, 2000 tokens, 15 aliases)", () => {
    const documents = Object.entries(operations).filter(([name]) => name.endsWith('Document'));
    for (const [name, document] of documents) {
      // Apollo adds __typename to every selection; the armor counts what arrives.
      const sent = addTypename(document as DocumentNode);
      expect(depthOf(sent), `${name}: depth`).toBeLessThanOrEqual(8);
      expect(tokensOf(print(sent)), `${name}: tokens`).toBeLessThanOrEqual(2000);
      expect(aliasesOf(sent), `${name}: aliases`).toBeLessThanOrEqual(15);
    }
  });

  test('a response path leads to its field through aliases and fragments', () => {
    expect(fieldAtPath(operations.CustomerListDocument, ['items', 4, 'email'])).toEqual({ parentType: 'Customer', field: 'email' });
    expect(fieldAtPath(operations.CustomerOneDocument, ['data', 'marketingPermissions', 'post'])).toEqual({
      parentType: 'MarketingPermissions',
      field: 'post',
    });
    expect(fieldAtPath(operations.ContractOneDocument, ['data', 'lines', 0, 'monthlyPriceCents'])).toEqual({
      parentType: 'ContractLine',
      field: 'monthlyPriceCents',
    });
    expect(fieldAtPath(operations.CustomerListDocument, ['items', 0, 'nothing'])).toBeUndefined();
  });
});
