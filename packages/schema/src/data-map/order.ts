import type { FieldClassification, PartnerScope, StaffRole, TypeClassification } from './model.js';

// Issue 3, orders: `service` and `sales` read and write them, `billing` reads what it invoices,
// `dpo` reads and writes for inspection; marketing, analyst and admin see none of it. The
// `delivery` partner reads an open order's delivery data only (the service hides other orders).
export const ORDER_READERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'dpo'];
export const ORDER_WRITERS: readonly StaffRole[] = ['service', 'sales', 'dpo'];
/** Who delivers the order: billing needs no delivery address, recipient or SIM numbers. */
const DELIVERY_READERS: readonly StaffRole[] = ['service', 'sales', 'dpo'];
const DELIVERY_PARTNER: readonly PartnerScope[] = ['delivery'];

/** What was ordered, when and for how much: evidence for claims while they can still arise. */
export const CLAIMS_HOLD = {
  erasure: { strategy: 'hold', hold: 'contract-claims' },
  retention: { after: 'legal-hold', hold: 'contract-claims' },
} as const satisfies Pick<FieldClassification, 'erasure' | 'retention'>;
export const AFTER_RELATIONSHIP = { after: 'relationship-end', months: 36 } as const;
export const ORDER_PURPOSES: FieldClassification['purposes'] = ['customer-relationship', 'service-delivery'];

const orderField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'contract',
  personal: true,
  purposes: ORDER_PURPOSES,
  read: { roles: ORDER_READERS },
  write: { roles: ORDER_WRITERS },
  ...CLAIMS_HOLD,
  ...overrides,
});

/** The delivery address and recipient: what the delivery partner needs, deleted on erasure. */
const deliveryField = (en: string, fi: string, category: FieldClassification['category'] = 'contact'): FieldClassification =>
  orderField(en, fi, {
    category,
    purposes: ['service-delivery'],
    read: { roles: DELIVERY_READERS, scopes: DELIVERY_PARTNER },
    erasure: { strategy: 'delete' },
    retention: AFTER_RELATIONSHIP,
  });

const systemField = (
  en: string,
  fi: string,
  category: FieldClassification['category'],
  reason: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification =>
  orderField(en, fi, {
    category,
    personal: false,
    write: { roles: [] },
    erasure: { strategy: 'none', reason },
    retention: AFTER_RELATIONSHIP,
    ...overrides,
  });

export const orderMap: TypeClassification = {
  label: { en: 'Order', fi: 'Tilaus' },
  subject: 'customerId',
  fields: {
    id: systemField('Order id', 'Tilauksen tunniste', 'identity', 'an opaque key that identifies nobody once the rest is gone', {
      read: { roles: ORDER_READERS, scopes: DELIVERY_PARTNER },
    }),
    orderNumber: systemField('Order number', 'Tilausnumero', 'contract', 'a running number that identifies nobody', {
      read: { roles: ORDER_READERS, scopes: DELIVERY_PARTNER },
      note: 'Given by the database from a sequence.',
    }),
    customerId: orderField('Customer who ordered', 'Tilaaja (asiakas)', {
      category: 'identity',
      personal: false,
      write: { roles: [], onCreate: ORDER_WRITERS },
      note: 'The data subject of the order. Never shown to the delivery partner.',
      storage: ['customer_id'],
    }),
    status: orderField('Order status', 'Tilauksen tila', {
      category: 'lifecycle',
      personal: false,
      read: { roles: ORDER_READERS, scopes: DELIVERY_PARTNER },
      erasure: { strategy: 'none', reason: 'a state, not an identifier' },
      note: 'DELIVERED and CANCELLED are final. The delivery partner sets IN_DELIVERY and DELIVERED through updateOrderDelivery (an operation rule), nothing else.',
    }),
    orderDate: orderField('Order date', 'Tilauspäivä', { write: { roles: [], onCreate: ORDER_WRITERS } }),
    deliveryDate: orderField('Requested or planned delivery date', 'Toivottu tai suunniteltu toimituspäivä', {
      read: { roles: ORDER_READERS, scopes: DELIVERY_PARTNER },
    }),
    deliveredAt: orderField('Delivery date (delivered)', 'Toimituspäivä (toimitettu)', {
      note: 'Set with the status DELIVERED; the delivery partner reports it through updateOrderDelivery.',
    }),
    deliveryStreetAddress: deliveryField('Delivery street address', 'Toimitusosoite'),
    deliveryPostalCode: deliveryField('Delivery postal code', 'Toimitusosoitteen postinumero'),
    deliveryCity: deliveryField('Delivery post office', 'Toimitusosoitteen postitoimipaikka'),
    deliveryCountry: deliveryField('Delivery country', 'Toimitusmaa'),
    recipientName: deliveryField('Recipient of the delivery', 'Toimituksen vastaanottaja', 'identity'),
    simIccids: deliveryField('SIM card numbers (ICCID) to deliver', 'Toimitettavien SIM-korttien numerot (ICCID)', 'contract'),
    lines: orderField('Order lines (services and equipment ordered)', 'Tilausrivit (tilatut palvelut ja laitteet)', {
      write: { roles: [], onCreate: ORDER_WRITERS },
      note: 'Each line is an OrderLine (table customer_order_line); lines are given when the order is created and not changed later.',
    }),
    valueCents: orderField('Order value (cents)', 'Tilauksen arvo (senttiä)', {
      write: { roles: [] },
      note: 'Computed from the lines, never typed: the sum of quantity × unit price.',
    }),
    quotationId: systemField('Quotation the order came from', 'Tarjous, josta tilaus syntyi', 'contract', 'a key of another record', {
      note: 'Set when a quotation is converted into the order.',
    }),
    sourceType: systemField('Source of the data', 'Tietolähde', 'provenance', 'says where data came from, not who the person is', {
      write: { roles: ['dpo'] },
    }),
    sourcePartner: systemField('Partner register the data came from', 'Kumppanirekisteri, josta tiedot saatiin', 'provenance', 'names the partner, not the person', {
      write: { roles: ['dpo'] },
    }),
    collectedAt: systemField('Time of collection', 'Keruuajankohta', 'provenance', 'a time, not an identifier', {
      write: { roles: ['dpo'] },
    }),
    createdAt: systemField('Record created', 'Tietue luotu', 'lifecycle', 'a time, not an identifier'),
    updatedAt: systemField('Record last changed', 'Tietuetta muutettu', 'lifecycle', 'a time, not an identifier'),
  },
};
