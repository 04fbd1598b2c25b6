import { CreateOrderDocument, OrderListDocument, OrderOneDocument, UpdateOrderDocument } from '@register/schema';
import { booleanValue, integerValue, lineInputs, type ResourceQuery } from '../dataProvider/resourceQuery';

/** SIM card numbers typed one per line or separated by commas. */
export const iccidList = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map((item) => String(item).replace(/\s+/g, '')).filter(Boolean);
  if (typeof value !== 'string') return value;
  return value
    .split(/[\n,;]+/)
    .map((item) => item.replace(/\s+/g, ''))
    .filter(Boolean);
};

/** A list row needs no order lines. */
const ORDER_LIST_FIELDS: ReadonlySet<string> = new Set([
  'id', 'orderNumber', 'customerId', 'status', 'orderDate', 'deliveryDate', 'deliveredAt', 'deliveryCity',
  'recipientName', 'valueCents', 'quotationId', 'createdAt', 'updatedAt',
]);

export const orderQuery: ResourceQuery = {
  typeName: 'Order',
  documents: {
    list: OrderListDocument,
    one: OrderOneDocument,
    create: CreateOrderDocument,
    update: UpdateOrderDocument,
  },
  sortFields: ['orderNumber', 'orderDate', 'deliveryDate', 'deliveredAt', 'status', 'valueCents', 'createdAt', 'updatedAt'],
  defaultSort: { field: 'orderNumber', order: 'DESC' },
  filters: {
    ids: ['id'],
    customerId: ['customerId'],
    orderNumber: ['orderNumber'],
    status: ['status'],
    open: ['status'],
    orderedAfter: ['orderDate'],
    orderedBefore: ['orderDate'],
    quotationId: ['quotationId'],
  },
  filterValues: { open: booleanValue, orderNumber: integerValue },
  listFields: ORDER_LIST_FIELDS,
  serialize: {
    lines: lineInputs(['serviceProductId', 'equipmentModelId', 'quantity', 'unitPriceCents']),
    simIccids: iccidList,
  },
};
