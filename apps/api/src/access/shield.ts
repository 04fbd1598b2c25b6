/**
 * The thin seam around graphql-shield (unmaintained since 2024): everything the rest of the API
 * knows about permissions goes through `buildPermissions` and the rule helpers here.
 *
 * Rules come from two places and together cover every field of the schema exactly once:
 *   - the data map (@register/schema) for every field of a classified type;
 *   - each domain module's own rules (modules/index.ts) for queries, mutations and internal types.
 * The fallback rule denies, with a FORBIDDEN error instead of shield's internal one.
 */
import {
  canRead,
  classification,
  dataMap,
  readsUnder,
  type AccessList,
  type DataMap,
  type Principal,
} from '@register/schema';
import { GraphQLError } from 'graphql';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRule, IRules } from 'graphql-shield';
import type { RequestContext } from '../graphql/context.js';
import { anyRowConditionHolds } from './row-conditions.js';

export type Rule = IRule;
export type RuleMap = Record<string, Record<string, Rule>>;

export const allowAll = allow as unknown as Rule;
export const denyAll = deny as unknown as Rule;

const ruleCache = new Map<string, Rule>();

/** A rule that depends only on the caller, cached once per request ('contextual'). */
export function callerRule(name: string, check: (principal: Principal) => boolean): Rule {
  const cached = ruleCache.get(name);
  if (cached) return cached;
  const created = rule(name, { cache: 'contextual' })(
    (_parent: unknown, _args: unknown, ctx: RequestContext) => check(ctx.principal),
  );
  ruleCache.set(name, created);
  return created;
}

function allows(list: AccessList, principal: Principal): boolean {
  if (principal.kind === 'staff') return principal.roles.some((r) => list.roles.includes(r));
  if (principal.kind === 'partner') return principal.scopes.some((s) => list.scopes?.includes(s));
  return false;
}

/** The read rule of an access list; equal lists share one rule (and one cache entry). */
export function readRule(list: AccessList, subjectField = 'id'): Rule {
  const key = `read:${[...list.roles].sort().join(',')}|${[...(list.scopes ?? [])].sort().join(',')}`;
  if (!list.when || Object.keys(list.when).length === 0) return callerRule(key, (principal) => allows(list, principal));
  return conditionalReadRule(`${key}|when:${JSON.stringify(list.when)}|${subjectField}`, list, subjectField);
}

const rowConditionDenied = () =>
  new GraphQLError('You may read this only where the data subject’s current permissions allow it, and here they do not.', {
    extensions: { code: 'FORBIDDEN' },
  });

/**
 * A read that depends on the record for some roles (`read.when` in the data map): callers with an
 * unconditional role pass on the caller alone; the others pass only where a named row condition
 * holds for the parent's data subject (found through `subjectField`). Evaluated per parent; the
 * conditions' implementations load what they need once per page.
 */
function conditionalReadRule(name: string, list: AccessList, subjectField: string): Rule {
  const cached = ruleCache.get(name);
  if (cached) return cached;
  // Synchronous for callers who read unconditionally or not at all: the shield then resolves the
  // field without a promise (see the graphql-shield patch); only conditional reads wait.
  const created = rule(name, { cache: 'no_cache' })((parent: unknown, _args: unknown, ctx: RequestContext) => {
    const reads = readsUnder(list, ctx.principal);
    if (reads === 'all') return true;
    if (reads === 'none') return false;
    const subjectId = (parent as Record<string, unknown> | null | undefined)?.[subjectField];
    if (typeof subjectId !== 'string') return false;
    return anyRowConditionHolds(reads, subjectId, ctx).then((holds) => holds || rowConditionDenied());
  });
  ruleCache.set(name, created);
  return created;
}

/** Rules for every field of every classified type, straight from the data map. */
export function dataMapRules(map: DataMap = dataMap): RuleMap {
  const rules: RuleMap = {};
  for (const [typeName, type] of Object.entries(map)) {
    rules[typeName] = Object.fromEntries(
      Object.entries(type.fields).map(([field, c]) => [field, readRule(c.read, type.subject)]),
    );
  }
  return rules;
}

/** Whether the principal may read at least one field of the type: the gate of its queries. */
export function readsAnyOf(typeName: string): Rule {
  const type = classification(typeName);
  return callerRule(`reads-any:${typeName}`, (principal) =>
    Object.keys(type?.fields ?? {}).some((field) => canRead(principal, typeName, field)),
  );
}

/**
 * A denial says FORBIDDEN to a signed-in caller and UNAUTHENTICATED to an anonymous one (no
 * session, or one that expired), so that the admin app knows to ask for a sign-in.
 */
export const forbiddenError = (
  _thrown?: unknown,
  _parent?: unknown,
  _args?: unknown,
  context?: unknown,
) =>
  (context as Partial<RequestContext> | undefined)?.caller?.kind === 'anonymous'
    ? new GraphQLError('Sign in first: this needs a staff session or a partner API key.', {
        extensions: { code: 'UNAUTHENTICATED' },
      })
    : new GraphQLError('You do not have the rights to read or change this.', {
        extensions: { code: 'FORBIDDEN' },
      });

export function mergeRuleMaps(...maps: RuleMap[]): RuleMap {
  const merged: RuleMap = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      for (const [field, fieldRule] of Object.entries(fields)) {
        const type = (merged[typeName] ??= {});
        if (type[field]) throw new Error(`Two rules for ${typeName}.${field}: give it exactly one.`);
        type[field] = fieldRule;
      }
    }
  }
  return merged;
}

export function buildPermissions(ruleMap: RuleMap) {
  return shield(ruleMap as IRules, {
    fallbackRule: deny,
    fallbackError: forbiddenError,
    allowExternalErrors: true,
    debug: false,
  });
}
