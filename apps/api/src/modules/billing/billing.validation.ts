/**
 * The rules of billing accounts and invoices. Every check names the field in the user's terms,
 * collects all problems of an input, and is applied to the record as it will be after the change.
 */
import { createInvoiceReference, parseEInvoiceAddress, parseInvoiceReference } from '@register/identifiers';
import type { InputProblems } from '../../common/errors.js';
import { addDays, boundedText, emailAddress, todayInFinland } from '../contact-person/contact-person.validation.js';
import * as customerValidation from '../customer/customer.validation.js';
import type { BillingAccount } from './billing-account.entity.js';
import { BillingMethod, InvoiceStatus } from './billing.enums.js';
import type { BillingAccountFieldsArgs, CreateInvoiceArgs, UpdateInvoiceArgs } from './billing.input.js';
import type { Invoice } from './invoice.entity.js';

const EINVOICE_FIELDS = { address: 'eInvoiceAddress', operatorId: 'eInvoiceOperatorId' } as const;
const EINVOICE_LABELS = /^(e-invoice address|operator ID): /;

/** The largest amount a GraphQL Int (and the database column) can hold, in cents. */
export const MAX_CENTS = 2_147_483_647;

type BillingAccountValues = Pick<
  BillingAccount,
  'method' | 'eInvoiceAddress' | 'eInvoiceOperatorId' | 'invoiceEmail' | 'billingContactName' | 'streetAddress' | 'postalCode' | 'city' | 'country'
>;

/** Checks each given field of a billing account; returns the values to set (undefined = unchanged). */
export function billingAccountFields(problems: InputProblems, args: BillingAccountFieldsArgs, current: Partial<BillingAccountValues>) {
  if (args.method === null) problems.add('method', 'cannot be empty: E_INVOICE, EMAIL, PAPER or DIRECT_PAYMENT');
  const country = customerValidation.country(problems, args.country);
  return {
    method: args.method ?? undefined,
    eInvoiceAddress: boundedText(problems, 'eInvoiceAddress', args.eInvoiceAddress, 34),
    eInvoiceOperatorId: boundedText(problems, 'eInvoiceOperatorId', args.eInvoiceOperatorId, 20),
    invoiceEmail: emailAddress(problems, 'invoiceEmail', args.invoiceEmail),
    billingContactName: boundedText(problems, 'billingContactName', args.billingContactName, 200),
    streetAddress: boundedText(problems, 'streetAddress', args.streetAddress, 200),
    postalCode: customerValidation.postalCode(problems, args.postalCode, country ?? current.country ?? 'FI'),
    city: boundedText(problems, 'city', args.city, 100),
    country: country ?? undefined,
  };
}

const pick = <T>(given: T | undefined, current: T) => (given !== undefined ? given : current);

/** What each billing method needs, checked on the account as it will be. */
export function checkBillingMethod(
  problems: InputProblems,
  values: Partial<BillingAccountValues>,
  current: Partial<BillingAccountValues>,
) {
  const method = pick(values.method, current.method);
  const address = pick(values.eInvoiceAddress, current.eInvoiceAddress);
  const operatorId = pick(values.eInvoiceOperatorId, current.eInvoiceOperatorId);
  if (!method) return; // reported as required by the caller
  if (method === BillingMethod.E_INVOICE) {
    if (!address) problems.add('eInvoiceAddress', 'is required for e-invoicing: an OVT code like 003715728600, or a consumer IBAN');
    if (!operatorId) problems.add('eInvoiceOperatorId', 'is required for e-invoicing: the operator ID, like 003723327487 or HELSFIHH');
    // Checked when either part changes (a stored pair is valid already).
    if (address && operatorId && (values.eInvoiceAddress !== undefined || values.eInvoiceOperatorId !== undefined)) {
      const parsed = parseEInvoiceAddress({ address, operatorId });
      if (!parsed.ok) problems.add(EINVOICE_FIELDS[parsed.field], parsed.error.replace(EINVOICE_LABELS, ''));
    }
  } else {
    const hint = `clear it: the billing method is ${method}`;
    if (address) problems.add('eInvoiceAddress', `is only for e-invoicing (method E_INVOICE); ${hint}`);
    if (operatorId) problems.add('eInvoiceOperatorId', `is only for e-invoicing (method E_INVOICE); ${hint}`);
  }
  if (method === BillingMethod.EMAIL && !pick(values.invoiceEmail, current.invoiceEmail)) {
    problems.add('invoiceEmail', 'is required for e-mail invoicing (method EMAIL)');
  }
  if (method === BillingMethod.PAPER) {
    for (const field of ['streetAddress', 'postalCode', 'city'] as const) {
      if (!pick(values[field], current[field])) problems.add(field, 'is required for paper invoices (method PAPER): the postal address');
    }
  }
}

/** An invoice's amounts: whole non-negative cents, total = net + VAT. */
export function invoiceAmounts(problems: InputProblems, args: CreateInvoiceArgs) {
  const amount = (field: 'netAmountCents' | 'vatAmountCents', value: number | null | undefined) => {
    if (value === undefined || value === null) {
      problems.add(field, 'is required: euro cents, e.g. 2490 for 24,90 €');
      return undefined;
    }
    if (value < 0) {
      problems.add(field, 'cannot be negative (a refund is made by crediting the invoice)');
      return undefined;
    }
    return value;
  };
  const net = amount('netAmountCents', args.netAmountCents);
  const vat = amount('vatAmountCents', args.vatAmountCents);
  if (net === undefined || vat === undefined) return undefined;
  const total = net + vat;
  if (args.totalAmountCents !== undefined && args.totalAmountCents !== null && args.totalAmountCents !== total) {
    problems.add('totalAmountCents', `must be the net amount plus VAT: ${net} + ${vat} = ${total} cents (got ${args.totalAmountCents})`);
    return undefined;
  }
  if (total > MAX_CENTS) {
    problems.add('totalAmountCents', `is too large: at most ${MAX_CENTS} cents`);
    return undefined;
  }
  if (total === 0) {
    problems.add('netAmountCents', 'an invoice of 0,00 € is not sent: the total must be more than zero');
    return undefined;
  }
  return { netAmountCents: net, vatAmountCents: vat, totalAmountCents: total };
}

/** Invoice and due dates of a new invoice. */
export function invoiceDates(problems: InputProblems, args: CreateInvoiceArgs, today = todayInFinland()) {
  const issueDate = args.issueDate ?? today;
  let ok = true;
  if (issueDate > today) {
    problems.add('issueDate', `cannot be in the future (today is ${today})`);
    ok = false;
  } else if (issueDate < '2000-01-01') {
    problems.add('issueDate', 'must be 2000-01-01 or later');
    ok = false;
  }
  if (args.dueDate === undefined || args.dueDate === null) {
    problems.add('dueDate', 'is required: the date by which the invoice must be paid');
    return undefined;
  }
  if (ok && args.dueDate < issueDate) {
    problems.add('dueDate', `cannot be before the invoice date (${issueDate})`);
    return undefined;
  }
  if (ok && args.dueDate > addDays(issueDate, 365)) {
    problems.add('dueDate', 'must be within a year of the invoice date');
    return undefined;
  }
  return ok ? { issueDate, dueDate: args.dueDate } : undefined;
}

/** The Finnish reference number of an invoice number (the number and its check digit), checked. */
export function referenceFor(invoiceNumber: number): string {
  const parsed = parseInvoiceReference(createInvoiceReference(invoiceNumber));
  if (!parsed.ok) throw new Error(`invoice number ${invoiceNumber} gave an invalid reference number: ${parsed.error}`);
  return parsed.value.normalized;
}

const FINAL = new Set([InvoiceStatus.PAID, InvoiceStatus.CREDITED]);

/** Which status may follow which. PAID and CREDITED are final. */
const NEXT: Record<InvoiceStatus, InvoiceStatus[]> = {
  [InvoiceStatus.OPEN]: [InvoiceStatus.REMINDER_SENT, InvoiceStatus.PAID, InvoiceStatus.CREDITED],
  [InvoiceStatus.REMINDER_SENT]: [InvoiceStatus.IN_COLLECTION, InvoiceStatus.PAID, InvoiceStatus.CREDITED],
  [InvoiceStatus.IN_COLLECTION]: [InvoiceStatus.PAID, InvoiceStatus.CREDITED],
  [InvoiceStatus.PAID]: [],
  [InvoiceStatus.CREDITED]: [],
};

const HOW_TO_REACH: Partial<Record<InvoiceStatus, string>> = {
  [InvoiceStatus.OPEN]: 'an invoice never returns to OPEN',
  [InvoiceStatus.IN_COLLECTION]: 'send a payment reminder first (status REMINDER_SENT)',
};

export type InvoiceChanges = Partial<Pick<Invoice, 'dueDate' | 'status' | 'paidDate' | 'reminderSentDate' | 'collectionAgency'>>;

/**
 * A change of an issued invoice: due date, status, payment, reminder and collection. Only values
 * that differ from the stored ones count as changes (an edit form sends every field back).
 */
export function invoiceChanges(problems: InputProblems, invoice: Invoice, args: UpdateInvoiceArgs, today = todayInFinland()): InvoiceChanges {
  const changes: InvoiceChanges = {};
  const differs = <K extends keyof InvoiceChanges>(field: K, value: Invoice[K] | null | undefined) =>
    value !== undefined && value !== (invoice[field] ?? null);
  const collectionAgency = boundedText(problems, 'collectionAgency', args.collectionAgency, 200);
  const given = {
    dueDate: differs('dueDate', args.dueDate),
    status: differs('status', args.status),
    paidDate: differs('paidDate', args.paidDate),
    reminderSentDate: differs('reminderSentDate', args.reminderSentDate),
    collectionAgency: collectionAgency !== undefined && differs('collectionAgency', collectionAgency),
    provenance: args.sourceType !== undefined || args.sourcePartner !== undefined || args.collectedAt !== undefined,
  };
  const firstGiven = (Object.keys(given) as (keyof typeof given)[]).find((field) => given[field]);
  if (!firstGiven) return changes;

  if (FINAL.has(invoice.status)) {
    const field = firstGiven === 'provenance' ? 'status' : firstGiven;
    problems.add(field, `cannot be changed: the invoice is ${invoice.status}, which is final (a paid or credited invoice is an accounting voucher)`);
    return changes;
  }
  if (args.status === null) {
    problems.add('status', 'cannot be empty: OPEN, REMINDER_SENT, IN_COLLECTION, PAID or CREDITED');
    return changes;
  }
  const status = given.status ? args.status! : invoice.status;
  if (given.status && !NEXT[invoice.status].includes(status)) {
    const how = HOW_TO_REACH[status] ?? `from ${invoice.status} it can become ${NEXT[invoice.status].join(', ')}`;
    problems.add('status', `cannot change from ${invoice.status} to ${status}: ${how}`);
    return changes;
  }
  if (given.status) changes.status = status;

  if (given.dueDate) {
    if (args.dueDate === null) problems.add('dueDate', 'cannot be empty');
    else if (invoice.status !== InvoiceStatus.OPEN || status !== InvoiceStatus.OPEN) {
      problems.add('dueDate', 'can only be moved while the invoice is OPEN (a reminder has been sent for the old date)');
    } else if (args.dueDate! < invoice.issueDate) problems.add('dueDate', `cannot be before the invoice date (${invoice.issueDate})`);
    else if (args.dueDate! > addDays(invoice.issueDate, 365)) problems.add('dueDate', 'must be within a year of the invoice date');
    else changes.dueDate = args.dueDate!;
  }

  // Payment: the date is given exactly when the invoice becomes PAID.
  if (status === InvoiceStatus.PAID) {
    const paidDate = given.paidDate ? args.paidDate : null;
    if (!paidDate) problems.add('paidDate', 'is required when the invoice is marked PAID: the date the payment arrived');
    else if (paidDate > today) problems.add('paidDate', `cannot be in the future (today is ${today})`);
    else if (paidDate < invoice.issueDate) problems.add('paidDate', `cannot be before the invoice date (${invoice.issueDate})`);
    else changes.paidDate = paidDate;
  } else if (given.paidDate) {
    problems.add('paidDate', 'is only set when the invoice is marked PAID (status PAID)');
  }

  // Reminder: a date after the due date, given when a (further) reminder is sent.
  if (status === InvoiceStatus.REMINDER_SENT && (given.status || given.reminderSentDate)) {
    const date = given.reminderSentDate ? args.reminderSentDate : null;
    if (!date) problems.add('reminderSentDate', 'is required when a payment reminder is sent: the date it was sent');
    else if (date > today) problems.add('reminderSentDate', `cannot be in the future (today is ${today})`);
    else if (date <= invoice.dueDate) problems.add('reminderSentDate', `must be after the due date (${invoice.dueDate}): a reminder is for an overdue invoice`);
    else if (invoice.reminderSentDate && date < invoice.reminderSentDate) {
      problems.add('reminderSentDate', `cannot be before the previous reminder (${invoice.reminderSentDate})`);
    } else changes.reminderSentDate = date;
  } else if (given.reminderSentDate) {
    problems.add('reminderSentDate', 'is only set when a payment reminder is sent (status REMINDER_SENT)');
  }

  // Collection: the agency is named when the invoice is handed over, and may be changed while there.
  if (status === InvoiceStatus.IN_COLLECTION && (given.status || given.collectionAgency)) {
    const agency = given.collectionAgency ? collectionAgency : invoice.collectionAgency;
    if (!agency) problems.add('collectionAgency', 'is required when the invoice goes to collection: the agency handling it');
    else if (given.collectionAgency) changes.collectionAgency = agency;
  } else if (given.collectionAgency) {
    problems.add('collectionAgency', 'is only set when the invoice goes to collection (status IN_COLLECTION)');
  }
  return changes;
}
