/**
 * A customer's page on tabs: customer service opens every tab it may read and records a customer
 * contact, which appears on the history timeline at once; the registry liaison officer (dpo) also
 * gets the audit log of that customer, as a tab and as a link to the whole log.
 */
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, setUpRegister, shownField, signIn } from './support/register';

const register = setUpRegister();

const SERVICE_TABS = ['Contracts and SIM cards', 'Orders and quotations', 'History', 'Billing', 'Marketing permits', 'Feedback', 'Figures'];

describe("a customer's page", () => {
  test('customer service opens every tab and records a customer contact on the timeline', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const customer = await createPrivateCustomer(service, `Tiina ${uniqueWord('Tabu')}`);

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show`);
    await expectText(shownField(page, 'name'), customer.name);
    // Tab labels are upper-cased by CSS only: their text is as translated.
    await expect.poll(() => page.getByRole('tab').allTextContents()).toEqual(['Customer', ...SERVICE_TABS]);
    await screenshot(page, 'customer-page-1-customer');

    await page.getByRole('tab', { name: 'Contracts and SIM cards' }).click();
    await expectText(page.getByTestId('related-contracts'), 'Contracts');
    await expectText(page.getByTestId('related-simCards'), 'SIM cards');
    await screenshot(page, 'customer-page-1-contracts');

    await page.getByRole('tab', { name: 'Orders and quotations' }).click();
    await expectText(page.getByTestId('related-quotations'), 'Quotations');
    await expectText(page.getByTestId('related-orders'), 'Orders');
    await screenshot(page, 'customer-page-1-orders');

    await page.getByRole('tab', { name: 'Billing' }).click();
    await expectText(page.getByTestId('related-billingAccounts'), 'Billing accounts');
    await expectText(page.getByTestId('related-invoices'), 'Invoices');
    await screenshot(page, 'customer-page-1-billing');

    await page.getByRole('tab', { name: 'Marketing permits' }).click();
    // A private customer who decided nothing: the law's defaults (consent first for electronic channels).
    await expectText(page.getByTestId('permission-EMAIL'), 'Not permitted');
    await expectText(page.getByTestId('permission-POST'), 'Permitted');
    await expectText(page.getByTestId('permission-POST'), 'By default');
    await screenshot(page, 'customer-page-1-marketing');

    await page.getByRole('tab', { name: 'Feedback' }).click();
    await expectText(page.getByTestId('related-feedback'), 'Feedback');
    await page.getByRole('tab', { name: 'Figures' }).click();
    await expectText(page.getByTestId('customer-figures'), 'Active services');
    await expectText(page.getByTestId('customer-figures'), 'New');
    await screenshot(page, 'customer-page-1-figures');

    await page.getByRole('tab', { name: 'History' }).click();
    await expectText(page.getByTestId('timeline-empty'), 'No events yet.');
    const summary = `Asiakas kysyi laskun eräpäivästä (${uniqueWord('ref')}).`;
    await page.getByTestId('record-contact').getByLabel('Contact channel').click();
    await page.getByRole('option', { name: 'E-mail' }).click();
    await page.getByTestId('contact-summary').fill(summary);
    await screenshot(page, 'customer-page-1-history-form');
    await page.getByTestId('contact-save').click();

    const first = page.getByTestId('timeline-event').first();
    await expectText(first, summary);
    await expectText(first, 'Customer contact · E-mail');
    await expect.poll(() => page.url()).toMatch(/\/customers\/[0-9a-f-]+\/show\/history$/);
    await screenshot(page, 'customer-page-1-history');

    // It is in the register, not only on the screen.
    const { allCustomerEvents } = await service.request<{ allCustomerEvents: { summary: string; channel: string }[] }>(
      'query ($id: ID) { allCustomerEvents(filter: { customerId: $id, kind: CONTACT }) { summary channel } }',
      { id: customer.id },
    );
    expect(allCustomerEvents).toEqual([{ summary, channel: 'EMAIL' }]);
  });

  test('the dpo sees who read the customer: an audit tab, and a link to the audit log', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const customer = await createPrivateCustomer(service, `Kalle ${uniqueWord('Audi')}`);

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'dpo');
    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show`);
    await expectText(shownField(page, 'name'), customer.name);
    await screenshot(page, 'customer-page-2-dpo-customer');

    await page.getByRole('tab', { name: 'Audit log' }).click();
    const audit = page.getByTestId('related-auditEvents-table');
    // Customer service created the record; the dpo's own read of the page is there too.
    await expectText(audit, 'create');
    await expectText(audit, 'read');
    await screenshot(page, 'customer-page-2-dpo-audit-tab');

    await page.getByTestId('customer-audit-events').click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain(`"subjectId":"${customer.id}"`);
    await expectText(page.locator('tbody'), customer.id);
    const subjects = await page.locator('tbody td.column-subjectId').allInnerTexts();
    expect(subjects.length).toBeGreaterThan(0);
    expect(new Set(subjects.map((text) => text.trim()))).toEqual(new Set([customer.id]));
    await screenshot(page, 'customer-page-2-dpo-audit-log');
  });
});
