import { customerAccess } from './access/rules';
import { loadMe, rolesOf } from './access/session';
import { CustomerList } from './customers/screens';
import { LIST_PER_PAGE, LIST_SORT } from './customers/fields';
import { startListEarly } from './dataProvider';
import { loadQuery } from './dataProvider/registry';

/** The customer list as it first opens: no page, sort or filter in the address. */
const CUSTOMER_LIST = /^#\/customers\/?$/;

/** The first render waits at most this long for the early list request to be sent. */
const RENDER_WAIT_MS = 500;

/**
 * What the first screen needs, started before React renders anything: who is signed in (the
 * roles decide every screen), and, when the address is the customer list (where staff start),
 * its screen's chunk, its query and its first page. They run alongside the start-up instead of
 * one after another behind it; the screens take the answers (the data provider gives the list's
 * first call the early request). Nothing is asked that the screen would not ask itself: the page
 * is requested only for roles that may list customers, pruned to what they may read.
 *
 * Resolves when React may render: at once, or for the customer list once its request is on its
 * way (React's first render keeps the page busy for a while; until `me` answers it could show no
 * more than a spinner anyway), and never later than RENDER_WAIT_MS.
 */
export function startEarly(hash: string): Promise<void> {
  const me = loadMe().catch(() => null);
  if (!CUSTOMER_LIST.test(hash)) return Promise.resolve();
  // In the first download (registry.ts): resolved at once.
  const query = loadQuery('customers').catch(() => undefined);
  CustomerList.preload().catch(() => undefined);
  const sent = Promise.all([me, query]).then(([signedIn]) => {
    if (!signedIn || !customerAccess(rolesOf(signedIn)).canList) return;
    startListEarly('customers', {
      pagination: { page: 1, perPage: LIST_PER_PAGE },
      sort: { ...LIST_SORT },
      filter: {},
    });
    // The request leaves after a few promise steps (session, query config, Apollo): let them run.
    return new Promise<void>((resolve) => setTimeout(resolve, 0));
  });
  return Promise.race([sent, new Promise<void>((resolve) => setTimeout(resolve, RENDER_WAIT_MS))]);
}
