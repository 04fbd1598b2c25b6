import { STAFF_ROLES, type StaffRole } from '@register/schema';
import { describe, expect, test } from 'vitest';
import { RESOURCE_NAMES, type ResourceName } from '../../resources';
import { customerAccess, resourceAccess } from '../access';

const listed = (role: StaffRole) => RESOURCE_NAMES.filter((name) => resourceAccess([role], name).canList);
const creates = (role: StaffRole) => RESOURCE_NAMES.filter((name) => resourceAccess([role], name).canCreate);

describe('screens per role follow the data map and the API operation rules', () => {
  test('which resources each role reads (its menu)', () => {
    const everyCustomerResource: ResourceName[] = [
      'customers', 'contracts', 'simCards', 'orders', 'quotations', 'invoices', 'billingAccounts', 'contactPersons',
      'customerEvents', 'feedback', 'marketingPermitEntries', 'customerFigures', 'serviceProducts', 'equipmentModels',
    ];
    const menus = Object.fromEntries(STAFF_ROLES.map((role) => [role, listed(role)]));
    expect(menus).toEqual({
      admin: ['serviceProducts', 'equipmentModels', 'staffUsers'],
      analyst: ['serviceProducts', 'equipmentModels'],
      // Disclosures to authorities and data subject requests: the dpo's alone.
      dpo: [...everyCustomerResource.slice(0, 12), 'disclosures', 'dataSubjectRequests', ...everyCustomerResource.slice(12), 'auditEvents'],
      service: everyCustomerResource,
      sales: everyCustomerResource.filter((name) => !['invoices', 'billingAccounts'].includes(name)),
      billing: everyCustomerResource.filter((name) => !['feedback', 'marketingPermitEntries'].includes(name)),
      marketing: ['customers', 'contactPersons', 'marketingPermitEntries', 'serviceProducts', 'equipmentModels'],
    });
  });

  test('which records each role may create (its create buttons)', () => {
    expect(creates('service')).toEqual([
      'customers', 'contracts', 'simCards', 'orders', 'contactPersons', 'customerEvents', 'feedback', 'marketingPermitEntries',
    ]);
    expect(creates('sales')).toEqual([
      'contracts', 'orders', 'quotations', 'customerEvents', 'marketingPermitEntries', 'serviceProducts', 'equipmentModels',
    ]);
    expect(creates('billing')).toEqual(['invoices', 'billingAccounts']);
    expect(creates('marketing')).toEqual(['marketingPermitEntries']);
    expect(creates('admin')).toEqual(['serviceProducts', 'equipmentModels']);
    expect(creates('analyst')).toEqual([]);
  });

  test('forms offer only writable fields: sales opens a contract as a draft, without its status', () => {
    expect(resourceAccess(['sales'], 'contracts').creatable.has('status')).toBe(false);
    expect(resourceAccess(['service'], 'contracts').creatable.has('status')).toBe(true);
    // Invoices are fixed when issued: amounts on create only, payment later.
    const invoices = resourceAccess(['billing'], 'invoices');
    expect(invoices.creatable.has('netAmountCents')).toBe(true);
    expect(invoices.updatable.has('netAmountCents')).toBe(false);
    expect(invoices.updatable.has('paidDate')).toBe(true);
    // The ledger is append-only: no edit screen for anyone.
    for (const role of STAFF_ROLES) expect(resourceAccess([role], 'marketingPermitEntries').canEdit).toBe(false);
  });

  test('customer service reads invoices but never their collection details', () => {
    const service = resourceAccess(['service'], 'invoices');
    expect(service.readable.has('status')).toBe(true);
    expect(service.readable.has('collectionAgency')).toBe(false);
    expect(service.updatable.size).toBe(0);
  });

  test('deleting is an operation rule: customers and feedback by the dpo, contact persons by service and dpo', () => {
    expect(customerAccess(['dpo']).canDelete).toBe(true);
    expect(customerAccess(['service']).canDelete).toBe(false);
    expect(resourceAccess(['service'], 'contactPersons').canDelete).toBe(true);
    expect(resourceAccess(['service'], 'feedback').canDelete).toBe(false);
    expect(resourceAccess(['dpo'], 'feedback').canDelete).toBe(true);
  });

  test('several roles: the union applies', () => {
    expect(listed('marketing').length).toBeLessThan(
      RESOURCE_NAMES.filter((name) => resourceAccess(['marketing', 'billing'], name).canList).length,
    );
  });
});
