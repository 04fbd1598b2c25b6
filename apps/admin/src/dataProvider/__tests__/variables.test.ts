import { CreateCustomerDocument, staff, UpdateCustomerDocument } from '@register/schema';
import { describe, expect, test } from 'vitest';
import { mutationVariables } from '../variables';

const record = {
  id: 'c1',
  kind: 'PRIVATE',
  name: 'Aino Virtanen',
  phone: '+358401234567',
  email: 'aino@example.fi',
  personalIdentityNumber: '131052-308T',
  city: 'HELSINKI',
  createdAt: '2026-01-01T00:00:00Z',
};

describe('mutationVariables', () => {
  test('update sends only the changed fields the role may write', () => {
    const variables = mutationVariables({
      document: UpdateCustomerDocument,
      principal: staff('service'),
      typeName: 'Customer',
      operation: 'update',
      data: { ...record, phone: '+358501112222', personalIdentityNumber: '010101-123N', createdAt: 'x' },
      previousData: record,
    });
    // service may not change the identity number and nobody writes createdAt.
    expect(variables).toEqual({ phone: '+358501112222' });
  });

  test('billing may change the identity number and the address, not the name', () => {
    const variables = mutationVariables({
      document: UpdateCustomerDocument,
      principal: staff('billing'),
      typeName: 'Customer',
      operation: 'update',
      data: { ...record, name: 'Someone Else', personalIdentityNumber: '010101-123N', city: '' },
      previousData: record,
    });
    expect(variables).toEqual({ personalIdentityNumber: '010101-123N', city: null });
  });

  test('an emptied input clears the field; untouched empty fields are not sent', () => {
    const variables = mutationVariables({
      document: UpdateCustomerDocument,
      principal: staff('service'),
      typeName: 'Customer',
      operation: 'update',
      data: { ...record, email: '', streetAddress: '' },
      previousData: { ...record, streetAddress: null },
    });
    expect(variables).toEqual({ email: null });
  });

  test('create sends the writable fields that have a value, including write-on-entry ones', () => {
    const variables = mutationVariables({
      document: CreateCustomerDocument,
      principal: staff('service'),
      typeName: 'Customer',
      operation: 'create',
      data: { kind: 'PRIVATE', name: 'Uusi Asiakas', personalIdentityNumber: '131052-308T', email: '', sourceType: 'PARTNER' },
    });
    expect(variables).toEqual({ kind: 'PRIVATE', name: 'Uusi Asiakas', personalIdentityNumber: '131052-308T' });
  });
});
