import { customerMap } from './customer.js';
import { orderMap } from './order.js';
import { orderLineMap } from './order-line.js';
import { quotationMap } from './quotation.js';
import { quotationLineMap } from './quotation-line.js';
import { billingAccountMap } from './billing-account.js';
import { contactPersonMap } from './contact-person.js';
import { contractLineMap, contractMap } from './contract.js';
import { customerEventMap } from './customer-event.js';
import { customerFiguresMap } from './customer-figures.js';
import { simCardMap } from './sim-card.js';
import { feedbackMap } from './feedback.js';
import { invoiceMap } from './invoice.js';
import { disclosureMap } from './disclosure.js';
import { dataSubjectRequestMap } from './data-subject-request.js';
import { MARKETING_CUSTOMER_READS, marketingAudienceMemberMap, marketingPermissionsMap, marketingPermitEntryMap } from './marketing-permit.js';
import { conditionalReads } from './model.js';
import type {
  AccessList,
  RowCondition,
  DataMap,
  FieldClassification,
  Principal,
  StaffRole,
  PartnerScope,
  TypeClassification,
} from './model.js';

export * from './model.js';
export { DISCLOSURE_LEGAL_BASES, DISCLOSURE_LEGAL_BASIS_NAMES, type DisclosureLegalBasisName } from './disclosure.js';

/**
 * THE DATA MAP: every field of every GraphQL type that carries customer data, classified once.
 * Permissions (the API's shield and the admin app's field selection), the access report, the
 * erasure plan, retention and the published registry description are all generated from it.
 * A field that is not here is readable by nobody.
 */
export const dataMap = {
  Customer: conditionalReads(customerMap, MARKETING_CUSTOMER_READS),
  ContactPerson: contactPersonMap,
  Contract: contractMap,
  ContractLine: contractLineMap,
  SimCard: simCardMap,
  CustomerEvent: customerEventMap,
  CustomerFigures: customerFiguresMap,
  BillingAccount: billingAccountMap,
  Invoice: invoiceMap,
  Feedback: feedbackMap,
  Order: orderMap,
  OrderLine: orderLineMap,
  Quotation: quotationMap,
  QuotationLine: quotationLineMap,
  MarketingPermitEntry: marketingPermitEntryMap,
  MarketingPermissions: marketingPermissionsMap,
  MarketingAudienceMember: marketingAudienceMemberMap,
  Disclosure: disclosureMap,
  DataSubjectRequest: dataSubjectRequestMap,
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

/**
 * How a principal reads under an access list: not at all, on every record, or only on records
 * where one of the returned row conditions holds (every role that grants the read is conditional).
 */
export function readsUnder(list: AccessList, principal: Principal): 'none' | 'all' | readonly RowCondition[] {
  if (!allows(list, principal)) return 'none';
  if (principal.kind !== 'staff' || !list.when) return 'all';
  const conditions: RowCondition[] = [];
  for (const role of principal.roles) {
    if (!list.roles.includes(role)) continue;
    const when = list.when[role];
    if (when === undefined) return 'all';
    for (const condition of typeof when === 'string' ? [when] : when) {
      if (!conditions.includes(condition)) conditions.push(condition);
    }
  }
  return conditions;
}

/**
 * The row conditions under which the principal reads the field (any one of them suffices), or
 * null when no condition applies: it reads the field on every record — or not at all, which
 * `canRead` (role-level, unchanged) tells.
 */
export function rowCondition(principal: Principal, typeName: string, fieldName: string): readonly RowCondition[] | null {
  const field = fieldClassification(typeName, fieldName);
  if (!field) return null;
  const reads = readsUnder(field.read, principal);
  return typeof reads === 'string' ? null : reads;
}

/**
 * The conditions a record must meet for the principal to see it at all — those of the field that
 * names its data subject (whoever may not know whose record it is, may not see the record). Lists
 * filter their rows by it, single-record queries return null for a record that fails it.
 */
export function recordCondition(principal: Principal, typeName: string): readonly RowCondition[] | null {
  const type = classification(typeName);
  return type ? rowCondition(principal, typeName, type.subject) : null;
}
