import {
  createRfReference,
  isValidInvoiceReference,
  isValidRfReference,
  ovtFromBusinessId,
  parseInvoiceReference,
} from '@register/identifiers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInFinland } from '../src/modules/contact-person/contact-person.validation.js';
import { expectBadInput, onlyError, sql, uniqueBusinessId } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Billing input: what each billing method needs, invoice numbers and reference numbers, amounts
 * in cents, dates, and the payment and collection states an invoice goes through. Bad input is
 * BAD_USER_INPUT naming the field, and nothing is written.
 */
let app: TestApp;
let billing: Client;
let customerId: string;
let businessId: string;
let accountId: string;
const today = todayInFinland();

async function writes() {
  const [row] = await sql<{ accounts: string; invoices: string; changes: string; fingerprint: string }>(
    app,
    `select (select count(*) from billing_account)::text as accounts, (select count(*) from invoice)::text as invoices,
            (select count(*) from audit_event where action in ('create', 'update', 'delete'))::text as changes,
            (select md5(coalesce(string_agg(row_to_json(a)::text, ',' order by id), '')) from billing_account a)
              || (select md5(coalesce(string_agg(row_to_json(i)::text, ',' order by id), '')) from invoice i) as fingerprint`,
  );
  return row;
}

async function expectNothingWritten<T>(run: () => Promise<GraphQLResponse<T>>): Promise<GraphQLResponse<T>> {
  const before = await writes();
  const result = await run();
  expect(await writes()).toEqual(before);
  return result;
}

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

interface IssuedInvoice {
  id: string;
  invoiceNumber: number;
  referenceNumber: string;
  rfReference: string;
  totalAmountCents: number;
  status: string;
  customerId: string;
  currency: string;
}

async function issue(args: { issueDate?: string; dueDate?: string; net?: number; vat?: number; account?: string } = {}): Promise<IssuedInvoice> {
  const issueDate = args.issueDate ?? addDays(today, -40);
  const result = await billing.gql<{ createInvoice: IssuedInvoice }>(
    `mutation($a: ID, $issue: LocalDate, $due: LocalDate, $net: Int, $vat: Int) {
      createInvoice(billingAccountId: $a, issueDate: $issue, dueDate: $due, netAmountCents: $net, vatAmountCents: $vat) {
        id invoiceNumber referenceNumber rfReference totalAmountCents status customerId currency } }`,
    { a: args.account ?? accountId, issue: issueDate, due: args.dueDate ?? addDays(issueDate, 14), net: args.net ?? 4990, vat: args.vat ?? 1272 },
  );
  return ok(result).createInvoice;
}

const updateInvoice = (id: string, args: string) =>
  billing.gql<{ updateInvoice: Record<string, unknown> }>(
    `mutation($id: ID!) { updateInvoice(id: $id, ${args}) { id status paidDate reminderSentDate collectionAgency dueDate } }`,
    { id },
  );

beforeAll(async () => {
  app = await startTestApp({ customers: 10 });
  billing = await app.as('billing');
  businessId = uniqueBusinessId();
  const company = await (await app.as('service')).gql<{ createCustomer: { id: string } }>(
    'mutation($b: String) { createCustomer(kind: BUSINESS, name: "Syöte Oy", businessId: $b) { id } }',
    { b: businessId },
  );
  customerId = ok(company).createCustomer.id;
  const account = await billing.gql<{ createBillingAccount: { id: string } }>(
    'mutation($c: ID, $ovt: String) { createBillingAccount(customerId: $c, method: E_INVOICE, eInvoiceAddress: $ovt, eInvoiceOperatorId: "E204503") { id } }',
    { c: customerId, ovt: ovtFromBusinessId(businessId) },
  );
  accountId = ok(account).createBillingAccount.id;
});
afterAll(() => app?.close());

describe('billing accounts: what each method needs', () => {
  const create = (args: string, variables: Record<string, unknown> = {}) =>
    billing.gql(`mutation($c: ID) { createBillingAccount(customerId: $c, ${args}) { id } }`, { c: customerId, ...variables });

  const CASES: { name: string; field: string; run: () => Promise<GraphQLResponse<unknown>>; message?: RegExp; problems?: string[] }[] = [
    { name: 'no method', field: 'method', run: () => create('invoiceEmail: "laskut@syote.fi"') },
    { name: 'an unknown method', field: 'method', run: () => create('method: CARRIER_PIGEON') },
    { name: 'no customer', field: 'customerId', run: () => billing.gql('mutation { createBillingAccount(method: DIRECT_PAYMENT) { id } }') },
    {
      name: 'a customer that does not exist',
      field: 'customerId',
      run: () => billing.gql('mutation { createBillingAccount(customerId: "6f9619ff-8b86-4d01-b42d-00c04fc964ff", method: DIRECT_PAYMENT) { id } }'),
    },
    {
      name: 'an e-invoice without address and operator',
      field: 'eInvoiceAddress',
      run: () => create('method: E_INVOICE'),
      problems: ['eInvoiceAddress', 'eInvoiceOperatorId'],
    },
    {
      name: 'an OVT address whose business ID check digit is wrong',
      field: 'eInvoiceAddress',
      run: () => create('method: E_INVOICE, eInvoiceAddress: "003715728601", eInvoiceOperatorId: "003723327487"'),
      message: /business ID/,
    },
    {
      name: 'an OVT address that does not start with 0037',
      field: 'eInvoiceAddress',
      run: () => create('method: E_INVOICE, eInvoiceAddress: "003815728600", eInvoiceOperatorId: "003723327487"'),
      message: /0037/,
    },
    {
      name: 'an operator ID in lower case',
      field: 'eInvoiceOperatorId',
      run: () => create('method: E_INVOICE, eInvoiceAddress: "003715728600", eInvoiceOperatorId: "ndeafihh"'),
      message: /capital/,
    },
    {
      name: 'a consumer IBAN with wrong check digits',
      field: 'eInvoiceAddress',
      run: () => create('method: E_INVOICE, eInvoiceAddress: "FI4950009420028731", eInvoiceOperatorId: "NDEAFIHH"'),
      message: /check/,
    },
    { name: 'an e-mail invoice without the e-mail address', field: 'invoiceEmail', run: () => create('method: EMAIL') },
    { name: 'an invoice e-mail address that is not one', field: 'invoiceEmail', run: () => create('method: EMAIL, invoiceEmail: "laskut(at)syote.fi"') },
    {
      name: 'a paper invoice without the postal address',
      field: 'streetAddress',
      run: () => create('method: PAPER, billingContactName: "Talousosasto"'),
      problems: ['streetAddress', 'postalCode', 'city'],
    },
    {
      name: 'an e-invoice address on an e-mail account',
      field: 'eInvoiceAddress',
      run: () => create('method: EMAIL, invoiceEmail: "laskut@syote.fi", eInvoiceAddress: "003715728600"'),
      message: /only for e-invoicing/,
    },
    { name: 'a billing postal code that is not Finnish', field: 'postalCode', run: () => create('method: PAPER, streetAddress: "PL 1", postalCode: "1234", city: "OULU"') },
    {
      name: 'a billing contact of 201 characters',
      field: 'billingContactName',
      run: () =>
        billing.gql('mutation($c: ID, $n: String) { createBillingAccount(customerId: $c, method: DIRECT_PAYMENT, billingContactName: $n) { id } }', {
          c: customerId,
          n: 'x'.repeat(201),
        }),
    },
  ];

  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const error = expectBadInput(await expectNothingWritten(testCase.run), testCase.field);
      if (testCase.message) expect(error.message).toMatch(testCase.message);
      if (testCase.problems) expect((error.extensions?.problems as { field: string }[]).map((p) => p.field)).toEqual(testCase.problems);
    });
  }

  it('accepts each method with what it needs: OVT and operator, consumer IBAN, e-mail, paper, direct payment', async () => {
    for (const args of [
      `method: E_INVOICE, eInvoiceAddress: "${ovtFromBusinessId(businessId, '001')}", eInvoiceOperatorId: "003723327487"`,
      'method: E_INVOICE, eInvoiceAddress: "FI4950009420028730", eInvoiceOperatorId: "NDEAFIHH"',
      'method: EMAIL, invoiceEmail: "laskut@syote.fi"',
      'method: PAPER, streetAddress: "PL 12", postalCode: "00101", city: "HELSINKI"',
      'method: DIRECT_PAYMENT',
    ]) {
      ok(await create(args));
    }
  });

  it('changing the method needs the new method’s fields and clearing the old ones, all at once', async () => {
    const id = ok(await create(`method: E_INVOICE, eInvoiceAddress: "${ovtFromBusinessId(businessId, '7')}", eInvoiceOperatorId: "INEXCHANGE"`))
      .createBillingAccount as { id: string };
    const refused = await expectNothingWritten(() =>
      billing.gql('mutation($id: ID!) { updateBillingAccount(id: $id, method: EMAIL, invoiceEmail: "laskut@syote.fi") { id } }', { id: id.id }),
    );
    expect((expectBadInput(refused, 'eInvoiceAddress').extensions?.problems as { field: string }[]).map((p) => p.field)).toEqual([
      'eInvoiceAddress',
      'eInvoiceOperatorId',
    ]);
    const changed = await billing.gql<{ updateBillingAccount: { method: string; eInvoiceAddress: string | null } }>(
      'mutation($id: ID!) { updateBillingAccount(id: $id, method: EMAIL, invoiceEmail: "laskut@syote.fi", eInvoiceAddress: null, eInvoiceOperatorId: null) { method eInvoiceAddress } }',
      { id: id.id },
    );
    expect(ok(changed).updateBillingAccount).toEqual({ method: 'EMAIL', eInvoiceAddress: null });
  });
});

describe('invoices: numbers, reference numbers and amounts', () => {
  it('numbers run from the sequence; the reference number is the number with its check digit; the RF form matches', async () => {
    const first = await issue();
    const second = await issue();
    expect(first.invoiceNumber).toBeGreaterThanOrEqual(100001);
    expect(second.invoiceNumber).toBe(first.invoiceNumber + 1);
    for (const invoice of [first, second]) {
      expect(invoice.referenceNumber.slice(0, -1)).toBe(String(invoice.invoiceNumber));
      expect(isValidInvoiceReference(invoice.referenceNumber)).toBe(true);
      expect(isValidRfReference(invoice.rfReference)).toBe(true);
      expect(invoice.rfReference).toBe(createRfReference(invoice.referenceNumber));
      expect(invoice).toMatchObject({ status: 'OPEN', currency: 'EUR', customerId, totalAmountCents: 4990 + 1272 });
    }
    // 100001 → check digit from weights 7, 3, 1 from the right: 1·7 + 0·3 + 0·1 + 0·7 + 0·3 + 1·1 = 8 → 2.
    expect(parseInvoiceReference('1000012').ok).toBe(true);
  });

  it('the total is checked when given, and computed when not', async () => {
    const result = await billing.gql<{ createInvoice: { totalAmountCents: number } }>(
      `mutation($a: ID) { createInvoice(billingAccountId: $a, dueDate: "${addDays(today, 14)}", netAmountCents: 1000, vatAmountCents: 255, totalAmountCents: 1255) { totalAmountCents } }`,
      { a: accountId },
    );
    expect(ok(result).createInvoice.totalAmountCents).toBe(1255);
  });

  const create = (args: string) => billing.gql(`mutation($a: ID) { createInvoice(billingAccountId: $a, ${args}) { id } }`, { a: accountId });
  const due = addDays(today, 14);
  const CASES: { name: string; field: string; run: () => Promise<GraphQLResponse<unknown>>; message?: RegExp }[] = [
    { name: 'no billing account', field: 'billingAccountId', run: () => billing.gql(`mutation { createInvoice(dueDate: "${due}", netAmountCents: 1, vatAmountCents: 0) { id } }`) },
    {
      name: 'a billing account that does not exist',
      field: 'billingAccountId',
      run: () => billing.gql(`mutation { createInvoice(billingAccountId: "6f9619ff-8b86-4d01-b42d-00c04fc964ff", dueDate: "${due}", netAmountCents: 1, vatAmountCents: 0) { id } }`),
    },
    { name: 'no due date', field: 'dueDate', run: () => create('netAmountCents: 1000, vatAmountCents: 255') },
    { name: 'a due date before the invoice date', field: 'dueDate', run: () => create(`issueDate: "${today}", dueDate: "${addDays(today, -1)}", netAmountCents: 1000, vatAmountCents: 255`), message: /before the invoice date/ },
    { name: 'a due date more than a year ahead', field: 'dueDate', run: () => create(`dueDate: "${addDays(today, 400)}", netAmountCents: 1000, vatAmountCents: 255`) },
    { name: 'an invoice date in the future', field: 'issueDate', run: () => create(`issueDate: "${addDays(today, 3)}", dueDate: "${addDays(today, 20)}", netAmountCents: 1000, vatAmountCents: 255`) },
    { name: 'an invoice date that does not exist', field: 'issueDate', run: () => create(`issueDate: "2026-02-30", dueDate: "${due}", netAmountCents: 1000, vatAmountCents: 255`) },
    { name: 'a negative net amount', field: 'netAmountCents', run: () => create(`dueDate: "${due}", netAmountCents: -1000, vatAmountCents: 0`), message: /negative/ },
    { name: 'no VAT amount', field: 'vatAmountCents', run: () => create(`dueDate: "${due}", netAmountCents: 1000`) },
    { name: 'a total that is not net + VAT', field: 'totalAmountCents', run: () => create(`dueDate: "${due}", netAmountCents: 1000, vatAmountCents: 255, totalAmountCents: 1250`), message: /1000 \+ 255 = 1255/ },
    { name: 'a total of zero', field: 'netAmountCents', run: () => create(`dueDate: "${due}", netAmountCents: 0, vatAmountCents: 0`), message: /more than zero/ },
    { name: 'an amount in euros with decimals', field: 'netAmountCents', run: () => create(`dueDate: "${due}", netAmountCents: 10.5, vatAmountCents: 0`) },
    { name: 'a total beyond what a cent column holds', field: 'totalAmountCents', run: () => create(`dueDate: "${due}", netAmountCents: 2147483000, vatAmountCents: 1000`) },
  ];
  for (const testCase of CASES) {
    it(`refuses ${testCase.name}`, async () => {
      const error = expectBadInput(await expectNothingWritten(testCase.run), testCase.field);
      if (testCase.message) expect(error.message).toMatch(testCase.message);
    });
  }

  it('the database refuses a total that is not net + VAT even when written around the API', async () => {
    const invoice = await issue();
    await expect(sql(app, 'update invoice set total_amount_cents = total_amount_cents + 1 where id = ?', [invoice.id])).rejects.toThrow(/invoice_amounts_check/);
    await expect(sql(app, "update invoice set status = 'PAID' where id = ?", [invoice.id])).rejects.toThrow(/invoice_paid_date_check/);
  });
});

describe('invoices: payment and collection status', () => {
  it('goes OPEN → REMINDER_SENT → IN_COLLECTION → PAID, each step audited by field name', async () => {
    const invoice = await issue({ issueDate: addDays(today, -60) });
    const dueDate = addDays(today, -46);
    const reminder = ok(await updateInvoice(invoice.id, `status: REMINDER_SENT, reminderSentDate: "${addDays(dueDate, 8)}"`)).updateInvoice;
    expect(reminder).toMatchObject({ status: 'REMINDER_SENT', reminderSentDate: addDays(dueDate, 8) });
    const second = ok(await updateInvoice(invoice.id, `reminderSentDate: "${addDays(dueDate, 20)}"`)).updateInvoice;
    expect(second.reminderSentDate).toBe(addDays(dueDate, 20));
    const collection = ok(await updateInvoice(invoice.id, 'status: IN_COLLECTION, collectionAgency: "Intrum Oy"')).updateInvoice;
    expect(collection).toMatchObject({ status: 'IN_COLLECTION', collectionAgency: 'Intrum Oy' });
    // An edit form sends every field back: unchanged values are no change.
    const paid = ok(
      await updateInvoice(invoice.id, `status: PAID, paidDate: "${addDays(today, -1)}", collectionAgency: "Intrum Oy", reminderSentDate: "${addDays(dueDate, 20)}", dueDate: "${dueDate}"`),
    ).updateInvoice;
    expect(paid).toMatchObject({ status: 'PAID', paidDate: addDays(today, -1), collectionAgency: 'Intrum Oy' });
    const events = await sql<{ fields: string[]; subject_type: string; subject_id: string }>(
      app,
      `select fields, subject_type, subject_id from audit_event where operation = 'updateInvoice' and request_id in (
         select request_id from audit_event where action = 'update') and subject_id = ? order by seq desc limit 4`,
      [customerId],
    );
    expect(events.map((e) => e.fields).reverse()).toEqual([
      ['reminderSentDate', 'status'],
      ['reminderSentDate'],
      ['collectionAgency', 'status'],
      ['paidDate', 'status'],
    ]);
    expect(events.every((e) => e.subject_type === 'Invoice')).toBe(true);
  });

  it('credits an open invoice', async () => {
    const invoice = await issue();
    expect(ok(await updateInvoice(invoice.id, 'status: CREDITED')).updateInvoice.status).toBe('CREDITED');
  });

  it('moves the due date of an open invoice', async () => {
    const invoice = await issue({ issueDate: addDays(today, -5) });
    expect(ok(await updateInvoice(invoice.id, `dueDate: "${addDays(today, 30)}"`)).updateInvoice.dueDate).toBe(addDays(today, 30));
  });

  let overdue: IssuedInvoice;
  let reminded: IssuedInvoice;
  let paid: IssuedInvoice;
  let credited: IssuedInvoice;
  beforeAll(async () => {
    overdue = await issue({ issueDate: addDays(today, -60) });
    reminded = await issue({ issueDate: addDays(today, -60) });
    ok(await updateInvoice(reminded.id, `status: REMINDER_SENT, reminderSentDate: "${addDays(today, -30)}"`));
    paid = await issue();
    ok(await updateInvoice(paid.id, `status: PAID, paidDate: "${addDays(today, -2)}"`));
    credited = await issue();
    ok(await updateInvoice(credited.id, 'status: CREDITED'));
  });

  const CASES: { name: string; field: string; run: () => Promise<GraphQLResponse<unknown>>; message?: RegExp }[] = [
    { name: 'collection before a reminder', field: 'status', run: () => updateInvoice(overdue.id, 'status: IN_COLLECTION, collectionAgency: "Intrum Oy"'), message: /reminder first/ },
    { name: 'PAID without the payment date', field: 'paidDate', run: () => updateInvoice(overdue.id, 'status: PAID') },
    { name: 'a payment date in the future', field: 'paidDate', run: () => updateInvoice(overdue.id, `status: PAID, paidDate: "${addDays(today, 1)}"`) },
    { name: 'a payment date before the invoice date', field: 'paidDate', run: () => updateInvoice(overdue.id, `status: PAID, paidDate: "${addDays(today, -61)}"`) },
    { name: 'a payment date without PAID', field: 'paidDate', run: () => updateInvoice(overdue.id, `paidDate: "${addDays(today, -1)}"`), message: /status PAID/ },
    { name: 'a reminder without its date', field: 'reminderSentDate', run: () => updateInvoice(overdue.id, 'status: REMINDER_SENT') },
    { name: 'a reminder before the due date', field: 'reminderSentDate', run: () => updateInvoice(overdue.id, `status: REMINDER_SENT, reminderSentDate: "${addDays(today, -50)}"`), message: /after the due date/ },
    { name: 'a reminder date without a reminder', field: 'reminderSentDate', run: () => updateInvoice(overdue.id, `reminderSentDate: "${addDays(today, -1)}"`) },
    { name: 'an agency for an invoice not in collection', field: 'collectionAgency', run: () => updateInvoice(overdue.id, 'collectionAgency: "Intrum Oy"') },
    { name: 'collection without the agency', field: 'collectionAgency', run: () => updateInvoice(reminded.id, 'status: IN_COLLECTION') },
    { name: 'a return to OPEN', field: 'status', run: () => updateInvoice(reminded.id, 'status: OPEN'), message: /never returns to OPEN/ },
    { name: 'moving the due date after a reminder', field: 'dueDate', run: () => updateInvoice(reminded.id, `dueDate: "${addDays(today, 10)}"`) },
    { name: 'an earlier reminder than the previous one', field: 'reminderSentDate', run: () => updateInvoice(reminded.id, `reminderSentDate: "${addDays(today, -31)}"`) },
    { name: 'any change of a PAID invoice', field: 'status', run: () => updateInvoice(paid.id, 'status: CREDITED'), message: /final/ },
    { name: 'a new due date for a PAID invoice', field: 'dueDate', run: () => updateInvoice(paid.id, `dueDate: "${addDays(today, 60)}"`), message: /final/ },
    { name: 'any change of a CREDITED invoice', field: 'status', run: () => updateInvoice(credited.id, `status: PAID, paidDate: "${today}"`), message: /final/ },
    { name: 'an empty status', field: 'status', run: () => updateInvoice(overdue.id, 'status: null') },
    { name: 'an unknown status', field: 'status', run: () => updateInvoice(overdue.id, 'status: LOST') },
  ];
  for (const testCase of CASES) {
    it(`refuses ${testCase.name}`, async () => {
      const error = expectBadInput(await expectNothingWritten(testCase.run), testCase.field);
      if (testCase.message) expect(error.message).toMatch(testCase.message);
    });
  }

  it('an unknown invoice is NOT_FOUND', async () => {
    onlyError(await updateInvoice('6f9619ff-8b86-4d01-b42d-00c04fc964ff', 'status: CREDITED'), 'NOT_FOUND');
  });
});

describe('invoice lists: filters', () => {
  type Listed = { id: string; status: string; dueDate: string; referenceNumber: string; rfReference: string };
  const list = async (filter: string) => {
    const result = await billing.gql<{ allInvoices: Listed[]; _allInvoicesMeta: { count: number } }>(
      `{ allInvoices(perPage: 500, filter: { ${filter} }) { id status dueDate referenceNumber rfReference } _allInvoicesMeta(filter: { ${filter} }) { count } }`,
    );
    const data = ok(result);
    expect(data._allInvoicesMeta.count).toBe(data.allInvoices.length);
    return data.allInvoices;
  };

  it('overdue: unpaid and past due; not overdue: everything else', async () => {
    const all = await list(`customerId: "${customerId}"`);
    const overdue = await list(`customerId: "${customerId}", overdue: true`);
    const notOverdue = await list(`customerId: "${customerId}", overdue: false`);
    expect(overdue.length).toBeGreaterThan(0);
    expect(notOverdue.length).toBeGreaterThan(0);
    expect(overdue.length + notOverdue.length).toBe(all.length);
    for (const invoice of overdue) {
      expect(['OPEN', 'REMINDER_SENT', 'IN_COLLECTION']).toContain(invoice.status);
      expect(invoice.dueDate < today).toBe(true);
    }
    for (const invoice of notOverdue) expect(['PAID', 'CREDITED'].includes(invoice.status) || invoice.dueDate >= today).toBe(true);
  });

  it('due dates, status and billing account', async () => {
    const from = addDays(today, -50);
    const to = addDays(today, -10);
    const between = await list(`dueAfter: "${from}", dueBefore: "${to}"`);
    expect(between.length).toBeGreaterThan(0);
    for (const invoice of between) expect(invoice.dueDate >= from && invoice.dueDate <= to).toBe(true);
    const credited = await list('status: CREDITED');
    expect(credited.length).toBeGreaterThan(0);
    expect(credited.every((invoice) => invoice.status === 'CREDITED')).toBe(true);
    expect((await list(`billingAccountId: "${accountId}"`)).length).toBe((await list(`customerId: "${customerId}"`)).length);
  });

  it('finds an invoice by its reference number, grouped or compact, Finnish or RF', async () => {
    const invoice = await issue();
    const grouped = invoice.referenceNumber.replace(/^(\d{2})(\d{5})$/, '$1 $2');
    for (const reference of [invoice.referenceNumber, grouped, invoice.rfReference]) {
      expect((await list(`referenceNumber: "${reference}"`)).map((found) => found.id), reference).toEqual([invoice.id]);
    }
  });

  it('refuses a reference number with a wrong check digit, and due dates the wrong way round', async () => {
    const invoice = await issue();
    const wrong = `${invoice.referenceNumber.slice(0, -1)}${(Number(invoice.referenceNumber.slice(-1)) + 1) % 10}`;
    const badReference = await billing.gql(`{ allInvoices(filter: { referenceNumber: "${wrong}" }) { id } }`);
    expect(expectBadInput(badReference, 'filter.referenceNumber').message).toMatch(/check digit/);
    const badRange = await billing.gql(`{ allInvoices(filter: { dueAfter: "${today}", dueBefore: "${addDays(today, -1)}" }) { id } }`);
    expectBadInput(badRange, 'filter.dueAfter');
    const badSort = await billing.gql('{ allInvoices(sortField: "colour") { id } }');
    expectBadInput(badSort, 'sortField');
  });
});
