import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The object-valued fields of the operations the admin sends, and the type each returns: the small
 * part of schema.graphql the app needs to know which type a selection belongs to (it asks the API
 * without introspection). A unit test checks every entry, and that no field of
 * `@register/schema`'s operations is missing, against schema.graphql.
 */
export const OBJECT_FIELD_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Query: {
    me: 'Me',
    Customer: 'Customer',
    allCustomers: 'Customer',
    ContactPerson: 'ContactPerson',
    allContactPersons: 'ContactPerson',
    BillingAccount: 'BillingAccount',
    allBillingAccounts: 'BillingAccount',
    Invoice: 'Invoice',
    allInvoices: 'Invoice',
    Feedback: 'Feedback',
    allFeedbacks: 'Feedback',
    MarketingPermitEntry: 'MarketingPermitEntry',
    allMarketingPermitEntries: 'MarketingPermitEntry',
    ServiceProduct: 'ServiceProduct',
    allServiceProducts: 'ServiceProduct',
    EquipmentModel: 'EquipmentModel',
    allEquipmentModels: 'EquipmentModel',
    Contract: 'Contract',
    allContracts: 'Contract',
    SimCard: 'SimCard',
    allSimCards: 'SimCard',
    CustomerEvent: 'CustomerEvent',
    allCustomerEvents: 'CustomerEvent',
    customerFigures: 'CustomerFigures',
    allCustomerFigures: 'CustomerFigures',
    Order: 'Order',
    allOrders: 'Order',
    Quotation: 'Quotation',
    allQuotations: 'Quotation',
    allAuditEvents: 'AuditEvent',
    allStaffUsers: 'StaffUser',
    disclosure: 'Disclosure',
    allDisclosures: 'Disclosure',
    dataSubjectRequest: 'DataSubjectRequest',
    allDataSubjectRequests: 'DataSubjectRequest',
    dataSubjectRequestStatistics: 'DataSubjectRequestStatistics',
    processingRestrictions: 'ProcessingRestriction',
    customerStatistics: 'CustomerStatistics',
    registryDescription: 'PrivacyDocument',
    recordOfProcessing: 'PrivacyDocument',
    erasurePlan: 'ErasurePlanResult',
    retentionDryRun: 'RetentionReport',
    allRetentionRuns: 'RetentionRun',
    ImportRun: 'ImportRun',
    allImportRuns: 'ImportRun',
    allImportRowErrors: 'ImportRowError',
  },
  Mutation: {
    login: 'Me',
    importPartnerCustomers: 'ImportRun',
    createCustomer: 'Customer',
    updateCustomer: 'Customer',
    deleteCustomer: 'Customer',
    createContactPerson: 'ContactPerson',
    updateContactPerson: 'ContactPerson',
    deleteContactPerson: 'ContactPerson',
    createBillingAccount: 'BillingAccount',
    updateBillingAccount: 'BillingAccount',
    createInvoice: 'Invoice',
    updateInvoice: 'Invoice',
    createFeedback: 'Feedback',
    updateFeedback: 'Feedback',
    deleteFeedback: 'Feedback',
    recordMarketingDecision: 'MarketingPermitEntry',
    createServiceProduct: 'ServiceProduct',
    updateServiceProduct: 'ServiceProduct',
    createEquipmentModel: 'EquipmentModel',
    updateEquipmentModel: 'EquipmentModel',
    createContract: 'Contract',
    updateContract: 'Contract',
    addContractService: 'Contract',
    changeContractService: 'Contract',
    removeContractService: 'Contract',
    addSimCard: 'SimCard',
    updateSimCard: 'SimCard',
    recordCustomerContact: 'CustomerEvent',
    createOrder: 'Order',
    updateOrder: 'Order',
    createQuotation: 'Quotation',
    updateQuotation: 'Quotation',
    convertQuotationToOrder: 'Order',
    recordDisclosure: 'Disclosure',
    createDataSubjectRequest: 'DataSubjectRequest',
    updateDataSubjectRequest: 'DataSubjectRequest',
    extendDataSubjectRequest: 'DataSubjectRequest',
    completeDataSubjectRequest: 'DataSubjectRequest',
    refuseDataSubjectRequest: 'DataSubjectRequest',
    restrictProcessing: 'ProcessingRestriction',
    liftRestriction: 'ProcessingRestriction',
    eraseDataSubject: 'ErasureResult',
  },
  Customer: { marketingPermissions: 'MarketingPermissions' },
  Contract: { lines: 'ContractLine' },
  Order: { lines: 'OrderLine' },
  Quotation: { lines: 'QuotationLine' },
  CustomerStatistics: { groups: 'StatisticsGroup' },
  DataSubjectRequestStatistics: { byStatus: 'DataSubjectRequestStatusCount', byMonth: 'DataSubjectRequestMonthCount' },
  PrivacyDocument: { sections: 'PrivacyDocumentSection' },
  PrivacyDocumentSection: { lists: 'PrivacyDocumentList' },
  ErasurePlanResult: { counts: 'ErasureCounts', types: 'ErasurePlanType', computedTypes: 'ErasureComputedType' },
  ErasurePlanType: { records: 'ErasurePlanRecord', fields: 'ErasurePlanField' },
  ErasureResult: { counts: 'ErasureCounts' },
  RetentionReport: { types: 'RetentionReportType' },
};

const ROOT_TYPES: Readonly<Record<string, string>> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

/** The type a field of `parentType` returns, when it is an object type the app knows. */
export function fieldType(parentType: string | undefined, field: string): string | undefined {
  return parentType ? OBJECT_FIELD_TYPES[parentType]?.[field] : undefined;
}

/**
 * The type each field node of a document belongs to (its parent type), undefined where the app
 * does not know it. Fragments name their type; an operation starts from Query or Mutation.
 */
export function parentTypes(document: DocumentNode): Map<FieldNode, string | undefined> {
  const types = new Map<FieldNode, string | undefined>();
  const walk = (selectionSet: SelectionSetNode, type: string | undefined) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        types.set(selection, type);
        if (selection.selectionSet) walk(selection.selectionSet, fieldType(type, selection.name.value));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? type);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, ROOT_TYPES[definition.operation]);
    if (definition.kind === Kind.FRAGMENT_DEFINITION) walk(definition.selectionSet, definition.typeCondition.name.value);
  }
  return types;
}

/** The type of the document's first root field (e.g. Customer for `allCustomers`). */
export function rootType(document: DocumentNode): string | undefined {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const first = operation?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
  return operation && first?.kind === Kind.FIELD ? fieldType(ROOT_TYPES[operation.operation], first.name.value) : undefined;
}

export interface FieldAtPath {
  /** The type the field belongs to. */
  parentType: string | undefined;
  field: string;
}

/**
 * The field a response path points at (`['items', 3, 'email']` → Customer.email), following
 * aliases, inline fragments and fragment spreads; undefined when the path leaves the document.
 */
export function fieldAtPath(document: DocumentNode, path: readonly (string | number)[]): FieldAtPath | undefined {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) return undefined;
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const find = (selectionSet: SelectionSetNode, responseKey: string): FieldNode | undefined => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD && (selection.alias?.value ?? selection.name.value) === responseKey) return selection;
      const nested =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : selection.kind === Kind.FRAGMENT_SPREAD
            ? fragments.get(selection.name.value)?.selectionSet
            : undefined;
      const found = nested && find(nested, responseKey);
      if (found) return found;
    }
    return undefined;
  };
  let selectionSet: SelectionSetNode | undefined = operation.selectionSet;
  let type: string | undefined = ROOT_TYPES[operation.operation];
  const keys = path.filter((segment): segment is string => typeof segment === 'string');
  for (const [index, key] of keys.entries()) {
    const field: FieldNode | undefined = selectionSet && find(selectionSet, key);
    if (!field) return undefined;
    if (index === keys.length - 1) return { parentType: type, field: field.name.value };
    selectionSet = field.selectionSet;
    type = fieldType(type, field.name.value);
  }
  return undefined;
}
