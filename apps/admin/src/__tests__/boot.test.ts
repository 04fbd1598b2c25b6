/**
 * The customer list's first page is asked for while the app starts (issue 5: no request waterfall
 * before the first rows): `me`, then at once the page, before React renders; the list's own first
 * call takes that answer instead of asking again, and nothing else does.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

vi.mock('../customers/screens', () => ({ CustomerList: { preload: vi.fn(() => Promise.resolve()) } }));

const ME = { __typename: 'Me', id: 'u1', kind: 'staff', name: 'service', displayName: 'Service', roles: ['service'], scopes: [] };
const ROW = { __typename: 'Customer', id: 'c1', kind: 'PRIVATE', name: 'Aalto Aino' };

/** The first page as react-admin's list asks for it (CustomerList: by name, 25 rows, no filter). */
const FIRST_PAGE = { pagination: { page: 1, perPage: 25 }, sort: { field: 'name', order: 'ASC' as const }, filter: {} };

let operations: string[];
let me: typeof ME | null;

beforeEach(() => {
  vi.resetModules();
  operations = [];
  me = ME;
  vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
    const { operationName } = JSON.parse(init.body) as { operationName: string };
    operations.push(operationName);
    const data = operationName === 'Me' ? { me } : { items: [ROW], total: { __typename: 'ListMetadata', count: 1 } };
    return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function load() {
  // Transformed ahead, so that loading the list's query takes no longer here than in a browser.
  await import('../customers/query');
  const { startEarly } = await import('../boot');
  const { dataProvider } = await import('../dataProvider');
  const { CustomerList } = await import('../customers/screens');
  return { startEarly, dataProvider, CustomerList };
}

describe('early start', () => {
  test('on the customer list: its screen loads and its first page is asked for before the first render', async () => {
    const { startEarly, dataProvider, CustomerList } = await load();
    await startEarly('#/customers');
    expect(CustomerList.preload).toHaveBeenCalled();
    expect(operations).toEqual(['Me', 'CustomerList']);

    // The list's own first call takes the early answer…
    const first = await dataProvider.getList('customers', { ...FIRST_PAGE, signal: new AbortController().signal });
    expect(first).toEqual({ data: [ROW], total: 1 });
    expect(operations).toEqual(['Me', 'CustomerList']);
    // …once: a refresh asks the API again.
    await dataProvider.getList('customers', FIRST_PAGE);
    expect(operations).toEqual(['Me', 'CustomerList', 'CustomerList']);
  });

  test('another page, sort or filter is asked for by the list itself', async () => {
    const { startEarly, dataProvider } = await load();
    await startEarly('#/customers');
    await dataProvider.getList('customers', { ...FIRST_PAGE, sort: { field: 'city', order: 'ASC' } });
    expect(operations).toEqual(['Me', 'CustomerList', 'CustomerList']);
  });

  test('an early answer is not given to another session', async () => {
    const { startEarly, dataProvider } = await load();
    await startEarly('#/customers');
    const { setMe } = await import('../access/session');
    setMe({ ...ME, id: 'u2', name: 'sales', roles: ['sales'] });
    await dataProvider.getList('customers', FIRST_PAGE);
    expect(operations).toEqual(['Me', 'CustomerList', 'CustomerList']);
  });

  test('nothing but `me` elsewhere, signed out, or for roles that list no customers', async () => {
    let app = await load();
    await app.startEarly('#/customers?filter=%7B%22q%22%3A%22aal%22%7D');
    expect(operations).toEqual(['Me']);
    expect(app.CustomerList.preload).not.toHaveBeenCalled();

    vi.resetModules();
    operations = [];
    me = null;
    app = await load();
    await app.startEarly('#/customers');
    expect(operations).toEqual(['Me']);

    vi.resetModules();
    operations = [];
    me = { ...ME, roles: ['analyst'] };
    app = await load();
    await app.startEarly('#/customers');
    expect(operations).toEqual(['Me']);
  });
});
