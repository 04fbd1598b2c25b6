/**
 * Customer service: finds a customer by part of the name, changes the phone number, and enters a
 * new customer, where identity numbers are checked as they are typed and the API's own input
 * errors appear on the field they concern.
 */
import { describe, expect, test } from 'vitest';
import { screenshot } from './support/browser';
import { expectText, openCustomerList, shownField, signIn, setUpRegister } from './support/register';

const register = setUpRegister();

describe('customer service', () => {
  test('searches by part of the name, edits the phone number, and the change is stored', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    await screenshot(page, 'service-1-dashboard');

    await openCustomerList(page, register.baseUrl);
    await screenshot(page, 'service-1-list');
    const name = (await page.locator('tbody tr').nth(2).locator('td.column-name').innerText()).trim();
    const lastName = name.split(' ').at(-1)!;
    const part = lastName.slice(0, Math.min(5, lastName.length)).toLowerCase();
    expect(part.length).toBeGreaterThanOrEqual(3);

    await page.getByTestId('customer-search').fill(part);
    // The list follows the search: every row now has the typed part in its name or e-mail.
    await expect
      .poll(async () => {
        const rows = await page.locator('tbody tr').allInnerTexts();
        return rows.length > 0 && rows.every((row) => row.toLowerCase().includes(part));
      }, { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => page.url()).toContain(encodeURIComponent(part));
    await screenshot(page, 'service-1-search');

    await page.locator('tbody tr', { hasText: name }).first().click();
    await expectText(page.getByTestId('customer-field-name'), name);
    await screenshot(page, 'service-1-show');

    await page.getByRole('link', { name: 'Edit' }).click();
    const phone = page.getByTestId('input-phone');
    await phone.waitFor({ state: 'visible' });
    const digits = String(1_000_000 + Math.floor(Math.random() * 8_999_999));
    // Typed the Finnish way; the API stores it in international form.
    await phone.fill(`050 ${digits.slice(0, 3)} ${digits.slice(3)}`);
    await screenshot(page, 'service-1-edit');
    await page.getByTestId('customer-save').click();

    const stored = `+35850${digits}`;
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/customers\/[0-9a-f-]+\/show$/);
    await expectText(shownField(page, 'phone'), stored);
    await screenshot(page, 'service-1-saved');

    await page.reload();
    await expectText(shownField(page, 'name'), name);
    await expectText(shownField(page, 'phone'), stored);
    await screenshot(page, 'service-1-reloaded');
  });

  test('new customer: the identity number is checked as it is typed, and API input errors show on their field', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    await page.goto(`${register.baseUrl}/#/customers/create`);

    const pin = page.getByTestId('input-personalIdentityNumber');
    await pin.waitFor({ state: 'visible' });
    const pinField = page.locator('.ra-input-personalIdentityNumber');

    await pin.fill('1310');
    await expectText(pinField, 'must be 11 characters');
    // Right shape, wrong check character: the same parser as the API's says which one it should be.
    await pin.fill('131052-308X');
    await expectText(pinField, 'check character should be T');
    await expect(await pin.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'service-4-pin-invalid');

    await pin.fill('131052-308T');
    await expect.poll(() => pin.getAttribute('aria-invalid')).toBe('false');
    expect(await pinField.innerText()).not.toContain('check character');

    // A phone number that only the API checks: its answer appears under the phone input.
    await page.getByRole('textbox', { name: /^Name \(person or company\)/ }).fill('Testi Asiakas');
    await page.getByTestId('input-phone').fill('12345');
    await page.getByTestId('customer-save').click();
    await expectText(page.locator('.ra-input-phone'), 'must be a phone number of 7–15 digits');
    await expect(await page.getByTestId('input-phone').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/\/customers\/create$/);
    await screenshot(page, 'service-4-server-error');
  });

  test('a fresh load of the customer list asks for its first page once, as soon as the roles are known', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    const operations: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') {
        operations.push((request.postDataJSON() as { operationName?: string } | null)?.operationName ?? '?');
      }
    });
    // When React first puts anything on the page.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if ((document.getElementById('root')?.childElementCount ?? 0) > 0) {
          (window as unknown as { renderedAt: number }).renderedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    // A new document (not a hash change): the app starts from nothing, as when the address is opened.
    await page.goto('about:blank');
    await openCustomerList(page, register.baseUrl);
    await expect.poll(() => page.locator('tbody tr.RaDataTable-row').count()).toBe(25);
    // `me`, then the page: the list's own first call took the answer of the early request
    // (boot.ts). A second CustomerList here means the early request no longer matches the list's.
    expect(operations.filter((operation) => operation === 'Me' || operation === 'CustomerList')).toEqual(['Me', 'CustomerList']);
    // …and the page was asked for before React rendered anything, not after the layout and the
    // list's chunk (boot.ts holds the first render until then, at most 500 ms).
    const timing = await page.evaluate(() => ({
      renderedAt: (window as unknown as { renderedAt: number }).renderedAt,
      graphql: performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('/graphql'))
        .map((entry) => entry.startTime),
    }));
    expect(timing.graphql).toHaveLength(2);
    expect(timing.graphql[1]).toBeLessThan(timing.renderedAt);
  });
});
