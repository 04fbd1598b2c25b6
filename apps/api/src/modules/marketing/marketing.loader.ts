import DataLoader from 'dataloader';
import type { RequestContext } from '../../graphql/context.js';
import type { MarketingPermissions } from './marketing.types.js';

const loaders = new WeakMap<object, DataLoader<string, MarketingPermissions | null>>();

/**
 * The current permissions of the customers a request touches, loaded once per request and page:
 * every field rule and field resolver of a page asks in the same tick, and one query answers them
 * all. Per request only, so the next request sees a decision the moment it was recorded.
 */
export function marketingPermissionsLoader(ctx: RequestContext): DataLoader<string, MarketingPermissions | null> {
  let loader = loaders.get(ctx.em);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const found = await ctx.services.marketing.permissionsOf(ctx.em, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    loaders.set(ctx.em, loader);
  }
  return loader;
}
