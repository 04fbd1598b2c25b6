import type { CustomerKind, CustomerStatus, DataSource } from '@register/schema';

/** Enum choices; react-admin translates `name` (the values themselves are the API's). */
const choices = <T extends string>(enumName: string, values: readonly T[]) =>
  values.map((id) => ({ id, name: `register.enums.${enumName}.${id}` }));

export const KIND_CHOICES = choices<CustomerKind>('kind', ['PRIVATE', 'BUSINESS']);
export const STATUS_CHOICES = choices<CustomerStatus>('status', ['ACTIVE', 'PROSPECT', 'TERMINATED']);
export const SOURCE_CHOICES = choices<DataSource>('sourceType', [
  'DATA_SUBJECT',
  'SERVICE_DELIVERY',
  'PARTNER',
]);
