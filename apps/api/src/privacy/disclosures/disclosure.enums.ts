import { DISCLOSURE_LEGAL_BASES, DISCLOSURE_LEGAL_BASIS_NAMES, type DisclosureLegalBasisName } from '@register/schema';
import { registerEnumType } from 'type-graphql';

export enum DisclosureSubjectKind {
  CUSTOMER = 'CUSTOMER',
  CONTACT_PERSON = 'CONTACT_PERSON',
}

/** The common legal bases, from the data map (packages/schema/src/data-map/disclosure.ts). */
export const DisclosureLegalBasis = Object.fromEntries(DISCLOSURE_LEGAL_BASIS_NAMES.map((name) => [name, name])) as {
  [K in DisclosureLegalBasisName]: K;
};
export type DisclosureLegalBasis = DisclosureLegalBasisName;

registerEnumType(DisclosureSubjectKind, {
  name: 'DisclosureSubjectKind',
  description: 'Whose data was disclosed: a customer, or a contact person of a business customer',
});
registerEnumType(DisclosureLegalBasis, {
  name: 'DisclosureLegalBasis',
  description: 'The law a disclosure to an authority was made under (OTHER: named in legalBasisText)',
  valuesConfig: Object.fromEntries(
    DISCLOSURE_LEGAL_BASIS_NAMES.map((name) => [name, { description: DISCLOSURE_LEGAL_BASES[name].label.en }]),
  ),
});
