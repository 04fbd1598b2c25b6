import type { Validator } from 'react-admin';
import type { ResourceName } from '../resources';
import type { EnumName } from './choices';

/**
 * How a field of a resource is shown and entered. Whether it is shown or entered at all is the
 * data map's decision (ResourceAccess); this only says what kind of value it is.
 */
export type FieldSpec = (
  | { kind: 'text' | 'longText' | 'email' | 'phone' | 'integer' | 'json' | 'textList' | 'date' | 'dateTime' | 'money' | 'boolean' }
  | { kind: 'enum'; enumName: EnumName }
  | { kind: 'reference'; reference: ResourceName }
) & {
  /** Checks as the value is typed (the API's own parsers where it is an identifier). */
  validate?: Validator | Validator[];
  /** An i18n key of a hint under the input. */
  helperText?: string;
  /** Formats the value for reading (e.g. a reference number in groups of five). */
  display?: (value: unknown) => string;
};

export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/** Shorthands for the specs of a resource. */
export const text: FieldSpec = { kind: 'text' };
export const longText: FieldSpec = { kind: 'longText' };
export const email: FieldSpec = { kind: 'email' };
export const phone: FieldSpec = { kind: 'phone', helperText: 'register.hints.phone' };
export const integer: FieldSpec = { kind: 'integer' };
export const money: FieldSpec = { kind: 'money' };
export const date: FieldSpec = { kind: 'date' };
export const dateTime: FieldSpec = { kind: 'dateTime' };
export const boolean: FieldSpec = { kind: 'boolean' };
export const json: FieldSpec = { kind: 'json' };
export const textList: FieldSpec = { kind: 'textList' };
export const enumOf = (enumName: EnumName): FieldSpec => ({ kind: 'enum', enumName });
export const referenceTo = (reference: ResourceName): FieldSpec => ({ kind: 'reference', reference });

/** Provenance and record fields that most types share (section 5 of the registry description). */
export const PROVENANCE_SPECS: FieldSpecs = {
  sourceType: enumOf('DataSource'),
  sourcePartner: text,
  collectedAt: dateTime,
  createdAt: dateTime,
  updatedAt: dateTime,
};

export const PROVENANCE_FIELDS = ['sourceType', 'sourcePartner', 'collectedAt', 'createdAt', 'updatedAt'] as const;
