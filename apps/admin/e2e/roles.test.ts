/**
 * Roles without customer access: `analyst` and `admin` get no customer screens at all (not even a
 * menu entry or a route), and say so; `admin` sees the staff users instead.
 */
import { describe, expect, test } from 'vitest';
import { screenshot } from './support/browser';
import { expectText, setUpRegister, signIn } from './support/register';

const register = setUpRegister();

describe('roles without customer access', () => {
  test('analyst: a message instead of customers, and no customer route', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'analyst');
    await expectText(page.getByTestId('no-customer-access'), 'Your roles give no access to customer data.');
    await expectText(page.getByTestId('no-customer-access'), 'Analysts see aggregate figures only');
    await expectText(page.getByTestId('dashboard-roles'), 'Analyst');
    expect(await page.getByRole('menuitem', { name: 'Customers' }).count()).toBe(0);
    await screenshot(page, 'roles-analyst-dashboard');

    await page.goto(`${register.baseUrl}/#/customers`);
    await expectText(page.locator('body'), 'Not Found');
    await expectText(page.locator('header'), 'Lesec customer register');
    expect(await page.locator('tbody tr').count()).toBe(0);
    await screenshot(page, 'roles-analyst-customers');
  });

  test('admin: no customer data, but the staff users', async () => {
    const page = await register.newPage();
    await signIn(page, register.baseUrl, 'admin');
    await expectText(page.getByTestId('no-customer-access'), 'Administrators run the system and read no customer data.');
    expect(await page.getByRole('menuitem', { name: 'Customers' }).count()).toBe(0);
    await screenshot(page, 'roles-admin-dashboard');

    await page.getByRole('menuitem', { name: 'Staff users' }).click();
    const rows = page.locator('tbody tr');
    await expectText(rows.first(), 'admin');
    await expect.poll(() => rows.count()).toBe(7);
    await expectText(page.locator('tbody'), 'Customer service');
    await screenshot(page, 'roles-admin-staff-users');
  });
});
