import { QUOTATION_PURPOSES, QUOTATION_READERS, QUOTATION_RETENTION } from './quotation.js';
import type { FieldClassification, TypeClassification } from './model.js';

const lineField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'contract',
  personal: true,
  purposes: QUOTATION_PURPOSES,
  read: { roles: QUOTATION_READERS },
  // Lines are written through their quotation (Quotation.lines), never on their own.
  write: { roles: [] },
  erasure: { strategy: 'delete' },
  retention: QUOTATION_RETENTION,
  ...overrides,
});

const keyField = (en: string, fi: string, reason: string): FieldClassification =>
  lineField(en, fi, { category: 'identity', personal: false, erasure: { strategy: 'none', reason } });

export const quotationLineMap: TypeClassification = {
  label: { en: 'Quotation line', fi: 'Tarjousrivi' },
  subject: 'customerId',
  fields: {
    id: keyField('Quotation line id', 'Tarjousrivin tunniste', 'an opaque key'),
    quotationId: keyField('Quotation', 'Tarjous', 'a key of another record'),
    customerId: keyField('Customer the quotation is for', 'Asiakas, jolle tarjous on tehty', 'a key of another record'),
    lineNumber: keyField('Line number', 'Rivinumero', 'a position on the quotation'),
    serviceProductId: lineField('Service offered', 'Tarjottu palvelu', { storage: ['service_product_id'] }),
    equipmentModelId: lineField('Equipment offered', 'Tarjottu laite', { storage: ['equipment_model_id'] }),
    quantity: lineField('Quantity', 'Määrä'),
    unitPriceCents: lineField('Unit price (cents)', 'Yksikköhinta (senttiä)', {
      note: "Defaults from the catalogue: a service's monthly price, an equipment model's price.",
    }),
    totalCents: lineField('Line total (cents)', 'Rivin summa (senttiä)', { note: 'quantity × unit price, computed.' }),
  },
};
