import { canRead, canWrite } from '@register/schema';
import { listRule, writeRule } from '../../access/rules.js';
import { callerRule, readsAnyOf, type RuleMap } from '../../access/shield.js';
import { CONTRACT_FILTER_FIELDS, SIM_CARD_FILTER_FIELDS } from './contract.input.js';

const listContracts = listRule('Contract', CONTRACT_FILTER_FIELDS);
const listSimCards = listRule('SimCard', SIM_CARD_FILTER_FIELDS);

/**
 * Adding, changing and removing a service is a change of the contract's `lines`: whoever the
 * data map lets change Contract.lines (and find the contract) may do it.
 */
const changeLines = callerRule(
  'write:Contract.lines:update',
  (principal) => canWrite(principal, 'Contract', 'lines', 'update') && canRead(principal, 'Contract', 'id'),
);

/** Operation rules of the contract module (its fields' rules come from the data map). */
export const contractRules: RuleMap = {
  Query: {
    Contract: readsAnyOf('Contract'),
    allContracts: listContracts,
    _allContractsMeta: listContracts,
    SimCard: readsAnyOf('SimCard'),
    allSimCards: listSimCards,
    _allSimCardsMeta: listSimCards,
  },
  Mutation: {
    createContract: writeRule('Contract', 'create'),
    updateContract: writeRule('Contract', 'update', ['id']),
    addContractService: changeLines,
    removeContractService: changeLines,
    changeContractService: changeLines,
    addSimCard: writeRule('SimCard', 'create'),
    updateSimCard: writeRule('SimCard', 'update', ['id']),
  },
};
