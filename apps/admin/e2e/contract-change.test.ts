/**
 * Customer service changes the quantity and the agreed price of a service on a contract: the
 * dialog shows the service before and after, the contract shows the change, and the customer's
 * history records it with both.
 */
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, signIn, setUpRegister } from './support/register';

const register = setUpRegister();

interface Line {
  id: string;
  quantity: number;
  monthlyPriceCents: number;
}

describe('changing a service on a contract', () => {
  test('service changes quantity and price, seeing before and after; the history records it', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const customer = await createPrivateCustomer(service, uniqueWord('Sopimus'));
    const { allServiceProducts } = await service.request<{ allServiceProducts: { id: string; monthlyPriceCents: number }[] }>(
      '{ allServiceProducts(perPage: 50, filter: { active: true }, sortField: "name") { id monthlyPriceCents } }',
    );
    const product = allServiceProducts.find((candidate) => candidate.monthlyPriceCents > 0)!;
    const today = new Date().toISOString().slice(0, 10);
    const { createContract } = await service.request<{ createContract: { id: string } }>(
      `mutation ($customerId: ID, $startDate: LocalDate, $lines: [ContractLineInput!]) {
        createContract(customerId: $customerId, status: ACTIVE, startDate: $startDate, lines: $lines) { id }
      }`,
      { customerId: customer.id, startDate: today, lines: [{ serviceProductId: product.id, quantity: 1, monthlyPriceCents: 1990 }] },
    );

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    await page.goto(`${register.baseUrl}/#/contracts/${createContract.id}/show`);
    await page.getByTestId('change-service').click();
    const quantity = page.getByTestId('change-service-quantity');
    await expect.poll(() => quantity.inputValue()).toBe('1');
    await quantity.fill('3');
    await page.getByTestId('change-service-price').fill('17,50');
    const preview = page.getByTestId('change-service-preview');
    // Before and after, side by side: 1 × 19,90 € now, 3 × 17,50 € = 52,50 € after.
    await expectText(preview, /Quantity\s+1\s+3/);
    await expectText(preview, '€19.90');
    await expectText(preview, '€17.50');
    await expectText(preview, '€52.50');
    await screenshot(page, 'contract-change-1-dialog');
    await page.getByTestId('change-service-save').click();
    await expectText(page.locator('body'), 'The service was changed');
    await expectText(page.getByTestId('contract-lines'), '€17.50');
    await screenshot(page, 'contract-change-2-saved');

    const { Contract } = await service.request<{ Contract: { lines: Line[] } }>(
      'query ($id: ID!) { Contract(id: $id) { lines { id quantity monthlyPriceCents } } }',
      { id: createContract.id },
    );
    expect(Contract.lines.map(({ quantity: q, monthlyPriceCents }) => ({ q, monthlyPriceCents }))).toEqual([{ q: 3, monthlyPriceCents: 1750 }]);
    const { allCustomerEvents } = await service.request<{ allCustomerEvents: { kind: string; before: unknown; after: unknown }[] }>(
      'query ($customerId: ID) { allCustomerEvents(filter: { customerId: $customerId }) { kind before after } }',
      { customerId: customer.id },
    );
    const changed = allCustomerEvents.find((event) => event.kind === 'SERVICE_CHANGED');
    expect(changed).toMatchObject({ before: { quantity: 1, monthlyPriceCents: 1990 }, after: { quantity: 3, monthlyPriceCents: 1750 } });
  });

  test('billing reads the contract but gets no change button', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const { allContracts } = await service.request<{ allContracts: { id: string }[] }>('{ allContracts(perPage: 1, filter: { status: ACTIVE }) { id } }');
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'billing');
    await page.goto(`${register.baseUrl}/#/contracts/${allContracts[0]!.id}/show`);
    await page.getByTestId('contract-lines').waitFor({ state: 'visible' });
    await expectText(page.getByTestId('contract-lines'), /Quantity/);
    expect(await page.getByTestId('change-service').count()).toBe(0);
  });
});
