import { VerifyPersonalIdentityNumberDocument } from '@register/schema';
import type { DocumentNode } from 'graphql';
import buildGraphQLProvider from 'ra-data-graphql';
import { HttpError, type DataProvider, type RaRecord } from 'react-admin';
import { currentMe, currentPrincipal, loadMe, type Me } from '../access/session';
import { graphqlClient } from '../graphqlClient';
import { buildQuery } from './buildQuery';
import { toHttpError } from './errors';
import { acceptWithheldFields } from './fieldErrors';
import { pruneDocument } from './pruneDocument';
import { loadedQueries, loadQuery } from './registry';

export { toHttpError, errorCode } from './errors';
export { withheldFields } from './fieldErrors';

/** Operations that are not one of react-admin's CRUD calls, as loaded on demand by the screens. */
export interface RegisterDataProvider extends DataProvider {
  /** Checks a number a caller gives against the stored one; true on a match. Audited, rate-limited. */
  verifyPersonalIdentityNumber(customerId: string, value: string): Promise<boolean>;
  /**
   * Runs one of @register/schema's mutations that is no create/update/delete (converting a
   * quotation, adding a service to a contract…), pruned to what the roles may read; its record is
   * `data`.
   */
  command<T extends RaRecord = RaRecord>(document: DocumentNode, variables: Record<string, unknown>): Promise<{ data: T }>;
}

/**
 * Every answer is taken with errorPolicy 'all': a field the API withholds from one record (a row
 * rule of the data map, e.g. marketing and a channel the customer has not permitted) is empty
 * while the rest of the answer stands; any other error still fails the call (fieldErrors.ts).
 */
const fetchOptions = () => ({ fetchPolicy: 'no-cache' as const, errorPolicy: 'all' as const });

/**
 * ra-data-graphql without introspection: the queries are the typed documents of
 * @register/schema, pruned to what the signed-in roles may read. `buildQuery` is a factory that
 * ra-data-graphql calls for every request, and it reads the roles of that moment (never a field
 * set cached from an earlier sign-in).
 */
const graphqlProvider = buildGraphQLProvider({
  client: graphqlClient,
  introspection: false,
  buildQuery: () => buildQuery(currentPrincipal(), loadedQueries),
  query: fetchOptions,
  mutation: fetchOptions,
});

/** Nobody signed in (or the session ended): the authProvider's checkError signs out. */
async function signedIn(): Promise<void> {
  const me = await loadMe().catch((error: unknown) => {
    throw toHttpError(error);
  });
  if (!me) throw new HttpError('Sign in first.', 401, { code: 'UNAUTHENTICATED' });
}

const METHODS = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'delete'] as const;

/** A list request started before its screen asked for it (boot.ts), for the session it was made in. */
interface EarlyList {
  key: string;
  me: Me | null | undefined;
  startedAt: number;
  result: Promise<unknown>;
}

/** An early request not taken by then is dropped (the screen asks again). */
const EARLY_LIST_TTL_MS = 10_000;

const earlyLists = new Map<string, EarlyList>();

/** The part of react-admin's list parameters that decides the answer, in a stable form. */
function listKey(params: unknown): string {
  const { pagination, sort, filter } = (params ?? {}) as { pagination?: unknown; sort?: unknown; filter?: unknown };
  const stable = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, stable((value as Record<string, unknown>)[key])]),
        )
      : value;
  return JSON.stringify(stable({ pagination, sort, filter: filter ?? {} }));
}

/**
 * The early request for this list, if one was started with the same page, sort and filter in the
 * same session and not long ago: taken once (the next call asks the API again).
 */
function takeEarlyList(resource: string, params: unknown): Promise<unknown> | undefined {
  const early = earlyLists.get(resource);
  if (!early) return undefined;
  earlyLists.delete(resource);
  const fresh = Date.now() - early.startedAt < EARLY_LIST_TTL_MS;
  return fresh && early.me === currentMe() && early.key === listKey(params) ? early.result : undefined;
}

/** One of react-admin's calls, as the API answers it now. */
function direct(method: (typeof METHODS)[number]) {
  return async (resource: string, params: unknown) => {
    await signedIn();
    try {
      await loadQuery(resource);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- react-admin's own signature
      return await (graphqlProvider[method] as (r: string, p: any) => Promise<any>)(resource, params);
    } catch (error) {
      throw toHttpError(error);
    }
  };
}

function wrap(method: (typeof METHODS)[number]) {
  const call = direct(method);
  if (method !== 'getList') return call;
  return (resource: string, params: unknown) => {
    const early = takeEarlyList(resource, params);
    // A failed early request is not the screen's answer: it asks again itself.
    return early ? early.catch(() => call(resource, params)) : call(resource, params);
  };
}

/**
 * Starts the request of a list screen before the screen is rendered (the address names it at
 * start-up, boot.ts): the same call, through the same pruning by role, whose answer the screen's
 * own identical call then takes instead of asking again.
 */
export function startListEarly(resource: string, params: { pagination: { page: number; perPage: number }; sort: { field: string; order: string }; filter: Record<string, unknown> }): void {
  const result = direct('getList')(resource, params);
  result.catch(() => undefined);
  earlyLists.set(resource, { key: listKey(params), me: currentMe(), startedAt: Date.now(), result });
}

const unsupported = (what: string) => () =>
  Promise.reject(new HttpError(`${what} is not available in the register.`, 400, { code: 'UNSUPPORTED' }));

export const dataProvider = {
  ...(Object.fromEntries(METHODS.map((method) => [method, wrap(method)])) as Pick<
    DataProvider,
    (typeof METHODS)[number]
  >),
  updateMany: unsupported('Changing many records at once'),
  deleteMany: unsupported('Deleting many records at once'),
  async verifyPersonalIdentityNumber(customerId: string, value: string): Promise<boolean> {
    await signedIn();
    try {
      const result = await graphqlClient.mutate({
        mutation: VerifyPersonalIdentityNumberDocument,
        variables: { customerId, value },
        fetchPolicy: 'no-cache',
      });
      return result.data?.verifyPersonalIdentityNumber === true;
    } catch (error) {
      throw toHttpError(error);
    }
  },
  async command<T extends RaRecord = RaRecord>(source: DocumentNode, variables: Record<string, unknown>) {
    await signedIn();
    const principal = currentPrincipal();
    const document = pruneDocument(source, principal);
    try {
      const result = await graphqlClient.mutate({ mutation: document, variables, ...fetchOptions() });
      const data = acceptWithheldFields(result as never, document, principal) as { data?: T | null };
      if (!data?.data) throw new HttpError('The register returned no record.', 500, { code: 'INTERNAL_SERVER_ERROR' });
      return { data: data.data };
    } catch (error) {
      throw toHttpError(error);
    }
  },
} satisfies RegisterDataProvider;
