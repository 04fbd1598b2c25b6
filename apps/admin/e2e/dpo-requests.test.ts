/**
 * The registry liaison officer registers a data subject request for a customer: the record page
 * shows the due date one calendar month after receipt (31 January 2024 → 29 February, a leap
 * year), the list shows it highlighted as overdue, the due date is extended once with a reason,
 * and the printable access report opens with the customer's data. Other roles have no such screen.
 */
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, setUpRegister, signIn } from './support/register';

const register = setUpRegister();

describe('data subject requests (dpo)', () => {
  test('registers a request, sees its due date and the overdue highlight, extends it and opens the report', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const word = uniqueWord('Pyytaja');
    const customer = await createPrivateCustomer(service, `Raili ${word}`);

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'dpo');
    await page.goto(`${register.baseUrl}/#/dataSubjectRequests/create`);
    await page.getByTestId('input-receivedDate').fill('2024-01-31');
    const customerInput = page.getByRole('combobox', { name: /^Customer/ });
    await customerInput.click();
    await customerInput.fill(word);
    await page.getByRole('option', { name: new RegExp(word) }).click();
    await page.getByTestId('input-identityVerificationMethod').fill('Passport shown at the Helsinki office');
    await screenshot(page, 'dpo-requests-1-create');
    await page.getByTestId('dataSubjectRequests-save').click();

    await expectText(page.getByTestId('dataSubjectRequests-field-dueDate'), '29/02/2024');
    await expectText(page.getByTestId('dataSubjectRequests-field-status'), 'Identity verified');
    const url = page.url();
    const requestId = /dataSubjectRequests\/([^/]+)\/show/.exec(decodeURIComponent(url))?.[1];
    expect(requestId, url).toBeTruthy();

    // The list: open requests by due date, this one past its due date and highlighted.
    await page.goto(`${register.baseUrl}/#/dataSubjectRequests`);
    const table = page.getByTestId('dataSubjectRequests-table');
    await expectText(table, '29/02/2024');
    await expectText(table.getByTestId('dsr-overdue').first(), 'Overdue');
    await expectText(page.getByTestId('dsr-overdue-count'), /^\d+ open requests? (is|are) overdue$/);
    await screenshot(page, 'dpo-requests-2-list');

    // Extend once: at most two further months from the original due date.
    await page.goto(`${register.baseUrl}/#/dataSubjectRequests/${requestId}/show`);
    await page.getByTestId('dsr-extend').click();
    await page.getByTestId('dsr-dialog-newDueDate').fill('2024-04-30');
    await page.getByTestId('dsr-dialog-reason').fill('Many records to collect');
    await page.getByTestId('dsr-dialog-confirm').click();
    await expectText(page.getByRole('dialog'), 'at most two further months after the original due date');
    await page.getByTestId('dsr-dialog-newDueDate').fill('2024-04-29');
    await page.getByTestId('dsr-dialog-confirm').click();
    await expectText(page.getByTestId('dataSubjectRequests-field-dueDate'), '29/04/2024');
    await expectText(page.getByTestId('dataSubjectRequests-field-status'), 'Extended');
    await expectText(page.getByTestId('dataSubjectRequests-field-extensionReason'), 'Many records to collect');
    await expect.poll(() => page.getByTestId('dsr-extend').count()).toBe(0);
    await screenshot(page, 'dpo-requests-3-extended');

    // The printable report opens in a new tab, in English, with the customer's data.
    const [report] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('dsr-report-en').click()]);
    await report.waitForLoadState();
    await expectText(report.locator('h1'), 'Access report');
    await expectText(report.locator('body'), `Raili ${word}`);
    await expectText(report.locator('body'), customer.id);
    await expectText(report.locator('body'), 'Who has processed the data');
    await screenshot(report, 'dpo-requests-4-report');
    await report.close();
  });

  test('customer service has no requests screen in its menu', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    await page.goto(`${register.baseUrl}/#/dataSubjectRequests`);
    await expect.poll(() => page.getByTestId('dataSubjectRequests-table').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: /Data subject requests/ }).count()).toBe(0);
  });
});
