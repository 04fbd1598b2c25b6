import { customerMap } from './customer.js';
import type {
  AccessList,
  DataMap,
  FieldClassification,
  Principal,
  StaffRole,
  PartnerScope,
  TypeClassification,
} from './model.js';

export * from './model.js';

/**
 * THE DATA MAP: every field of every GraphQL type that carries customer data, classified once.
 * Permissions (the API's shield and the admin app's field selection), the access report, the
 * erasure plan, retention and the published registry description are all generated from it.
 * A field that is not here is readable by nobody.
 */
export const dataMap = {
  Customer: customerMap,
} as const satisfies DataMap;

export type ClassifiedType = keyof typeof dataMap;

export function classification(typeName: string): TypeClassification | undefined {
  return (dataMap as DataMap)[typeName];
}

export function fieldClassification(
  typeName: string,
  fieldName: string,
): FieldClassification | undefined {
  return classification(typeName)?.fields[fieldName];
}

function allows(list: AccessList, principal: Principal): boolean {
  switch (principal.kind) {
    case 'staff':
      return principal.roles.some((role) => list.roles.includes(role));
    case 'partner':
      return principal.scopes.some((scope) => list.scopes?.includes(scope) ?? false);
    default:
      return false;
  }
}

/** May this principal read the field? Unclassified fields: never. */
export function canRead(principal: Principal, typeName: string, fieldName: string): boolean {
  const field = fieldClassification(typeName, fieldName);
  return field !== undefined && allows(field.read, principal);
}

/** May this principal write the field, on create or on a later update? */
export function canWrite(
  principal: Principal,
  typeName: string,
  fieldName: string,
  operation: 'create' | 'update',
): boolean {
  const field = fieldClassification(typeName, fieldName);
  if (!field) return false;
  if (allows(field.write, principal)) return true;
  return (
    operation === 'create' &&
    principal.kind === 'staff' &&
    principal.roles.some((role) => field.write.onCreate?.includes(role) ?? false)
  );
}

/** The fields of a type this principal may read, in map order. */
export function readableFields(principal: Principal, typeName: string): string[] {
  const type = classification(typeName);
  if (!type) return [];
  return Object.keys(type.fields).filter((field) => canRead(principal, typeName, field));
}

export function writableFields(
  principal: Principal,
  typeName: string,
  operation: 'create' | 'update',
): string[] {
  const type = classification(typeName);
  if (!type) return [];
  return Object.keys(type.fields).filter((field) =>
    canWrite(principal, typeName, field, operation),
  );
}

export const staff = (...roles: StaffRole[]): Principal => ({ kind: 'staff', roles });
export const partner = (...scopes: PartnerScope[]): Principal => ({ kind: 'partner', scopes });

/** Personal-data fields of a type: reading them is audited, logging them is redacted. */
export function personalFields(typeName: string): string[] {
  const type = classification(typeName);
  if (!type) return [];
  return Object.entries(type.fields)
    .filter(([, field]) => field.personal)
    .map(([name]) => name);
}
