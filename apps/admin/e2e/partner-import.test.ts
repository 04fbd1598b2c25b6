/**
 * Customer service imports customers from a partner register: chooses the CSV file, watches the
 * progress bar, sees the totals and the rows that were not written (row, column, why — never the
 * value), and finds the valid customers in the register with the partner as their source.
 */
import { describe, expect, test } from 'vitest';
import { apiAs, uniqueWord } from './support/api';
import { screenshot } from './support/browser';
import { expectText, signIn, setUpRegister } from './support/register';

const register = setUpRegister();

describe('partner-register import', () => {
  test('service uploads a file, sees it through to the end, and reads the row errors', async () => {
    const word = uniqueWord('Tuonti');
    const names = [`${word} Yksi`, `${word} Kaksi`, `${word} Virhe`];
    const csv = [
      'kind;name;email;postalCode',
      `PRIVATE;${names[0]};yksi@example.fi;00100`,
      `PRIVATE;${names[1]};;33100`,
      `PRIVATE;${names[2]};ei-osoite;123`,
    ].join('\n');

    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    await page.getByRole('menuitem', { name: 'Partner imports' }).click();
    await expectText(page.locator('#new-import-title'), 'Import customers from a partner register');
    await screenshot(page, 'import-1-form');

    await page.getByTestId('import-partner').fill('Kumppanirekisteri Oy');
    await page.getByTestId('import-file').setInputFiles({ name: 'kumppani.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expectText(page.getByTestId('import-file-name'), 'kumppani.csv');
    // A dry run is the default; this time the rows are written.
    await page.getByTestId('import-dry-run').locator('input').uncheck();
    await page.getByTestId('import-start').click();

    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/importRuns\/[0-9a-f-]+\/show$/);
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.getAttribute('data-value'), { timeout: 20_000 }).toBe('100');
    await expectText(page.getByTestId('import-status'), 'Completed');
    await expectText(page.getByTestId('import-progress-text'), '3 / 3 rows handled');
    await expectText(page.getByTestId('import-importedRows'), '2');
    await expectText(page.getByTestId('import-invalidRows'), '1');
    const errors = page.getByTestId('import-row-errors');
    await expectText(errors, 'must be an e-mail address');
    const rows = await errors.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.startsWith('4'))).toBe(true);
    expect(rows.join('\n')).toContain('E-mail');
    expect(rows.join('\n')).not.toContain('ei-osoite');
    await screenshot(page, 'import-2-done');

    // The valid rows are customers now, with the partner register as their source; the invalid one is not.
    const dpo = await apiAs(register.baseUrl, 'dpo');
    const { allCustomers } = await dpo.request<{ allCustomers: { name: string; sourceType: string; sourcePartner: string }[] }>(
      `query ($q: String) { allCustomers(filter: { q: $q }, perPage: 10, sortField: "name") { name sourceType sourcePartner } }`,
      { q: word.toLowerCase() },
    );
    expect(allCustomers).toEqual([
      { name: names[1], sourceType: 'PARTNER', sourcePartner: 'Kumppanirekisteri Oy' },
      { name: names[0], sourceType: 'PARTNER', sourcePartner: 'Kumppanirekisteri Oy' },
    ]);

    // The import is listed with the earlier ones.
    await page.getByText('All imports').click();
    await expectText(page.getByTestId('import-runs'), 'Kumppanirekisteri Oy');
    await screenshot(page, 'import-3-list');
  });

  test('a file whose header is wrong is refused at once with the columns named; sales has no import screen', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'service');
    await page.goto(`${register.baseUrl}/#/importRuns`);
    await page.getByTestId('import-partner').fill('Kumppani');
    await page.getByTestId('import-file').setInputFiles({ name: 'huono.csv', mimeType: 'text/csv', buffer: Buffer.from('nimi,osoite\nX,Y\n') });
    await page.getByTestId('import-start').click();
    await expectText(page.getByTestId('import-error'), 'unknown columns "nimi", "osoite"');
    await screenshot(page, 'import-4-header-error');

    const sales = await register.newPage();
    await signIn(sales, register.baseUrl, 'sales');
    await sales.getByRole('menuitem', { name: 'Customers' }).waitFor({ state: 'visible' });
    expect(await sales.getByRole('menuitem', { name: 'Partner imports' }).count()).toBe(0);
  });
});
