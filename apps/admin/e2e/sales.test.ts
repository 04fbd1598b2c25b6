/**
 * Sales: makes a quotation from the customer's page (a catalogue service, a quantity, the
 * catalogue price), sends it, converts it into an order, and the order links back to it. Sales
 * reads no identity numbers and may not change a contract's services.
 */
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, setUpRegister, signIn } from './support/register';

const register = setUpRegister();

interface Product {
  id: string;
  code: string;
  name: string;
  monthlyPriceCents: number;
}

const euros = (cents: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);

describe('sales', () => {
  test('makes a quotation on the customer page and converts it into an order', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const sales = await apiAs(register.baseUrl, 'sales');
    const customer = await createPrivateCustomer(service, `Mikko ${uniqueWord('Myynti')}`);
    const { allServiceProducts } = await sales.request<{ allServiceProducts: Product[] }>(
      '{ allServiceProducts(perPage: 50, filter: { active: true }, sortField: "name") { id code name monthlyPriceCents } }',
    );
    const product = allServiceProducts.find((candidate) => candidate.monthlyPriceCents > 0 && candidate.name.length >= 4)!;
    expect(product).toBeDefined();

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'sales');
    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show/orders`);
    await expectText(page.getByTestId('related-quotations'), 'Quotations');
    await screenshot(page, 'sales-1-customer-orders');

    await page.getByTestId('related-quotations-create').click();
    await expect.poll(() => page.url()).toMatch(/\/quotations\/create$/);
    // The customer comes with the button.
    await screenshot(page, 'sales-1-quotation-create');
    await expect
      .poll(() => page.getByRole('combobox', { name: /Customer the quotation is for/ }).inputValue(), { timeout: 20_000 })
      .toBe(customer.name);

    const serviceInput = page.getByRole('combobox', { name: 'Service offered' }).first();
    await serviceInput.click();
    await serviceInput.fill(product.name.slice(0, 4));
    await page.getByRole('option', { name: new RegExp(product.code) }).first().click();
    await page.getByRole('spinbutton', { name: 'Quantity' }).first().fill('2');
    await page.getByLabel('Quotation status').click();
    await page.getByRole('option', { name: 'Sent' }).click();
    await screenshot(page, 'sales-1-quotation-form');
    await page.getByTestId('quotations-save').click();

    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/quotations\/[0-9a-f-]+\/show$/);
    await expectText(page.getByTestId('quotations-field-status'), 'Sent');
    await expectText(page.getByTestId('quotations-field-customerId'), customer.name);
    await expectText(page.getByTestId('quotationLines'), product.name);
    await expectText(page.getByTestId('quotations-field-totalCents'), euros(2 * product.monthlyPriceCents));
    await expectText(page.getByTestId('quotations-field-preparedByName'), 'Demo sales');
    const quotationUrl = page.url();
    await screenshot(page, 'sales-1-quotation');

    await page.getByTestId('quotation-convert').click();
    await page.getByRole('textbox', { name: 'Recipient of the delivery' }).fill(customer.name);
    await screenshot(page, 'sales-1-convert');
    await page.getByTestId('quotation-convert-confirm').click();

    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/orders\/[0-9a-f-]+\/show$/);
    await expectText(page.getByTestId('orders-field-status'), 'New');
    await expectText(page.getByTestId('orders-field-recipientName'), customer.name);
    await expectText(page.getByTestId('orders-field-valueCents'), euros(2 * product.monthlyPriceCents));
    await expectText(page.getByTestId('orderLines'), product.name);
    await screenshot(page, 'sales-1-order');

    // order → quotation, and back.
    await page.getByTestId('orders-field-quotationId').getByRole('link').click();
    await expect.poll(() => page.url()).toBe(quotationUrl);
    await expectText(page.getByTestId('quotations-field-status'), 'Converted into an order');
    await expectText(page.getByText('Order made of this quotation').locator('..'), 'New');
    expect(await page.getByTestId('quotation-convert').count()).toBe(0);
    await screenshot(page, 'sales-1-converted');

    // The customer page lists both.
    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show/orders`);
    await expectText(page.getByTestId('related-quotations-table'), 'Converted into an order');
    await expectText(page.getByTestId('related-orders-table'), 'New');
    // Sales sees no identity number of the customer.
    await page.getByRole('tab', { name: 'Customer' }).click();
    expect(await page.getByTestId('identity-number-field').innerText()).toContain('masked');
    await screenshot(page, 'sales-1-customer');
  });
});
