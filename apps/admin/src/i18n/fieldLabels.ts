import { dataMap } from '@register/schema';

export type Locale = 'en' | 'fi';

/** Field labels come from the data map, the one place where every field is described. */
export function customerFieldLabels(locale: Locale): Record<string, string> {
  return Object.fromEntries(
    Object.entries(dataMap.Customer.fields).map(([field, classification]) => [
      field,
      classification.label[locale],
    ]),
  );
}

export function customerTypeLabel(locale: Locale): string {
  return dataMap.Customer.label[locale];
}
