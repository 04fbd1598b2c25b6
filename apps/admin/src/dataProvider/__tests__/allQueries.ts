import { auditEventQuery } from '../../auditEvents/query';
import { billingAccountQuery } from '../../billingAccounts/query';
import { contactPersonQuery } from '../../contactPersons/query';
import { contractQuery } from '../../contracts/query';
import { customerEventQuery } from '../../customerEvents/query';
import { customerFiguresQuery } from '../../customerFigures/query';
import { customerQuery } from '../../customers/query';
import { equipmentModelQuery } from '../../equipmentModels/query';
import { feedbackQuery } from '../../feedback/query';
import { invoiceQuery } from '../../invoices/query';
import { marketingPermitEntryQuery } from '../../marketingPermitEntries/query';
import { orderQuery } from '../../orders/query';
import { quotationQuery } from '../../quotations/query';
import { serviceProductQuery } from '../../serviceProducts/query';
import { simCardQuery } from '../../simCards/query';
import { staffUserQuery } from '../../staffUsers/query';
import type { ResourceQuery } from '../resourceQuery';

/** Every resource's query config, loaded at once (the app loads each with its first call). */
export const ALL_QUERIES: ReadonlyMap<string, ResourceQuery> = new Map(
  Object.entries({
    customers: customerQuery,
    contactPersons: contactPersonQuery,
    billingAccounts: billingAccountQuery,
    invoices: invoiceQuery,
    feedback: feedbackQuery,
    marketingPermitEntries: marketingPermitEntryQuery,
    serviceProducts: serviceProductQuery,
    equipmentModels: equipmentModelQuery,
    contracts: contractQuery,
    simCards: simCardQuery,
    customerEvents: customerEventQuery,
    customerFigures: customerFiguresQuery,
    orders: orderQuery,
    quotations: quotationQuery,
    auditEvents: auditEventQuery,
    staffUsers: staffUserQuery,
  }),
);
