import { hasRole, listRule, writeRule } from '../../access/rules.js';
import { readsAnyOf, type RuleMap } from '../../access/shield.js';
import { CONTACT_PERSON_FILTER_FIELDS } from './contact-person.input.js';

const listContactPersons = listRule('ContactPerson', CONTACT_PERSON_FILTER_FIELDS);

/** Operation rules of the contact-person module (its fields' rules come from the data map). */
export const contactPersonRules: RuleMap = {
  Query: {
    ContactPerson: readsAnyOf('ContactPerson'),
    allContactPersons: listContactPersons,
    _allContactPersonsMeta: listContactPersons,
  },
  Mutation: {
    createContactPerson: writeRule('ContactPerson', 'create'),
    updateContactPerson: writeRule('ContactPerson', 'update', ['id', 'requestId']),
    deleteContactPerson: hasRole('service', 'dpo'),
  },
};
