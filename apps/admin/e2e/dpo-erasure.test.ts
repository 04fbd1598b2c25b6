/**
 * The registry liaison officer erases a customer: the customer page's erasure plan shows what
 * happens to every record (the invoice kept under the Accounting Act's hold, with its end date),
 * the erase button asks for confirmation and executes exactly that plan, and the customer is left
 * as "Erased customer". The retention screen shows a dry run and the runs so far. Other roles
 * have neither the tab nor the screen.
 */
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, setUpRegister, signIn } from './support/register';

const register = setUpRegister();

describe('erasure and retention (dpo)', () => {
  test('reviews the erasure plan, erases, and sees the held invoice kept until the hold ends', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const billing = await apiAs(register.baseUrl, 'billing');
    const dpoApi = await apiAs(register.baseUrl, 'dpo');
    const customer = await createPrivateCustomer(service, `Eero ${uniqueWord('Poisto')}`);
    const { createBillingAccount: account } = await billing.request<{ createBillingAccount: { id: string } }>(
      `mutation ($customerId: ID) { createBillingAccount(customerId: $customerId, method: EMAIL, invoiceEmail: "poisto@example.fi") { id } }`,
      { customerId: customer.id },
    );
    const issued = new Date().toISOString().slice(0, 10);
    await billing.request(
      `mutation ($account: ID, $issued: LocalDate, $due: LocalDate) {
        createInvoice(billingAccountId: $account, issueDate: $issued, dueDate: $due, netAmountCents: 1000, vatAmountCents: 255) { id }
      }`,
      { account: account.id, issued, due: issued },
    );
    const holdEnds = `${Number(issued.slice(0, 4)) + 6}`;

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'dpo');
    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show`);
    await page.getByTestId('customer-tab-erasure').click();
    const plan = page.getByTestId('erasure-plan');
    await expectText(page.getByTestId('erasure-counts'), '1 kept under a hold');
    await expectText(page.getByTestId('erasure-held-until'), holdEnds);
    const invoices = page.getByTestId('erasure-type-Invoice');
    await invoices.click();
    await expectText(invoices, 'Keep under hold');
    await expectText(invoices, 'Accounting Act (1336/1997)');
    await expectText(page.getByTestId('erasure-type-Customer'), 'Anonymise');
    await screenshot(page, 'dpo-erasure-1-plan');

    await page.getByTestId('erasure-erase').click();
    await expectText(page.getByRole('dialog'), 'This cannot be undone');
    await screenshot(page, 'dpo-erasure-2-confirm');
    await page.getByTestId('erasure-confirm').click();
    await expectText(page.getByTestId('erasure-result'), `kept under a legal hold until`);
    await expectText(page.getByTestId('erasure-already'), 'has been erased');
    await expect.poll(() => page.getByTestId('erasure-erase').isDisabled()).toBe(true);
    await expectText(plan, holdEnds);
    await screenshot(page, 'dpo-erasure-3-done');

    const { Customer: erased } = await dpoApi.request<{ Customer: { name: string; status: string; email: string | null } }>(
      'query ($id: ID!) { Customer(id: $id) { name status email } }',
      { id: customer.id },
    );
    expect(erased).toEqual({ name: 'Erased customer', status: 'ERASED', email: null });
    // The customer page says so too.
    await page.getByTestId('customer-tab-customer').click();
    await expectText(page.getByTestId('customer-field-status'), 'Erased');

    // The retention screen: a dry run changes nothing and says what a run would do.
    await page.goto(`${register.baseUrl}/#/retentionRuns`);
    await page.getByTestId('retention-dry-run').click();
    await expectText(page.getByTestId('retention-report-summary'), 'customers would be erased');
    await expectText(page.getByTestId('retention-report'), 'A dry run changes nothing');
    await screenshot(page, 'dpo-erasure-4-retention');
  });

  test('customer service has no erasure tab and no retention screen', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const customer = await createPrivateCustomer(service, `Sanni ${uniqueWord('Palvelu')}`);
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show`);
    await page.getByTestId('customer-tab-contracts').waitFor({ state: 'visible' });
    expect(await page.getByTestId('customer-tab-erasure').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Retention' }).count()).toBe(0);
  });
});
