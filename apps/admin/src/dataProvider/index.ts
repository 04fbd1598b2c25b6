import { VerifyPersonalIdentityNumberDocument } from '@register/schema';
import buildGraphQLProvider from 'ra-data-graphql';
import { HttpError, type DataProvider } from 'react-admin';
import { currentPrincipal, loadMe } from '../access/session';
import { graphqlClient } from '../graphqlClient';
import { buildQuery } from './buildQuery';
import { toHttpError } from './errors';

export { toHttpError, errorCode } from './errors';

export interface RegisterDataProvider extends DataProvider {
  /** Checks a number a caller gives against the stored one; true on a match. Audited, rate-limited. */
  verifyPersonalIdentityNumber(customerId: string, value: string): Promise<boolean>;
}

const noCache = () => ({ fetchPolicy: 'no-cache' as const });

/**
 * ra-data-graphql without introspection: the queries are the typed documents of
 * @register/schema, pruned to what the signed-in roles may read. `buildQuery` is a factory that
 * ra-data-graphql calls for every request, and it reads the roles of that moment (never a field
 * set cached from an earlier sign-in).
 */
const graphqlProvider = buildGraphQLProvider({
  client: graphqlClient,
  introspection: false,
  buildQuery: () => buildQuery(currentPrincipal()),
  query: noCache,
  mutation: noCache,
});

/** Nobody signed in (or the session ended): the authProvider's checkError signs out. */
async function signedIn(): Promise<void> {
  const me = await loadMe().catch((error: unknown) => {
    throw toHttpError(error);
  });
  if (!me) throw new HttpError('Sign in first.', 401, { code: 'UNAUTHENTICATED' });
}

const METHODS = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'delete'] as const;

function wrap(method: (typeof METHODS)[number]) {
  return async (resource: string, params: unknown) => {
    await signedIn();
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- react-admin's own signature
      return await (graphqlProvider[method] as (r: string, p: any) => Promise<any>)(resource, params);
    } catch (error) {
      throw toHttpError(error);
    }
  };
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
} satisfies RegisterDataProvider;
