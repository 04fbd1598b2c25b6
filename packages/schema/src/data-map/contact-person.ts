import type { FieldClassification, StaffRole, TypeClassification } from './model.js';
import { AFTER_RELATIONSHIP, CASEWORKERS, CONTACT_READERS, contactField, RELATIONSHIP, SERVICE_AND_DPO } from './person-fields.js';

// A contact person of a business customer is a data subject of their own. Their name and contact
// details are read like a customer's own contact fields (PRODUCT.md); what they do in the company
// is for the caseworkers only. Marketing reads name and contact details (the permits narrow it to
// the permitted channels once they exist).
const recordField = (
  en: string,
  fi: string,
  category: FieldClassification['category'],
  reason: string,
  write: readonly StaffRole[] = [],
): FieldClassification => ({
  label: { en, fi },
  category,
  personal: false,
  purposes: RELATIONSHIP,
  read: { roles: CASEWORKERS },
  write: { roles: write },
  erasure: { strategy: 'none', reason },
  retention: AFTER_RELATIONSHIP,
});

export const contactPersonMap: TypeClassification = {
  label: { en: 'Contact person of a business customer', fi: 'Yritysasiakkaan yhteyshenkilö' },
  subject: 'id',
  fields: {
    id: {
      label: { en: 'Contact person number', fi: 'Yhteyshenkilön numero' },
      category: 'identity',
      personal: false,
      purposes: RELATIONSHIP,
      read: { roles: CONTACT_READERS },
      write: { roles: [] },
      erasure: { strategy: 'none', reason: 'an opaque key that identifies nobody once the rest is gone' },
      retention: AFTER_RELATIONSHIP,
    },
    customerId: {
      label: { en: 'Business customer', fi: 'Yritysasiakas' },
      category: 'business',
      personal: false,
      purposes: RELATIONSHIP,
      read: { roles: CONTACT_READERS },
      write: { roles: [], onCreate: SERVICE_AND_DPO },
      erasure: { strategy: 'none', reason: 'names the company, not the person' },
      retention: AFTER_RELATIONSHIP,
      storage: ['customer_id'],
      note: 'Set when the contact person is recorded; a person who moves to another company is recorded again.',
    },
    name: contactField('Name', 'Nimi', {
      category: 'identity',
      erasure: { strategy: 'anonymise', replacement: 'Erased contact person' },
      storage: ['name', 'search_text'],
    }),
    email: contactField('E-mail address', 'Sähköpostiosoite', { storage: ['email', 'search_text'] }),
    phone: contactField('Telephone number', 'Puhelinnumero', { storage: ['phone', 'search_text'] }),
    streetAddress: contactField('Street address', 'Katuosoite'),
    postalCode: contactField('Postal code', 'Postinumero'),
    city: contactField('Post office', 'Postitoimipaikka'),
    country: contactField('Country', 'Maa'),
    roleInCompany: {
      label: { en: 'Role in the company (e.g. purchasing contact)', fi: 'Rooli yrityksessä (esim. hankintayhteyshenkilö)' },
      category: 'business',
      personal: true,
      purposes: RELATIONSHIP,
      read: { roles: CASEWORKERS },
      write: { roles: SERVICE_AND_DPO },
      erasure: { strategy: 'delete' },
      retention: AFTER_RELATIONSHIP,
    },
    position: {
      label: { en: 'Position (job title)', fi: 'Asema (tehtävänimike)' },
      category: 'business',
      personal: true,
      purposes: RELATIONSHIP,
      read: { roles: CASEWORKERS },
      write: { roles: SERVICE_AND_DPO },
      erasure: { strategy: 'delete' },
      retention: AFTER_RELATIONSHIP,
    },
    sourceType: recordField('Source of the data', 'Tietolähde', 'provenance', 'says where data came from, not who the person is', ['dpo']),
    sourcePartner: recordField(
      'Partner register the data came from',
      'Kumppanirekisteri, josta tiedot saatiin',
      'provenance',
      'names the partner, not the person',
      ['dpo'],
    ),
    collectedAt: recordField('Time of collection', 'Keruuajankohta', 'provenance', 'a time, not an identifier', ['dpo']),
    createdAt: recordField('Record created', 'Tietue luotu', 'lifecycle', 'a time, not an identifier'),
    updatedAt: recordField('Record last changed', 'Tietuetta muutettu', 'lifecycle', 'a time, not an identifier'),
  },
};
