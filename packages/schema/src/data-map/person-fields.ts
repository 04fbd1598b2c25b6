import type { FieldClassification, StaffRole } from './model.js';

// What a customer's own contact fields and a contact person's share (PRODUCT.md's matrix): one
// definition, so that a change to who reads or writes a person's contact details is one line.

/** Staff who read a person's name and contact details (marketing narrowed by the permits). */
export const CONTACT_READERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'marketing', 'dpo'];
/** Staff who handle the customer's cases: everything but marketing's narrowed view. */
export const CASEWORKERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'dpo'];
/** Staff who keep a person's details up to date. */
export const SERVICE_AND_DPO: readonly StaffRole[] = ['service', 'dpo'];

/** Kept while the relationship lasts and for the period in which claims can still arise. */
export const AFTER_RELATIONSHIP = { after: 'relationship-end', months: 36 } as const;
export const RELATIONSHIP: FieldClassification['purposes'] = ['customer-relationship', 'service-delivery'];

/** A contact detail the person gave: read by the contact readers, kept up to date by service and dpo. */
export const contactField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'contact',
  personal: true,
  purposes: [...RELATIONSHIP, 'marketing'],
  read: { roles: CONTACT_READERS },
  write: { roles: SERVICE_AND_DPO },
  erasure: { strategy: 'delete' },
  retention: AFTER_RELATIONSHIP,
  providedBySubject: true,
  ...overrides,
});
