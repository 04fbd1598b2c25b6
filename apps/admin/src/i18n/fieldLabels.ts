import { dataMap } from '@register/schema';

export type Locale = 'en' | 'fi';

/** The GraphQL type behind each resource whose fields the data map describes. */
export const CLASSIFIED_RESOURCES = {
  customers: 'Customer',
  contactPersons: 'ContactPerson',
  billingAccounts: 'BillingAccount',
  invoices: 'Invoice',
  feedback: 'Feedback',
  marketingPermitEntries: 'MarketingPermitEntry',
  contracts: 'Contract',
  contractLines: 'ContractLine',
  simCards: 'SimCard',
  customerEvents: 'CustomerEvent',
  customerFigures: 'CustomerFigures',
  orders: 'Order',
  orderLines: 'OrderLine',
  quotations: 'Quotation',
  quotationLines: 'QuotationLine',
  disclosures: 'Disclosure',
  dataSubjectRequests: 'DataSubjectRequest',
} as const satisfies Record<string, keyof typeof dataMap>;

/** The app shows amounts in euros, while the map describes what is stored (cents). */
function asShown(label: string): string {
  return label.replace(/\((?:euro )?cents\)/, '(€)').replace(/\(senttiä\)/, '(€)');
}

/** Field labels come from the data map, the one place where every field is described. */
export function typeFieldLabels(typeName: keyof typeof dataMap, locale: Locale): Record<string, string> {
  return Object.fromEntries(
    Object.entries(dataMap[typeName].fields).map(([field, classification]) => [field, asShown(classification.label[locale])]),
  );
}

export function customerFieldLabels(locale: Locale): Record<string, string> {
  return typeFieldLabels('Customer', locale);
}

/** `resources.<name>.fields` of every classified resource, in one language. */
export function classifiedFieldLabels(locale: Locale): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(CLASSIFIED_RESOURCES).map(([resource, typeName]) => [resource, typeFieldLabels(typeName, locale)]),
  );
}

export function customerTypeLabel(locale: Locale): string {
  return dataMap.Customer.label[locale];
}
