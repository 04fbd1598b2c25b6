import { dpo, listRule, writeRule } from '../../access/rules.js';
import { readsAnyOf, type RuleMap } from '../../access/shield.js';
import { FEEDBACK_FILTER_FIELDS } from './feedback.input.js';

const listFeedbacks = listRule('Feedback', FEEDBACK_FILTER_FIELDS);

/** Operation rules of the feedback module (its fields' rules come from the data map). */
export const feedbackRules: RuleMap = {
  Query: {
    Feedback: readsAnyOf('Feedback'),
    allFeedbacks: listFeedbacks,
    _allFeedbacksMeta: listFeedbacks,
  },
  Mutation: {
    createFeedback: writeRule('Feedback', 'create'),
    updateFeedback: writeRule('Feedback', 'update', ['id']),
    deleteFeedback: dpo,
  },
};
