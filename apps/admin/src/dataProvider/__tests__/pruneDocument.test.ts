import {
  ContractOneDocument,
  CreateCustomerDocument,
  dataMap,
  CustomerListDocument,
  CustomerOneDocument,
  readableFields,
  staff,
} from '@register/schema';
import { print } from 'graphql';
import { describe, expect, test } from 'vitest';
import { pruneDocument, selectedFields } from '../pruneDocument';

describe('pruneDocument', () => {
  test('keeps exactly the Customer fields the roles may read, in the CustomerFields fragment too', () => {
    for (const role of ['service', 'sales', 'billing', 'marketing', 'dpo'] as const) {
      const principal = staff(role);
      const pruned = pruneDocument(CustomerOneDocument, principal);
      const classified = selectedFields(pruned, 'Customer').filter((field) => field in dataMap.Customer.fields);
      expect(classified.sort()).toEqual(readableFields(principal, 'Customer').sort());
    }
  });

  test('an edge the map does not classify is asked for when the roles read the type it leads to', () => {
    // Customer.marketingPermissions: service, sales, marketing and dpo read permissions; billing does not.
    expect(selectedFields(pruneDocument(CustomerOneDocument, staff('sales')), 'Customer')).toContain('marketingPermissions');
    expect(selectedFields(pruneDocument(CustomerOneDocument, staff('sales')), 'MarketingPermissions')).toContain('post');
    expect(selectedFields(pruneDocument(CustomerOneDocument, staff('billing')), 'Customer')).not.toContain('marketingPermissions');
  });

  test('nested records are pruned by their own type: the services of a contract', () => {
    const sales = pruneDocument(ContractOneDocument, staff('sales'));
    expect(selectedFields(sales, 'ContractLine')).toContain('monthlyPriceCents');
    const marketing = print(pruneDocument(ContractOneDocument, staff('marketing')));
    expect(marketing).not.toMatch(/lines|monthlyPriceCents/);
  });

  test('a fragment whose only spread was pruned away goes too (GraphQL refuses unused fragments)', () => {
    const billing = print(pruneDocument(CustomerOneDocument, staff('billing')));
    expect(billing).not.toMatch(/MarketingPermissionsFields/);
    expect(print(pruneDocument(CustomerOneDocument, staff('service')))).toMatch(/fragment MarketingPermissionsFields/);
  });

  test('marketing never asks for identity numbers, the date of birth or the provenance', () => {
    const text = print(pruneDocument(CustomerListDocument, staff('marketing')));
    for (const field of ['personalIdentityNumber', 'personalIdentityNumberMasked', 'dateOfBirth', 'sourceType', 'createdAt']) {
      expect(text).not.toMatch(new RegExp(`\\b${field}\\b`));
    }
    expect(text).toMatch(/\bphone\b/);
    // What is not a Customer field is left alone: the list's total.
    expect(text).toMatch(/_allCustomersMeta[^{]*\{\s*count\s*\}/);
  });

  test('the union of several roles applies', () => {
    const fields = selectedFields(pruneDocument(CustomerOneDocument, staff('marketing', 'billing')), 'Customer');
    expect(fields).toContain('personalIdentityNumber');
    expect(fields).toContain('dateOfBirth');
  });

  test('a principal that reads nothing still gets a valid document (only __typename)', () => {
    const text = print(pruneDocument(CreateCustomerDocument, staff('analyst')));
    expect(text).toMatch(/fragment CustomerFields on Customer \{\s*__typename\s*\}/);
  });

  test('an extra allow-list narrows the selection further', () => {
    const fields = selectedFields(
      pruneDocument(CustomerListDocument, staff('billing'), new Set(['id', 'name', 'personalIdentityNumber'])),
      'Customer',
    );
    expect(fields.sort()).toEqual(['id', 'name', 'personalIdentityNumber']);
  });

  test('never changes the original document (it is shared by every request)', () => {
    const before = print(CustomerOneDocument);
    pruneDocument(CustomerOneDocument, staff('marketing'));
    expect(print(CustomerOneDocument)).toBe(before);
  });
});
