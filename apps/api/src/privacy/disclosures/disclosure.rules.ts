import { dpo, writeRule } from '../../access/rules.js';
import type { RuleMap } from '../../access/shield.js';

/**
 * Disclosures are the registry liaison officer's alone: reading and recording them (the field
 * rules come from the data map, which grants them to dpo only). Recording is checked field by
 * field against the map like every other write, so a system-set field cannot be given.
 */
export const disclosureRules: RuleMap = {
  Query: {
    disclosure: dpo,
    allDisclosures: dpo,
    _allDisclosuresMeta: dpo,
  },
  Mutation: {
    recordDisclosure: writeRule('Disclosure', 'create'),
  },
};
