import { registerEnumType } from 'type-graphql';

export enum BillingMethod {
  E_INVOICE = 'E_INVOICE',
  EMAIL = 'EMAIL',
  PAPER = 'PAPER',
  DIRECT_PAYMENT = 'DIRECT_PAYMENT',
}

/**
 * Where an invoice stands. OPEN → REMINDER_SENT → IN_COLLECTION; PAID and CREDITED are final
 * (a paid or credited invoice is an accounting voucher that is never changed again).
 */
export enum InvoiceStatus {
  OPEN = 'OPEN',
  REMINDER_SENT = 'REMINDER_SENT',
  IN_COLLECTION = 'IN_COLLECTION',
  PAID = 'PAID',
  CREDITED = 'CREDITED',
}

registerEnumType(BillingMethod, {
  name: 'BillingMethod',
  description: 'How invoices reach the customer: e-invoice, e-mail, paper or direct payment (suoramaksu)',
  valuesConfig: {
    E_INVOICE: { description: 'E-invoice to an OVT address (business) or a bank account (consumer), through an operator' },
    EMAIL: { description: 'PDF invoice by e-mail' },
    PAPER: { description: 'Paper invoice by post' },
    DIRECT_PAYMENT: { description: 'Direct payment (suoramaksu) through the bank' },
  },
});
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Payment and collection status of an invoice',
  valuesConfig: {
    OPEN: { description: 'Sent, not yet paid' },
    REMINDER_SENT: { description: 'Overdue; a payment reminder has been sent' },
    IN_COLLECTION: { description: 'Handed to a collection agency' },
    PAID: { description: 'Paid (final)' },
    CREDITED: { description: 'Cancelled with a credit note (final)' },
  },
});
