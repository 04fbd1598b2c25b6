import { date, dateTime, enumOf, integer, money, PROVENANCE_FIELDS, PROVENANCE_SPECS, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const CONTRACT_SPECS: FieldSpecs = {
  id: text,
  contractNumber: text,
  customerId: referenceTo('customers'),
  status: enumOf('ContractStatus'),
  startDate: date,
  endDate: { kind: 'date', helperText: 'register.contracts.endDateHint' },
  monthlyValueCents: money,
  ...PROVENANCE_SPECS,
};

export const CONTRACT_COLUMNS = ['contractNumber', 'customerId', 'status', 'startDate', 'endDate', 'monthlyValueCents'];
export const CUSTOMER_CONTRACT_COLUMNS = CONTRACT_COLUMNS.filter((field) => field !== 'customerId');

export const CONTRACT_SECTIONS: readonly Section[] = [
  { title: 'register.sections.contract', fields: ['contractNumber', 'customerId', 'status', 'startDate', 'endDate', 'monthlyValueCents'] },
  { title: 'register.sections.provenance', fields: PROVENANCE_FIELDS },
];

/** A service on a contract (ContractLine), as the contract page lists them. */
export const CONTRACT_LINE_SPECS: FieldSpecs = {
  serviceProductId: referenceTo('serviceProducts'),
  quantity: integer,
  monthlyPriceCents: money,
  addedDate: date,
  removedDate: date,
  createdAt: dateTime,
};

export const CONTRACT_LINE_COLUMNS = ['serviceProductId', 'quantity', 'monthlyPriceCents', 'addedDate', 'removedDate'];

export const representContract = (record: Record<string, unknown>) => `${record.contractNumber ?? record.id}`;
