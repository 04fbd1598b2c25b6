import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/**
 * Per-request batch loaders, keyed by the request's EntityManager fork (one per request), so that
 * a relation asked for on every row of a page costs one statement for the whole page, not one per
 * row (no N+1). They die with the request's EntityManager.
 */
const loaders = new WeakMap<EntityManager, Map<string, DataLoader<object, unknown>>>();

export function requestLoader<K extends object, V>(
  em: EntityManager,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  let byName = loaders.get(em);
  if (!byName) {
    byName = new Map();
    loaders.set(em, byName);
  }
  let loader = byName.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { cache: false });
    byName.set(name, loader as unknown as DataLoader<object, unknown>);
  }
  return loader;
}
