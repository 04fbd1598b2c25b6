/** Finnish and English: the language menu switches the whole app, and the choice is remembered. */
import { describe, expect, test } from 'vitest';
import { screenshot } from './support/browser';
import { expectText, openCustomerList, shownField, signIn, setUpRegister } from './support/register';

const register = setUpRegister();

describe('language', () => {
  test('switching to Finnish shows Finnish labels, from the data map too, and survives a reload', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Suomi' }).click();
    await expectText(page.getByTestId('dashboard-greeting'), 'Hei, Demo service');
    await expectText(page.getByTestId('dashboard-roles'), 'Asiakaspalvelu');
    await expectText(page.getByRole('menu').or(page.locator('.RaMenu-root')), 'Asiakkaat');
    await screenshot(page, 'language-5-dashboard-fi');

    await openCustomerList(page, register.baseUrl, { kind: 'PRIVATE' });
    // Column headers are the data map's Finnish labels.
    await expectText(page.locator('thead'), 'Puhelinnumero');
    await expectText(page.locator('thead'), 'Postitoimipaikka');
    await expectText(page.locator('tbody tr').first(), 'Yksityinen');
    await screenshot(page, 'language-5-list-fi');

    await page.locator('tbody tr').first().click();
    await expectText(shownField(page, 'phone'), 'Puhelinnumero');
    await expectText(shownField(page, 'kind'), 'Yksityinen');
    await expectText(page.getByTestId('identity-number-field'), 'Henkilötunnus peitettynä');
    await expectText(page.locator('body'), 'Tarkista henkilötunnus');
    await screenshot(page, 'language-5-show-fi');

    await page.reload();
    await expectText(shownField(page, 'email'), 'Sähköpostiosoite');
    expect(await page.locator('body').innerText()).not.toContain('Telephone number');
    await screenshot(page, 'language-5-reloaded-fi');
  });
});
