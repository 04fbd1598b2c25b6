import { staff } from '@register/schema';
import { print } from 'graphql';
import { describe, expect, test } from 'vitest';
import { buildQuery } from '../buildQuery';
import { ALL_QUERIES } from './allQueries';

describe('buildQuery', () => {
  test('getList: pages count from 0 in the API, short searches and unreadable filters are not sent', () => {
    const query = buildQuery(staff('marketing'), ALL_QUERIES)('GET_LIST', 'customers', {
      pagination: { page: 3, perPage: 25 },
      sort: { field: 'id', order: 'DESC' },
      filter: { q: 'ab', kind: 'PRIVATE', sourceType: 'PARTNER', city: '' },
    });
    expect(query.variables).toEqual({
      page: 2,
      perPage: 25,
      sortField: 'name',
      sortOrder: 'DESC',
      filter: { kind: 'PRIVATE' },
    });
  });

  test('getList: a search of three characters or more is sent trimmed', () => {
    const query = buildQuery(staff('service'), ALL_QUERIES)('GET_LIST', 'customers', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'city', order: 'ASC' },
      filter: { q: '  virt ' },
    });
    expect(query.variables).toMatchObject({ page: 0, sortField: 'city', filter: { q: 'virt' } });
  });

  test('getList asks for no identity number even where the role may read it', () => {
    const text = print(
      buildQuery(staff('billing'), ALL_QUERIES)('GET_LIST', 'customers', { pagination: { page: 1, perPage: 5 } }).query,
    );
    expect(text).not.toMatch(/personalIdentityNumber|dateOfBirth/);
  });

  test('getOne: the full identity number for billing, without the redundant masked one', () => {
    const text = print(buildQuery(staff('billing'), ALL_QUERIES)('GET_ONE', 'customers', { id: 'c1' }).query);
    expect(text).toMatch(/\bpersonalIdentityNumber\b/);
    expect(text).not.toMatch(/personalIdentityNumberMasked/);
    const sales = print(buildQuery(staff('sales'), ALL_QUERIES)('GET_ONE', 'customers', { id: 'c1' }).query);
    expect(sales).toMatch(/personalIdentityNumberMasked/);
    expect(sales).not.toMatch(/\bpersonalIdentityNumber\b/);
  });

  test('update sends the id and the changed writable fields only', () => {
    const query = buildQuery(staff('service'), ALL_QUERIES)('UPDATE', 'customers', {
      id: 'c1',
      data: { id: 'c1', name: 'A', phone: '+358401', createdAt: 'later' },
      previousData: { id: 'c1', name: 'A', phone: '+358400', createdAt: 'then' },
    });
    expect(query.variables).toEqual({ id: 'c1', phone: '+358401' });
  });

  test('audit events: the seq is the id, newest first by default', () => {
    const query = buildQuery(staff('dpo'), ALL_QUERIES)('GET_LIST', 'auditEvents', {
      pagination: { page: 1, perPage: 50 },
      sort: { field: 'seq', order: 'DESC' },
      filter: { subjectId: ' c1 ' },
    });
    expect(query.variables).toEqual({ page: 0, perPage: 50, sortField: 'seq', sortOrder: 'DESC', filter: { subjectId: 'c1' } });
    const parsed = query.parseResponse({
      data: { items: [{ seq: '7', action: 'read' }], total: { count: 1 } },
      loading: false,
      networkStatus: 7,
    } as never);
    expect(parsed).toEqual({ data: [{ seq: '7', action: 'read', id: '7' }], total: 1 });
  });

  test("getManyReference: the related records of one customer (a customer page's tab)", () => {
    const query = buildQuery(staff('billing'), ALL_QUERIES)('GET_MANY_REFERENCE', 'invoices', {
      target: 'customerId',
      id: 'c1',
      pagination: { page: 2, perPage: 10 },
      sort: { field: 'dueDate', order: 'ASC' },
      filter: { status: 'OPEN' },
    });
    expect(query.variables).toEqual({
      page: 1,
      perPage: 10,
      sortField: 'dueDate',
      sortOrder: 'ASC',
      filter: { status: 'OPEN', customerId: 'c1' },
    });
  });

  test('filter values as the API wants them: booleans, compact reference numbers, whole numbers', () => {
    const invoices = buildQuery(staff('billing'), ALL_QUERIES)('GET_LIST', 'invoices', {
      filter: { overdue: 'true', referenceNumber: ' 10 03475 ', dueAfter: '' },
    });
    expect(invoices.variables).toMatchObject({ filter: { overdue: true, referenceNumber: '1003475' } });
    const orders = buildQuery(staff('sales'), ALL_QUERIES)('GET_LIST', 'orders', { filter: { orderNumber: '100012', open: false } });
    expect(orders.variables).toMatchObject({ filter: { orderNumber: 100012, open: false } });
  });

  test('getMany without a document of its own: the list by ids', () => {
    const query = buildQuery(staff('sales'), ALL_QUERIES)('GET_MANY', 'serviceProducts', { ids: ['s1', 's2'] });
    expect(query.variables).toEqual({ page: 0, perPage: 2, filter: { ids: ['s1', 's2'] } });
  });

  test('create: lines as the API takes them, and only fields the role may set (sales opens a draft)', () => {
    const query = buildQuery(staff('sales'), ALL_QUERIES)('CREATE', 'contracts', {
      data: {
        customerId: 'c1',
        status: 'ACTIVE',
        startDate: '2026-12-01',
        lines: [{ serviceProductId: 's1', quantity: 2, monthlyPriceCents: null, id: 'stale' }],
      },
    });
    expect(query.variables).toEqual({
      customerId: 'c1',
      startDate: '2026-12-01',
      lines: [{ serviceProductId: 's1', quantity: 2 }],
    });
  });

  test('update: unchanged lines are not sent (a quotation that is no longer a draft refuses them)', () => {
    const line = { id: 'l1', lineNumber: 1, serviceProductId: 's1', equipmentModelId: null, quantity: 1, unitPriceCents: 990, totalCents: 990 };
    const query = buildQuery(staff('sales'), ALL_QUERIES)('UPDATE', 'quotations', {
      id: 'q1',
      data: { id: 'q1', status: 'SENT', lines: [line] },
      previousData: { id: 'q1', status: 'DRAFT', lines: [line] },
    });
    expect(query.variables).toEqual({ id: 'q1', status: 'SENT' });
  });

  test('types outside the data map follow the API operation rule: the catalogue is written by sales and admin', () => {
    const data = { code: 'MOB-1', name: 'Mobiili', kind: 'MOBILE', monthlyPriceCents: 1990, oneOffPriceCents: 0, active: true };
    expect(buildQuery(staff('sales'), ALL_QUERIES)('CREATE', 'serviceProducts', { data }).variables).toEqual(data);
    expect(buildQuery(staff('service'), ALL_QUERIES)('CREATE', 'serviceProducts', { data }).variables).toEqual({});
  });

  test('a customer contact is recorded by the roles of its operation rule', () => {
    const data = { customerId: 'c1', channel: 'PHONE', summary: 'Soitti laskusta', kind: 'ORDER' };
    expect(buildQuery(staff('service'), ALL_QUERIES)('CREATE', 'customerEvents', { data }).variables).toEqual({
      customerId: 'c1',
      channel: 'PHONE',
      summary: 'Soitti laskusta',
    });
  });
});
