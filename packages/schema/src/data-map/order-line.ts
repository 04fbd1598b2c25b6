import { AFTER_RELATIONSHIP, CLAIMS_HOLD, ORDER_PURPOSES } from './order.js';
import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

/** Who reads what was ordered: the readers of the order's commercial data (never the partner). */
const LINE_READERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'dpo'];

const lineField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'contract',
  personal: true,
  purposes: ORDER_PURPOSES,
  read: { roles: LINE_READERS },
  // Lines are written through their order (Order.lines), never on their own.
  write: { roles: [] },
  ...CLAIMS_HOLD,
  ...overrides,
});

const keyField = (en: string, fi: string, reason: string): FieldClassification =>
  lineField(en, fi, {
    category: 'identity',
    personal: false,
    erasure: { strategy: 'none', reason },
    retention: AFTER_RELATIONSHIP,
  });

export const orderLineMap: TypeClassification = {
  label: { en: 'Order line', fi: 'Tilausrivi' },
  subject: 'customerId',
  fields: {
    id: keyField('Order line id', 'Tilausrivin tunniste', 'an opaque key'),
    orderId: keyField('Order', 'Tilaus', 'a key of another record'),
    customerId: keyField('Customer who ordered', 'Tilaaja (asiakas)', 'a key of another record'),
    lineNumber: keyField('Line number', 'Rivinumero', 'a position on the order'),
    serviceProductId: lineField('Service ordered', 'Tilattu palvelu', { storage: ['service_product_id'] }),
    equipmentModelId: lineField('Equipment ordered', 'Tilattu laite', { storage: ['equipment_model_id'] }),
    quantity: lineField('Quantity', 'Määrä'),
    unitPriceCents: lineField('Unit price (cents)', 'Yksikköhinta (senttiä)', {
      note: "Defaults from the catalogue: a service's monthly price, an equipment model's price.",
    }),
    totalCents: lineField('Line total (cents)', 'Rivin summa (senttiä)', { note: 'quantity × unit price, computed.' }),
  },
};
