/**
 * Direct marketing: a prohibition takes effect at once and everywhere. Marketing sees a customer
 * only while some channel permits marketing; when it records the customer's PROHIBIT of the last
 * permitted channel, the customer leaves its view on the spot — the page says so, the list no
 * longer has the customer, and neither does the API. Marketing may record prohibitions, never
 * permits (consent is recorded by whoever talked to the customer).
 */
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, recordDecision, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, openCustomerList, setUpRegister, shownField, signIn } from './support/register';

const register = setUpRegister();

describe('marketing', () => {
  test('records a PROHIBIT of the last permitted channel, and the customer disappears from its view at once', async () => {
    // A private customer: e-mail and SMS need consent (none given), the phone is permitted by
    // default, and the customer has prohibited post. So only the phone permits marketing.
    const surname = uniqueWord('Kielto');
    const service = await apiAs(register.baseUrl, 'service');
    const customer = await createPrivateCustomer(service, `Pirkko ${surname}`);
    await recordDecision(service, customer.id, 'POST', 'PROHIBIT');

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'marketing');
    await openCustomerList(page, register.baseUrl, { q: surname });
    const row = page.locator('tbody tr').first();
    await expectText(row, customer.name);
    await expectText(row.locator('td.column-phone'), '+35840');
    await expectText(row.locator('td.column-email'), 'not permitted');
    await expectText(row.locator('td.column-city'), 'not permitted');
    await screenshot(page, 'marketing-4-list');

    await row.click();
    await expectText(shownField(page, 'phone'), '+35840');
    await page.getByRole('tab', { name: 'Marketing permits' }).click();
    await expectText(page.getByTestId('permission-PHONE'), 'Permitted');
    await expectText(page.getByTestId('permission-POST'), 'Not permitted');
    await expectText(page.getByTestId('related-marketingPermitEntries'), 'Post');
    await screenshot(page, 'marketing-4-permits');

    const form = page.getByTestId('record-decision');
    await form.getByLabel('Marketing channel').click();
    await page.getByRole('option', { name: 'Telephone' }).click();
    // Marketing records prohibitions only: a permit is not offered.
    await form.getByLabel('Permit or prohibition').click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['Prohibition']);
    await page.getByRole('option', { name: 'Prohibition' }).click();
    await form.getByRole('textbox', { name: /Evidence/ }).fill('Puhelu: asiakas kielsi puhelinmarkkinoinnin.');
    await screenshot(page, 'marketing-4-record');
    await page.getByTestId('decision-save').click();

    // In force at once: the customer is no longer marketing's to see.
    await expectText(page.locator('body'), 'no longer in your view');
    await expect.poll(() => page.url()).toMatch(/#\/customers(\?.*)?$/);
    await screenshot(page, 'marketing-4-left-view');
    await page.goto(`${register.baseUrl}/#/customers?${new URLSearchParams({ filter: JSON.stringify({ q: surname }) })}`);
    await expectText(page.locator('main'), 'No Customers found');
    expect(await page.locator('tbody tr').count()).toBe(0);
    await screenshot(page, 'marketing-4-list-after');

    const marketing = await apiAs(register.baseUrl, 'marketing');
    const { allCustomers } = await marketing.request<{ allCustomers: unknown[] }>(
      'query ($q: String) { allCustomers(filter: { q: $q }) { id } }',
      { q: surname },
    );
    expect(allCustomers).toEqual([]);
    // The ledger keeps the decision, with who recorded it (customer service still sees the customer).
    const { allMarketingPermitEntries } = await service.request<{
      allMarketingPermitEntries: { channel: string; decision: string; source: string }[];
    }>('query ($id: ID) { allMarketingPermitEntries(filter: { customerId: $id }) { channel decision source } }', {
      id: customer.id,
    });
    expect(allMarketingPermitEntries[0]).toEqual({ channel: 'PHONE', decision: 'PROHIBIT', source: 'PHONE_CALL' });
  });
});
