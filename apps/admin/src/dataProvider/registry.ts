import { customerQuery } from '../customers/query';
import type { ResourceQuery } from './resourceQuery';

/**
 * The query config of every other resource, each loaded with the first call for it (so its
 * documents travel in its own chunk, not in the app's first download).
 */
const LOADERS: Readonly<Record<string, () => Promise<ResourceQuery>>> = {
  contactPersons: () => import('../contactPersons/query').then((m) => m.contactPersonQuery),
  billingAccounts: () => import('../billingAccounts/query').then((m) => m.billingAccountQuery),
  invoices: () => import('../invoices/query').then((m) => m.invoiceQuery),
  feedback: () => import('../feedback/query').then((m) => m.feedbackQuery),
  disclosures: () => import('../disclosures/query').then((m) => m.disclosureQuery),
  dataSubjectRequests: () => import('../dataSubjectRequests/query').then((m) => m.dataSubjectRequestQuery),
  marketingPermitEntries: () => import('../marketingPermitEntries/query').then((m) => m.marketingPermitEntryQuery),
  serviceProducts: () => import('../serviceProducts/query').then((m) => m.serviceProductQuery),
  equipmentModels: () => import('../equipmentModels/query').then((m) => m.equipmentModelQuery),
  contracts: () => import('../contracts/query').then((m) => m.contractQuery),
  simCards: () => import('../simCards/query').then((m) => m.simCardQuery),
  customerEvents: () => import('../customerEvents/query').then((m) => m.customerEventQuery),
  customerFigures: () => import('../customerFigures/query').then((m) => m.customerFiguresQuery),
  orders: () => import('../orders/query').then((m) => m.orderQuery),
  quotations: () => import('../quotations/query').then((m) => m.quotationQuery),
  auditEvents: () => import('../auditEvents/query').then((m) => m.auditEventQuery),
  staffUsers: () => import('../staffUsers/query').then((m) => m.staffUserQuery),
};

/**
 * The customers' config is in the first download: the customer list is where staff start, and
 * boot.ts asks for its first page as soon as `me` answers, which would otherwise wait for this
 * chunk to arrive (behind the list screen's own chunks) while React starts rendering.
 */
const loaded = new Map<string, ResourceQuery>([['customers', customerQuery]]);

/** The configs loaded so far, by resource name. */
export const loadedQueries: ReadonlyMap<string, ResourceQuery> = loaded;

export async function loadQuery(resource: string): Promise<ResourceQuery> {
  const known = loaded.get(resource);
  if (known) return known;
  const load = LOADERS[resource];
  if (!load) throw new Error(`Unknown resource ${resource}.`);
  const config = await load();
  loaded.set(resource, config);
  return config;
}
