/**
 * Fixtures shared by the order, quotation and delivery-partner suites: customers and products of
 * the demo register, valid unique ICCIDs, and GraphQL documents asking for every field.
 */
import { iccidCheckDigit } from '@register/identifiers';
import { dataMap } from '@register/schema';
import { expect } from 'vitest';
import { AuditLog } from '../src/audit/audit-log.js';
import { sql } from './support/helpers.js';
import type { Client, TestApp } from './support/test-app.js';

export const ORDER_FIELDS: readonly string[] = Object.keys(dataMap.Order.fields);
export const ORDER_LINE_FIELDS: readonly string[] = Object.keys(dataMap.OrderLine.fields);
export const QUOTATION_FIELDS: readonly string[] = Object.keys(dataMap.Quotation.fields);
export const QUOTATION_LINE_FIELDS: readonly string[] = Object.keys(dataMap.QuotationLine.fields);

/** Every scalar field of Order, with `lines` expanded to every field of OrderLine. */
export const ORDER_SELECTION = ORDER_FIELDS.map((f) => (f === 'lines' ? `lines { ${ORDER_LINE_FIELDS.join(' ')} }` : f)).join(' ');
export const QUOTATION_SELECTION = QUOTATION_FIELDS.map((f) =>
  f === 'lines' ? `lines { ${QUOTATION_LINE_FIELDS.join(' ')} }` : f,
).join(' ');

/** The fields a delivery partner reads on an order: its delivery data, nothing else. */
export const PARTNER_ORDER_FIELDS = [
  'id',
  'orderNumber',
  'status',
  'deliveryDate',
  'deliveryStreetAddress',
  'deliveryPostalCode',
  'deliveryCity',
  'deliveryCountry',
  'recipientName',
  'simIccids',
] as const;

/** The delivery fields billing does not need (it reads what it invoices). */
export const DELIVERY_ONLY_FIELDS = [
  'deliveryStreetAddress',
  'deliveryPostalCode',
  'deliveryCity',
  'deliveryCountry',
  'recipientName',
  'simIccids',
] as const;

let iccidCounter = 0;
/** A valid Finnish ICCID (89358…, Luhn) that no other fixture of this process uses. */
export function uniqueIccid(): string {
  iccidCounter += 1;
  const body = `8935899${String(process.pid % 100000).padStart(5, '0')}${String(iccidCounter).padStart(6, '0')}`;
  return `${body}${iccidCheckDigit(body)}`;
}

/** The same ICCID with a wrong check digit. */
export function badChecksum(iccid: string): string {
  const last = Number(iccid.slice(-1));
  return `${iccid.slice(0, -1)}${(last + 1) % 10}`;
}

export async function activeCustomerIds(app: TestApp, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }>(app, `select id from customer where status = 'ACTIVE' order by id limit ?`, [count]);
  expect(rows.length).toBe(count);
  return rows.map((row) => row.id);
}

export interface Catalogue {
  mobile: { id: string; priceCents: number };
  broadband: { id: string; priceCents: number };
  router: { id: string; priceCents: number };
  phone: { id: string; priceCents: number };
}

export async function catalogue(app: TestApp): Promise<Catalogue> {
  const services = await sql<{ id: string; code: string; monthly_price_cents: number }>(
    app,
    `select id, code, monthly_price_cents from service_product where code in ('MOB-5G-100', 'BB-FIBER-300')`,
  );
  const equipment = await sql<{ id: string; sku: string; price_cents: number }>(
    app,
    `select id, sku, price_cents from equipment_model where sku in ('RTR-AX3000', 'PHN-GALAXY-S')`,
  );
  const service = (code: string) => {
    const row = services.find((s) => s.code === code)!;
    return { id: row.id, priceCents: row.monthly_price_cents };
  };
  const device = (sku: string) => {
    const row = equipment.find((e) => e.sku === sku)!;
    return { id: row.id, priceCents: row.price_cents };
  };
  return { mobile: service('MOB-5G-100'), broadband: service('BB-FIBER-300'), router: device('RTR-AX3000'), phone: device('PHN-GALAXY-S') };
}

export const CREATE_ORDER = `mutation(
  $customerId: ID, $orderDate: LocalDate, $deliveryDate: LocalDate, $lines: [OrderLineInput!], $simIccids: [String!],
  $deliveryStreetAddress: String, $deliveryPostalCode: String, $deliveryCity: String, $deliveryCountry: String,
  $recipientName: String, $sourceType: DataSource, $sourcePartner: String
) {
  createOrder(customerId: $customerId, orderDate: $orderDate, deliveryDate: $deliveryDate, lines: $lines, simIccids: $simIccids,
    deliveryStreetAddress: $deliveryStreetAddress, deliveryPostalCode: $deliveryPostalCode, deliveryCity: $deliveryCity,
    deliveryCountry: $deliveryCountry, recipientName: $recipientName, sourceType: $sourceType, sourcePartner: $sourcePartner) {
    id orderNumber status valueCents orderDate deliveryDate customerId simIccids
    lines { id lineNumber serviceProductId equipmentModelId quantity unitPriceCents totalCents }
  }
}`;

export const UPDATE_ORDER = `mutation(
  $id: ID!, $status: OrderStatus, $deliveryDate: LocalDate, $deliveredAt: LocalDate, $simIccids: [String!],
  $deliveryStreetAddress: String, $deliveryPostalCode: String, $deliveryCity: String, $deliveryCountry: String,
  $recipientName: String, $sourceType: DataSource, $sourcePartner: String
) {
  updateOrder(id: $id, status: $status, deliveryDate: $deliveryDate, deliveredAt: $deliveredAt, simIccids: $simIccids,
    deliveryStreetAddress: $deliveryStreetAddress, deliveryPostalCode: $deliveryPostalCode, deliveryCity: $deliveryCity,
    deliveryCountry: $deliveryCountry, recipientName: $recipientName, sourceType: $sourceType, sourcePartner: $sourcePartner) {
    id status deliveredAt deliveryDate simIccids deliveryPostalCode deliveryCountry
  }
}`;

export interface CreatedOrder {
  id: string;
  orderNumber: number;
  status: string;
  valueCents: number;
  orderDate: string;
  deliveryDate: string;
  customerId: string;
  simIccids: string[];
  lines: { id: string; lineNumber: number; serviceProductId: string | null; equipmentModelId: string | null; quantity: number; unitPriceCents: number; totalCents: number }[];
}

/** YYYY-MM-DD of today in Finland, plus days. */
export function day(offset = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

export const ADDRESS = {
  deliveryStreetAddress: 'Toimituskatu 5 B 12',
  deliveryPostalCode: '33100',
  deliveryCity: 'TAMPERE',
  deliveryCountry: 'FI',
  recipientName: 'Vastaanottaja Virtanen',
};

/** Creates an order through the API and fails the test on any error. */
export async function createOrder(client: Client, variables: Record<string, unknown>): Promise<CreatedOrder> {
  const result = await client.gql<{ createOrder: CreatedOrder }>(CREATE_ORDER, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.createOrder;
}

/** Moves an order along its statuses through the API. */
export async function advance(client: Client, id: string, ...statuses: string[]): Promise<void> {
  for (const status of statuses) {
    const result = await client.gql(UPDATE_ORDER, { id, status });
    expect(result.errors, `${status}: ${JSON.stringify(result.errors)}`).toBeUndefined();
  }
}

/** An audit log for writing fixtures through the services directly (no HTTP). */
export const fixtureAudit = () => new AuditLog({ kind: 'system', name: 'test-fixture' }, 'test', 'test-fixture', 'test fixture');

/** Counts of everything an order or quotation write touches. */
export async function writes(app: TestApp) {
  const [row] = await sql<Record<string, string>>(
    app,
    `select (select count(*) from customer_order)::text as orders,
            (select count(*) from customer_order_line)::text as order_lines,
            (select count(*) from quotation)::text as quotations,
            (select count(*) from quotation_line)::text as quotation_lines,
            (select count(*) from customer_event)::text as history,
            (select count(*) from audit_event where action in ('create', 'update', 'delete'))::text as changes,
            (select md5(coalesce(string_agg(row_to_json(o)::text, ',' order by id), '')) from customer_order o) as order_rows,
            (select md5(coalesce(string_agg(row_to_json(q)::text, ',' order by id), '')) from quotation q) as quotation_rows`,
  );
  return row;
}
