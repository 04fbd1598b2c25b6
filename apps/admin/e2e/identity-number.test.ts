/**
 * The personal identity number by role: billing reads it in full (and can verify one), marketing
 * sees neither the number nor the masked one, nor the date of birth, and its browser never even
 * asks the API for them.
 */
import type { Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { screenshot } from './support/browser';
import { expectText, openCustomerList, setUpRegister, shownField, signIn, signOut } from './support/register';

const register = setUpRegister();

const FULL_PIN = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/;
const ANY_PIN = /\b\d{6}[-+A-FU-Y](\d{3}[0-9A-Y]|\*{4})/;

describe('personal identity number', () => {
  test('billing sees the full identity number of a private customer and can verify it', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'billing');
    await openCustomerList(page, register.baseUrl, { kind: 'PRIVATE' });
    await screenshot(page, 'billing-2-list');

    await page.locator('tbody tr').first().click();
    const value = page.getByTestId('customer-identity-number');
    await value.waitFor({ state: 'visible' });
    await expectText(shownField(page, 'kind'), 'Private');
    await expectText(page.getByTestId('identity-number-field'), 'Personal identity number');
    const pin = (await value.innerText()).trim();
    expect(pin).toMatch(FULL_PIN);
    expect(await page.getByTestId('identity-number-field').innerText()).not.toContain('masked');
    await screenshot(page, 'billing-2-show');

    await page.getByTestId('verify-identity-number-input').fill(pin);
    await page.getByTestId('verify-identity-number-submit').click();
    await expectText(page.getByTestId('verify-identity-number-result'), 'The number matches this customer.');
    await screenshot(page, 'billing-2-verified');
  });

  test('marketing sees no identity number, masked or full, and no date of birth', async () => {
    const page = await register.newPage();
    // First billing, in the same page: the app must not reuse billing's field set after sign-out.
    await signIn(page, register.baseUrl, 'billing');
    await openCustomerList(page, register.baseUrl, { kind: 'PRIVATE' });
    await page.locator('tbody tr').first().click();
    await page.getByTestId('customer-identity-number').waitFor({ state: 'visible' });
    await signOut(page);

    const graphqlBodies: string[] = [];
    page.on('request', (request: Request) => {
      if (request.url().endsWith('/graphql')) graphqlBodies.push(request.postData() ?? '');
    });
    await signIn(page, register.baseUrl, 'marketing');
    await openCustomerList(page, register.baseUrl, { kind: 'PRIVATE' });
    await screenshot(page, 'marketing-3-list');

    await page.locator('tbody tr').first().click();
    await expectText(shownField(page, 'kind'), 'Private');
    await expectText(shownField(page, 'email'), '@');
    await screenshot(page, 'marketing-3-show');

    expect(await page.getByTestId('customer-identity-number').count()).toBe(0);
    expect(await page.getByTestId('identity-number-field').count()).toBe(0);
    expect(await shownField(page, 'dateOfBirth').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/identity number/i);
    expect(text).not.toMatch(/date of birth/i);
    expect(text).not.toMatch(ANY_PIN);
    // Nor any editing: marketing may change nothing.
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);

    // The pruned queries never asked for what marketing may not read.
    const customerQueries = graphqlBodies.filter((body) => body.includes('CustomerFields'));
    expect(customerQueries.length).toBeGreaterThan(0);
    for (const body of customerQueries) {
      expect(body).not.toContain('personalIdentityNumber');
      expect(body).not.toContain('dateOfBirth');
      expect(body).not.toContain('sourceType');
    }
  });
});
