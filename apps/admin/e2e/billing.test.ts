/**
 * Billing and collection: an overdue invoice is found from the dashboard, a payment reminder is
 * sent and then the payment is recorded — the status changes on the page and in the register.
 * Amounts are shown in euros (the API keeps cents), the reference number in groups of five.
 */
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, setUpRegister, signIn } from './support/register';

const register = setUpRegister();

const isoDay = (daysFromToday: number) => {
  const date = new Date();
  date.setDate(date.getDate() + daysFromToday);
  return date.toISOString().slice(0, 10);
};

describe('billing', () => {
  test('sends a reminder of an overdue invoice, then marks it paid', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const billing = await apiAs(register.baseUrl, 'billing');
    const customer = await createPrivateCustomer(service, `Laura ${uniqueWord('Lasku')}`);
    const { createBillingAccount: account } = await billing.request<{ createBillingAccount: { id: string } }>(
      `mutation ($customerId: ID) {
        createBillingAccount(customerId: $customerId, method: EMAIL, invoiceEmail: "laskut@example.fi") { id }
      }`,
      { customerId: customer.id },
    );
    const { createInvoice: invoice } = await billing.request<{
      createInvoice: { id: string; invoiceNumber: number; referenceNumber: string; totalAmountCents: number };
    }>(
      `mutation ($account: ID, $issued: LocalDate, $due: LocalDate) {
        createInvoice(billingAccountId: $account, issueDate: $issued, dueDate: $due, netAmountCents: 10000, vatAmountCents: 2550) {
          id invoiceNumber referenceNumber totalAmountCents
        }
      }`,
      { account: account.id, issued: isoDay(-30), due: isoDay(-16) },
    );
    expect(invoice.totalAmountCents).toBe(12550);

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'billing');
    await screenshot(page, 'billing-1-dashboard');
    await page.getByRole('link', { name: 'Overdue invoices' }).click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain('"overdue":true');
    await page.locator('tbody tr').first().waitFor({ state: 'visible' });
    await screenshot(page, 'billing-1-overdue');

    // A reference number is checked as it is typed (weights 7, 3, 1), like the API does.
    const referenceFilter = page.getByTestId('filter-referenceNumber');
    if ((await referenceFilter.count()) === 0) {
      await page.getByRole('button', { name: 'Add filter' }).click();
      await page.getByRole('menuitemcheckbox', { name: 'Reference number (viitenumero)' }).click();
    }
    await referenceFilter.fill(`${invoice.referenceNumber.slice(0, -1)}${(Number(invoice.referenceNumber.at(-1)) + 1) % 10}`);
    await expectText(page.locator('.ra-input-referenceNumber'), 'check digit');
    await referenceFilter.fill(invoice.referenceNumber);
    const row = page.locator('tbody tr', { hasText: customer.name });
    await expectText(row, '€125.50');
    await expectText(row, 'Open');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'billing-1-found');

    await row.click();
    await expectText(page.getByTestId('invoices-field-status'), 'Open');
    await expectText(page.getByTestId('invoices-field-totalAmountCents'), '€125.50');
    await expectText(page.getByTestId('invoices-field-netAmountCents'), '€100.00');
    // Printed in groups of five from the right, as on a Finnish invoice.
    expect((await page.getByTestId('invoices-field-referenceNumber').innerText()).replace(/\s+/g, '')).toContain(
      invoice.referenceNumber,
    );
    expect(await page.getByTestId('invoices-field-referenceNumber').innerText()).toMatch(/\d \d/);
    await screenshot(page, 'billing-1-invoice');

    await page.getByTestId('invoice-action-REMINDER_SENT').click();
    await expectText(page.getByTestId('invoices-field-status'), 'Reminder sent');
    await expectText(page.getByTestId('invoices-field-reminderSentDate'), '/');
    await screenshot(page, 'billing-1-reminded');

    await page.getByTestId('invoice-action-PAID').click();
    await expectText(page.getByTestId('invoices-field-status'), 'Paid');
    await expectText(page.getByTestId('invoices-field-paidDate'), '/');
    // Paid is final: no more payment actions.
    await expect.poll(() => page.locator('[data-testid^="invoice-action-"]').count()).toBe(0);
    await screenshot(page, 'billing-1-paid');

    const { Invoice: stored } = await billing.request<{ Invoice: { status: string; paidDate: string; reminderSentDate: string } }>(
      'query ($id: ID!) { Invoice(id: $id) { status paidDate reminderSentDate } }',
      { id: invoice.id },
    );
    expect(stored).toMatchObject({ status: 'PAID', paidDate: isoDay(0), reminderSentDate: isoDay(0) });

    // And the customer's billing tab shows it paid too.
    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show/billing`);
    await expectText(page.getByTestId('related-invoices-table'), 'Paid');
    await expectText(page.getByTestId('related-billingAccounts-table'), 'laskut@example.fi');
    await screenshot(page, 'billing-1-customer-billing');
  });
});
