import { validateIccid } from '../common/validators';
import { date, enumOf, integer, money, PROVENANCE_FIELDS, PROVENANCE_SPECS, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';
import { postalCodeValidator } from '../common/validators';
import type { Validator } from 'react-admin';

/** Every ICCID of the list, checked as it is typed (one per line). */
const validateIccids: Validator = (value, values, props) => {
  const items = Array.isArray(value) ? value : [];
  for (const item of items) {
    const problem = validateIccid(item, values, props);
    if (problem) return problem;
  }
  return undefined;
};

export const ORDER_SPECS: FieldSpecs = {
  id: text,
  orderNumber: text,
  customerId: referenceTo('customers'),
  status: enumOf('OrderStatus'),
  orderDate: date,
  deliveryDate: { ...date, helperText: 'register.hints.deliveryDate' },
  deliveredAt: date,
  deliveryStreetAddress: text,
  deliveryPostalCode: { kind: 'text', validate: postalCodeValidator('deliveryCountry') },
  deliveryCity: text,
  deliveryCountry: { kind: 'text', helperText: 'register.hints.country' },
  recipientName: text,
  simIccids: { kind: 'textList', validate: validateIccids, helperText: 'register.hints.iccids' },
  valueCents: money,
  quotationId: referenceTo('quotations'),
  ...PROVENANCE_SPECS,
};

export const ORDER_COLUMNS = ['orderNumber', 'customerId', 'status', 'orderDate', 'deliveryDate', 'deliveredAt', 'valueCents'];
export const CUSTOMER_ORDER_COLUMNS = ['orderNumber', 'status', 'orderDate', 'deliveryDate', 'valueCents', 'quotationId'];

export const ORDER_SECTIONS: readonly Section[] = [
  { title: 'register.sections.order', fields: ['orderNumber', 'customerId', 'status', 'orderDate', 'valueCents', 'quotationId'] },
  {
    title: 'register.sections.delivery',
    fields: [
      'deliveryDate', 'deliveredAt', 'recipientName', 'deliveryStreetAddress', 'deliveryPostalCode', 'deliveryCity',
      'deliveryCountry', 'simIccids',
    ],
  },
  { title: 'register.sections.provenance', fields: PROVENANCE_FIELDS },
];

/** A line of an order or a quotation. */
export const SALES_LINE_SPECS: FieldSpecs = {
  lineNumber: text,
  serviceProductId: referenceTo('serviceProducts'),
  equipmentModelId: referenceTo('equipmentModels'),
  quantity: integer,
  unitPriceCents: money,
  totalCents: money,
};

export const SALES_LINE_COLUMNS = ['lineNumber', 'serviceProductId', 'equipmentModelId', 'quantity', 'unitPriceCents', 'totalCents'];

export const representOrder = (record: Record<string, unknown>) => `${record.orderNumber ?? record.id}`;
