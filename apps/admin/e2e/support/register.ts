/**
 * One register per test file: a fresh database, the real API serving the built admin app, and a
 * real headless Chromium. Everything is torn down (server killed, database dropped) afterwards.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, type Browser } from './browser';
import { createTestDatabase, type TestDatabase } from './database';
import { DEMO_PASSWORD, startApi, type RunningApi } from './server';

export interface Register {
  readonly baseUrl: string;
  /** A new page in a fresh browser context, i.e. with no session cookie. */
  newPage(): Promise<Page>;
}

export function setUpRegister(): Register {
  let database: TestDatabase | undefined;
  let api: RunningApi | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(database.url);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await api?.stop();
    await database?.drop();
  });

  return {
    get baseUrl() {
      if (!api) throw new Error('the API is not running');
      return api.baseUrl;
    },
    async newPage() {
      if (!browser) throw new Error('the browser is not running');
      await browser.context.clearCookies();
      for (const page of browser.context.pages()) await page.close();
      const page = await browser.context.newPage();
      // A fresh start for the app's own storage too (language choice, list settings).
      await page.goto(`${api!.baseUrl}/readyz`);
      await page.evaluate(() => window.localStorage.clear());
      return page;
    },
  };
}

/** Signs in through the real sign-in page and waits for the dashboard's greeting. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectText(page.getByTestId('dashboard-greeting'), `Hello, Demo ${username}`);
}

/** Signs out through the user menu and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'visible' });
}

/** Waits (up to the default timeout) until the element's visible text contains `expected`. */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = 20_000) {
  await locator.first().waitFor({ state: 'visible', timeout });
  const matcher = expect.poll(() => locator.first().innerText(), { timeout, interval: 200 });
  if (typeof expected === 'string') await matcher.toContain(expected);
  else await matcher.toMatch(expected);
}

/** Opens the customer list, optionally filtered (as the list's URL carries it). */
export async function openCustomerList(page: Page, baseUrl: string, filter?: Record<string, string>) {
  const query = filter ? `?${new URLSearchParams({ filter: JSON.stringify(filter) })}` : '';
  await page.goto(`${baseUrl}/#/customers${query}`);
  await page.locator('tbody tr').first().waitFor({ state: 'visible' });
}

/** A field on a customer's page: its label and its value. */
export function shownField(page: Page, field: string): Locator {
  return page.getByTestId(`customer-field-${field}`);
}
