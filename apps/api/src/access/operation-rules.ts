/**
 * Rules for everything the data map does not classify: operations (queries and mutations) and
 * internal types. Each domain module brings its own (modules/index.ts); these are the ones of
 * the session itself. Together with the data map, every field of the schema has exactly one rule
 * (a test fails when one has none).
 */
import { allowAll, type RuleMap } from './shield.js';

export const sessionRules: RuleMap = {
  Query: { me: allowAll },
  Mutation: { login: allowAll, logout: allowAll },
  ListMetadata: { count: allowAll },
  Me: { id: allowAll, kind: allowAll, name: allowAll, displayName: allowAll, roles: allowAll, scopes: allowAll },
};
