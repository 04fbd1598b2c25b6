/**
 * The registry liaison officer's and the analyst's privacy screens: the analyst sees aggregate
 * statistics (and still no customer screen), the dpo records a disclosure to an authority from a
 * customer's page, and the registry description renders — in the app and publicly at /privacy.
 */
import { describe, expect, test } from 'vitest';
import { apiAs, createPrivateCustomer, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, setUpRegister, signIn } from './support/register';

const register = setUpRegister();

describe('privacy and statistics', () => {
  test('analyst: the statistics page with its table, and no customer screens', async () => {
    // Five customers alike in every counted attribute (Uusimaa, no date of birth, new, no service): one cell of five.
    const service = await apiAs(register.baseUrl, 'service');
    for (let index = 0; index < 5; index += 1) await createPrivateCustomer(service, `Tilasto ${uniqueWord('Henkilo')}`);

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'analyst');
    expect(await page.getByRole('menuitem', { name: 'Customers' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Statistics' }).click();
    await expectText(page.getByTestId('statistics-page'), 'No figure is ever computed over fewer than 5 people');
    await expectText(page.getByTestId('statistics-total'), /Customers counted: \d+/);

    await page.getByTestId('group-SEGMENT').click();
    await page.getByTestId('group-AGE_BAND').click();
    const table = page.getByTestId('statistics-table');
    await expectText(table, 'No date of birth');
    const row = table.locator('tr', { hasText: 'No date of birth' });
    await expect.poll(async () => Number(await row.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.locator('.MuiChartsSurface-root, svg.MuiChartsSurface-root').count()).toBeGreaterThan(0);
    await screenshot(page, 'statistics-analyst');

    await page.goto(`${register.baseUrl}/#/customers`);
    await expectText(page.locator('body'), 'Not Found');
    await page.goto(`${register.baseUrl}/#/disclosures`);
    await expectText(page.locator('body'), 'Not Found');
  });

  test('dpo: records a disclosure from a customer’s page, and it is listed there', async () => {
    const service = await apiAs(register.baseUrl, 'service');
    const customer = await createPrivateCustomer(service, `Pekka ${uniqueWord('Luovutus')}`);

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'dpo');
    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show`);
    await page.getByRole('tab', { name: 'Disclosures' }).click();
    await page.getByTestId('related-disclosures-create').click();

    await page.getByRole('textbox', { name: /Recipient \(the authority\)/ }).fill('Helsingin poliisilaitos');
    await page.getByRole('combobox', { name: /^Legal basis/ }).first().click();
    await page.getByRole('option', { name: 'Police request (Police Act)' }).click();
    await page.getByRole('textbox', { name: /Legal basis in words/ }).fill('Poliisilaki 872/2011 4 luku 3 §');
    await page.getByRole('textbox', { name: /Reference number/ }).fill('POL-2026/77');
    await page.getByRole('combobox', { name: /Data categories disclosed/ }).click();
    await page.getByRole('option', { name: 'Contact details' }).click();
    await page.keyboard.press('Escape');
    await screenshot(page, 'disclosure-form');
    await page.getByTestId('disclosures-save').click();

    await expectText(page.locator('main'), 'POL-2026/77');
    await expectText(page.locator('main'), 'Helsingin poliisilaitos');
    await screenshot(page, 'disclosure-show');

    const dpo = await apiAs(register.baseUrl, 'dpo');
    const { allDisclosures } = await dpo.request<{ allDisclosures: { subjectId: string; legalBasis: string; categories: string[] }[] }>(
      'query ($id: ID) { allDisclosures(filter: { customerId: $id }) { subjectId legalBasis categories } }',
      { id: customer.id },
    );
    expect(allDisclosures).toEqual([{ subjectId: customer.id, legalBasis: 'POLICE', categories: ['contact'] }]);

    await page.goto(`${register.baseUrl}/#/customers/${customer.id}/show/disclosures`);
    await expectText(page.getByTestId('related-disclosures'), 'Helsingin poliisilaitos');
  });

  test('the registry description renders in the app, the Art. 30 record for the dpo, and publicly at /privacy', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'dpo');
    await page.getByRole('menuitem', { name: 'Registry description' }).click();
    const description = page.getByTestId('privacy-registry-description');
    await expectText(description, '1. The controller');
    await expectText(description, 'Ristipellontie 17');
    await expectText(description, '10. Right of inspection');
    await page.getByTestId('privacy-tab-record').click();
    await expectText(page.getByTestId('privacy-record-of-processing'), 'Record of processing activities (GDPR Article 30)');
    await screenshot(page, 'privacy-record');

    const anonymous = await register.newPage();
    // No sign-in; the browser asks for English (Accept-Language), the page offers Finnish.
    await anonymous.goto(`${register.baseUrl}/privacy`);
    await expectText(anonymous.locator('h1'), 'Registry description of');
    await anonymous.getByRole('link', { name: 'Suomeksi' }).click();
    await expectText(anonymous.locator('h1'), 'Rekisteri- ja tietosuojaseloste');
    await expectText(anonymous.locator('body'), '10. Tarkastusoikeus');
    await screenshot(anonymous, 'privacy-public');
  });
});
