import type { Principal } from '@register/schema';
import { mayDo, readsCatalogue, type Operation } from './access/operationRules';

/**
 * What the app knows about each resource before any of its screens is loaded: the GraphQL type
 * of its records (whose data-map entry says who reads and writes what), which of the API's
 * operations exist for it, and — for the few types outside the data map — their fields and rules.
 * The screens (`<resource>/index.ts`) and the queries (`<resource>/query.ts`) load on demand.
 */
export interface ResourceDefinition {
  typeName: string;
  /** The API's operations for these records (besides reading them). */
  operations: readonly ('create' | 'update')[];
  /** Deleting is an operation rule of the API (only records entered by mistake). */
  deleteRule?: Operation;
  /** Without these a record cannot be created: no create screen for roles that may not set them. */
  requiredOnCreate?: readonly string[];
  /** Types outside the data map: their fields and the API's operation rules for them. */
  unclassified?: {
    fields: readonly string[];
    reads(principal: Principal): boolean;
    writes(principal: Principal, operation: 'create' | 'update'): readonly string[];
  };
  /** Who may create records when the data map has no write rule for them (customer contacts). */
  createRule?: { operation: Operation; fields: readonly string[] };
}

const catalogue = (fields: readonly string[], writable: readonly string[]): ResourceDefinition['unclassified'] => ({
  fields,
  reads: readsCatalogue,
  writes: (principal) => (mayDo(principal, 'maintainCatalogue') ? writable : []),
});

const operationOnly = (operation: Operation, fields: readonly string[]): ResourceDefinition['unclassified'] => ({
  fields,
  reads: (principal) => mayDo(principal, operation),
  writes: () => [],
});

export const RESOURCES = {
  customers: {
    typeName: 'Customer',
    operations: ['create', 'update'],
    deleteRule: 'deleteCustomer',
    requiredOnCreate: ['kind', 'name'],
  },
  contracts: { typeName: 'Contract', operations: ['create', 'update'], requiredOnCreate: ['customerId', 'startDate'] },
  simCards: { typeName: 'SimCard', operations: ['create', 'update'], requiredOnCreate: ['contractId', 'iccid'] },
  orders: { typeName: 'Order', operations: ['create', 'update'], requiredOnCreate: ['customerId', 'lines'] },
  quotations: { typeName: 'Quotation', operations: ['create', 'update'], requiredOnCreate: ['customerId', 'lines'] },
  invoices: { typeName: 'Invoice', operations: ['create', 'update'], requiredOnCreate: ['billingAccountId'] },
  billingAccounts: { typeName: 'BillingAccount', operations: ['create', 'update'], requiredOnCreate: ['customerId', 'method'] },
  contactPersons: {
    typeName: 'ContactPerson',
    operations: ['create', 'update'],
    deleteRule: 'deleteContactPerson',
    requiredOnCreate: ['customerId', 'name'],
  },
  customerEvents: {
    typeName: 'CustomerEvent',
    operations: ['create'],
    createRule: { operation: 'recordCustomerContact', fields: ['customerId', 'channel', 'summary', 'at'] },
  },
  feedback: {
    typeName: 'Feedback',
    operations: ['create', 'update'],
    deleteRule: 'deleteFeedback',
    requiredOnCreate: ['customerId', 'kind', 'consent'],
  },
  marketingPermitEntries: {
    typeName: 'MarketingPermitEntry',
    operations: ['create'],
    requiredOnCreate: ['customerId', 'channel', 'decision', 'source', 'evidence'],
  },
  customerFigures: { typeName: 'CustomerFigures', operations: [] },
  disclosures: {
    typeName: 'Disclosure',
    operations: ['create'],
    requiredOnCreate: ['subjectKind', 'subjectId', 'recipient', 'legalBasis', 'legalBasisText', 'disclosedOn'],
  },
  dataSubjectRequests: {
    typeName: 'DataSubjectRequest',
    operations: ['create', 'update'],
    requiredOnCreate: ['type', 'receivedDate', 'channel'],
  },
  serviceProducts: {
    typeName: 'ServiceProduct',
    operations: ['create', 'update'],
    requiredOnCreate: ['code', 'name', 'kind'],
    unclassified: catalogue(
      ['id', 'code', 'name', 'kind', 'monthlyPriceCents', 'oneOffPriceCents', 'active', 'createdAt', 'updatedAt'],
      ['code', 'name', 'kind', 'monthlyPriceCents', 'oneOffPriceCents', 'active'],
    ),
  },
  equipmentModels: {
    typeName: 'EquipmentModel',
    operations: ['create', 'update'],
    requiredOnCreate: ['sku', 'manufacturer', 'model'],
    unclassified: catalogue(
      ['id', 'sku', 'manufacturer', 'model', 'priceCents', 'active', 'createdAt', 'updatedAt'],
      ['sku', 'manufacturer', 'model', 'priceCents', 'active'],
    ),
  },
  auditEvents: {
    typeName: 'AuditEvent',
    operations: [],
    unclassified: operationOnly('readAuditLog', [
      'seq', 'at', 'actorType', 'actorId', 'client', 'operation', 'action', 'subjectType', 'subjectId', 'fields', 'outcome',
    ]),
  },
  staffUsers: {
    typeName: 'StaffUser',
    operations: [],
    unclassified: operationOnly('manageStaff', [
      'id', 'username', 'displayName', 'roles', 'active', 'totpEnabled', 'lockedUntil', 'lastLoginAt', 'createdAt',
    ]),
  },
} as const satisfies Record<string, ResourceDefinition>;

export type ResourceName = keyof typeof RESOURCES;

export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

export function resourceDefinition(name: ResourceName): ResourceDefinition {
  return RESOURCES[name];
}
