import { hasRole } from '../../access/rules.js';
import { allowAll, callerRule, type RuleMap } from '../../access/shield.js';

const signedInStaff = callerRule('staff', (principal) => principal.kind === 'staff');

/**
 * The registry description is public (GET /privacy); in GraphQL any signed-in member of staff
 * reads it. The Art. 30 record is an internal document: the registry liaison officer and the
 * system administrators. The document types hold no customer data.
 */
export const descriptionRules: RuleMap = {
  Query: {
    registryDescription: signedInStaff,
    recordOfProcessing: hasRole('dpo', 'admin'),
  },
  PrivacyDocument: { kind: allowAll, language: allowAll, title: allowAll, generatedAt: allowAll, sections: allowAll },
  PrivacyDocumentSection: { number: allowAll, key: allowAll, title: allowAll, paragraphs: allowAll, lists: allowAll },
  PrivacyDocumentList: { heading: allowAll, items: allowAll },
};
