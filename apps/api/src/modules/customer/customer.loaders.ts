import DataLoader from 'dataloader';
import type { RequestContext } from '../../graphql/context.js';
import type { View } from '../../db/views.js';

type Loaders = Map<string, DataLoader<string, View[]>>;
const perRequest = new WeakMap<object, Loaders>();

function loader(ctx: object, key: string, load: (ids: readonly string[]) => Promise<Map<string, View[]>>) {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = new Map();
    perRequest.set(ctx, loaders);
  }
  let found = loaders.get(key);
  if (!found) {
    found = new DataLoader(async (ids: readonly string[]) => {
      const byOwner = await load(ids);
      return ids.map((id) => byOwner.get(id) ?? []);
    });
    loaders.set(key, found);
  }
  return found;
}

/**
 * The contracts of customers that were not read with them (a customer from a mutation, or from a
 * caller with conditional reads): every customer of the response in one statement.
 */
export function contractsLoader(ctx: Pick<RequestContext, 'db' | 'services'>, simCards: boolean): DataLoader<string, View[]> {
  return loader(ctx, `contracts:${simCards}`, (ids) => ctx.services.customers.reads.contractsOf(ctx.db, ids, simCards));
}

/** The SIM cards of contracts read without them: every contract of the response in one statement. */
export function simCardsLoader(ctx: Pick<RequestContext, 'db' | 'services'>): DataLoader<string, View[]> {
  return loader(ctx, 'simCards', (ids) => ctx.services.customers.reads.simCardsOf(ctx.db, ids));
}
