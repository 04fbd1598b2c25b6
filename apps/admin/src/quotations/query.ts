import { CreateQuotationDocument, QuotationListDocument, QuotationOneDocument, UpdateQuotationDocument } from '@register/schema';
import { integerValue, lineInputs, type ResourceQuery } from '../dataProvider/resourceQuery';

/** A list row needs no quotation lines. */
const QUOTATION_LIST_FIELDS: ReadonlySet<string> = new Set([
  'id', 'quotationNumber', 'customerId', 'quotationDate', 'validUntil', 'status', 'totalCents', 'preparedByName',
  'createdAt', 'updatedAt',
]);

export const quotationQuery: ResourceQuery = {
  typeName: 'Quotation',
  documents: {
    list: QuotationListDocument,
    one: QuotationOneDocument,
    create: CreateQuotationDocument,
    update: UpdateQuotationDocument,
  },
  sortFields: ['quotationNumber', 'quotationDate', 'validUntil', 'status', 'totalCents', 'createdAt', 'updatedAt'],
  defaultSort: { field: 'quotationNumber', order: 'DESC' },
  filters: { ids: ['id'], customerId: ['customerId'], quotationNumber: ['quotationNumber'], status: ['status'] },
  filterValues: { quotationNumber: integerValue },
  listFields: QUOTATION_LIST_FIELDS,
  serialize: { lines: lineInputs(['serviceProductId', 'equipmentModelId', 'quantity', 'unitPriceCents']) },
};
