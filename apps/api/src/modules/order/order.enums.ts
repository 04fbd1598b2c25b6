import { registerEnumType } from 'type-graphql';

/** The life of an order. DELIVERED and CANCELLED are final; the others are "open". */
export enum OrderStatus {
  NEW = 'NEW',
  CONFIRMED = 'CONFIRMED',
  IN_DELIVERY = 'IN_DELIVERY',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}

/** Open orders: the only ones a delivery partner ever sees. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.NEW,
  OrderStatus.CONFIRMED,
  OrderStatus.IN_DELIVERY,
];

export const isOpenOrderStatus = (status: OrderStatus) => OPEN_ORDER_STATUSES.includes(status);

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'NEW → CONFIRMED → IN_DELIVERY → DELIVERED, or CANCELLED; DELIVERED and CANCELLED are final',
});
