/**
 * The personal identity number by role: billing reads it in full (and can verify one), marketing
 * sees neither the number nor the masked one, nor the date of birth, and its browser never even
 * asks the API for them. Marketing sees a customer only while some channel permits marketing, and
 * each contact field only while its own channel does (e-mail; phone for SMS or phone; the address
 * for post).
 */
import type { Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, MARKETING_CHANNELS, recordDecision, uniqueWord } from './support/api';
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

  test('marketing sees no identity number or date of birth, and only the contact data of permitted channels', async () => {
    // Two customers of one (unique) surname: the first permits e-mail and post, not the phone or
    // SMS; the second has prohibited every channel and so is no marketing customer at all.
    const surname = uniqueWord('Markki');
    const service = await apiAs(register.baseUrl, 'service');
    const permitted = await createPrivateCustomer(service, `Eeva ${surname}`);
    const prohibited = await createPrivateCustomer(service, `Olli ${surname}`);
    await recordDecision(service, permitted.id, 'EMAIL', 'PERMIT');
    await recordDecision(service, permitted.id, 'PHONE', 'PROHIBIT');
    for (const channel of MARKETING_CHANNELS) await recordDecision(service, prohibited.id, channel, 'PROHIBIT');

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
    await openCustomerList(page, register.baseUrl, { q: surname });
    // Only the customer who permits some channel is listed; the other is not there at all.
    const rows = page.locator('tbody tr');
    await expectText(rows.first(), permitted.name);
    expect(await rows.count()).toBe(1);
    expect(await page.locator('tbody').innerText()).not.toContain(prohibited.name);
    // The row shows e-mail and post office; the phone (no SMS or phone marketing) says why it is empty.
    await expectText(rows.first(), '@example.fi');
    await expectText(rows.first(), 'HELSINKI');
    await expectText(rows.first().locator('td.column-phone'), 'not permitted');
    await screenshot(page, 'marketing-3-list');

    await rows.first().click();
    await expectText(shownField(page, 'kind'), 'Private');
    await expectText(shownField(page, 'email'), '@example.fi');
    await expectText(shownField(page, 'streetAddress'), 'Testikatu 1');
    await expectText(shownField(page, 'phone'), 'Not shown');
    await screenshot(page, 'marketing-3-show');

    expect(await page.getByTestId('customer-identity-number').count()).toBe(0);
    expect(await page.getByTestId('identity-number-field').count()).toBe(0);
    expect(await shownField(page, 'dateOfBirth').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/identity number/i);
    expect(text).not.toMatch(/date of birth/i);
    expect(text).not.toMatch(ANY_PIN);
    expect(text).not.toContain('+35840');
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
