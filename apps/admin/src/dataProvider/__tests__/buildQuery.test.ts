import { staff } from '@register/schema';
import { print } from 'graphql';
import { describe, expect, test } from 'vitest';
import { buildQuery } from '../buildQuery';

describe('buildQuery', () => {
  test('getList: pages count from 0 in the API, short searches and unreadable filters are not sent', () => {
    const query = buildQuery(staff('marketing'))('GET_LIST', 'customers', {
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
    const query = buildQuery(staff('service'))('GET_LIST', 'customers', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'city', order: 'ASC' },
      filter: { q: '  virt ' },
    });
    expect(query.variables).toMatchObject({ page: 0, sortField: 'city', filter: { q: 'virt' } });
  });

  test('getList asks for no identity number even where the role may read it', () => {
    const text = print(
      buildQuery(staff('billing'))('GET_LIST', 'customers', { pagination: { page: 1, perPage: 5 } }).query,
    );
    expect(text).not.toMatch(/personalIdentityNumber|dateOfBirth/);
  });

  test('getOne: the full identity number for billing, without the redundant masked one', () => {
    const text = print(buildQuery(staff('billing'))('GET_ONE', 'customers', { id: 'c1' }).query);
    expect(text).toMatch(/\bpersonalIdentityNumber\b/);
    expect(text).not.toMatch(/personalIdentityNumberMasked/);
    const sales = print(buildQuery(staff('sales'))('GET_ONE', 'customers', { id: 'c1' }).query);
    expect(sales).toMatch(/personalIdentityNumberMasked/);
    expect(sales).not.toMatch(/\bpersonalIdentityNumber\b/);
  });

  test('update sends the id and the changed writable fields only', () => {
    const query = buildQuery(staff('service'))('UPDATE', 'customers', {
      id: 'c1',
      data: { id: 'c1', name: 'A', phone: '+358401', createdAt: 'later' },
      previousData: { id: 'c1', name: 'A', phone: '+358400', createdAt: 'then' },
    });
    expect(query.variables).toEqual({ id: 'c1', phone: '+358401' });
  });

  test('audit events: the seq is the id, newest first by default', () => {
    const query = buildQuery(staff('dpo'))('GET_LIST', 'auditEvents', {
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
});
