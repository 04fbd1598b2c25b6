import type { Principal, StaffRole } from '@register/schema';

/**
 * The API's operation rules that the data map does not express (apps/api/src/modules/*.rules.ts),
 * restated for the screens: which buttons and forms exist. The API enforces the originals; a
 * mismatch here shows a button that the API then refuses, never more access.
 */
export const OPERATION_ROLES = {
  /** catalogue.rules.ts: services and equipment models are maintained by sales and admin. */
  maintainCatalogue: ['sales', 'admin'],
  /** history.rules.ts: recordCustomerContact. */
  recordCustomerContact: ['service', 'sales', 'dpo'],
  /** customer.rules.ts: verifyPersonalIdentityNumber (rate-limited, audited). */
  verifyIdentityNumber: ['service', 'billing', 'dpo'],
  /** customer.rules.ts: deleteCustomer, only for records entered by mistake. */
  deleteCustomer: ['dpo'],
  /** contact-person.rules.ts: deleteContactPerson. */
  deleteContactPerson: ['service', 'dpo'],
  /** feedback.rules.ts: deleteFeedback (entered by mistake). */
  deleteFeedback: ['dpo'],
  /** marketing.rules.ts: a PERMIT is recorded by staff who talked to the customer, or the dpo. */
  recordMarketingPermit: ['service', 'dpo'],
  /** audit.rules.ts: the audit log. */
  readAuditLog: ['dpo'],
  /** staff.rules.ts: staff users. */
  manageStaff: ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Operation = keyof typeof OPERATION_ROLES;

export function mayDo(principal: Principal, operation: Operation): boolean {
  const roles: readonly StaffRole[] = OPERATION_ROLES[operation];
  return principal.kind === 'staff' && principal.roles.some((role) => roles.includes(role));
}

/** Every member of staff reads the catalogue (it holds no personal data). */
export const readsCatalogue = (principal: Principal) => principal.kind === 'staff' && principal.roles.length > 0;
