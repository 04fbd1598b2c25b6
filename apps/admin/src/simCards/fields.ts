import { validateIccid } from '../common/validators';
import { dateTime, enumOf, phone, PROVENANCE_FIELDS, PROVENANCE_SPECS, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const SIM_CARD_SPECS: FieldSpecs = {
  id: text,
  contractId: referenceTo('contracts'),
  customerId: referenceTo('customers'),
  iccid: { kind: 'text', validate: validateIccid, helperText: 'register.hints.iccid' },
  phoneNumber: phone,
  status: enumOf('SimCardStatus'),
  activatedAt: dateTime,
  closedAt: dateTime,
  ...PROVENANCE_SPECS,
};

export const SIM_CARD_COLUMNS = ['iccid', 'phoneNumber', 'status', 'contractId', 'customerId', 'activatedAt'];
export const CONTRACT_SIM_CARD_COLUMNS = ['iccid', 'phoneNumber', 'status', 'activatedAt', 'closedAt'];
export const CUSTOMER_SIM_CARD_COLUMNS = ['iccid', 'phoneNumber', 'status', 'contractId', 'activatedAt'];

export const SIM_CARD_SECTIONS: readonly Section[] = [
  { title: 'register.sections.simCard', fields: ['iccid', 'phoneNumber', 'status', 'contractId', 'customerId', 'activatedAt', 'closedAt'] },
  { title: 'register.sections.provenance', fields: PROVENANCE_FIELDS },
];

export const representSimCard = (record: Record<string, unknown>) => `${record.iccid ?? record.id}`;
