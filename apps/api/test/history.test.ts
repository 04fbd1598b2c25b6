import { dataMap } from '@register/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerEventKind } from '../src/modules/history/history.enums.js';
import { expectBadInput, onlyError, sql } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * The customer history: one append-only timeline per customer. The system records contract
 * events in the transaction of the change; staff record customer contacts. Read by service,
 * sales, billing and the dpo; contacts recorded by service, sales and the dpo.
 */
const FIELDS = Object.keys(dataMap.CustomerEvent.fields);
const ALL = FIELDS.join(' ');
const READERS = ['service', 'sales', 'billing', 'dpo'] as const;
const NON_READERS = ['marketing', 'analyst', 'admin'] as const;
const RECORD = `mutation($customerId: ID, $channel: ContactChannel, $summary: String, $at: DateTime) {
  recordCustomerContact(customerId: $customerId, channel: $channel, summary: $summary, at: $at) { id customerId kind channel summary at staffUserId sourceType }
}`;

type Row = Record<string, unknown>;

let app: TestApp;
let delivery: Client;
let customerId: string;
let otherCustomerId: string;
const clients = new Map<string, Client>();
const as = async (role: string) => {
  let client = clients.get(role);
  if (!client) {
    client = await app.as(role);
    clients.set(role, client);
  }
  return client;
};

async function fingerprint() {
  const [row] = await sql<{ f: string }>(
    app,
    `select md5(concat_ws('|', (select string_agg(row_to_json(e)::text, ',' order by id) from customer_event e),
        (select count(*) from audit_event where action in ('create', 'update', 'delete'))::text)) as f`,
  );
  return row!.f;
}

async function nothingWritten(run: () => Promise<GraphQLResponse<unknown>>) {
  const before = await fingerprint();
  const result = await run();
  expect(await fingerprint(), 'nothing written').toBe(before);
  return result;
}

const contact = async (role: string, variables: Record<string, unknown>) =>
  (await as(role)).gql<{ recordCustomerContact: Row }>(RECORD, { customerId, channel: 'PHONE', summary: 'Soitti laskusta.', ...variables });

beforeAll(async () => {
  app = await startTestApp({ customers: 5 });
  const service = await as('service');
  customerId = (await service.gql<{ createCustomer: { id: string } }>('mutation { createCustomer(kind: PRIVATE, name: "Historia Asiakas") { id } }')).data!
    .createCustomer.id;
  otherCustomerId = (await service.gql<{ createCustomer: { id: string } }>('mutation { createCustomer(kind: PRIVATE, name: "Toinen Asiakas") { id } }')).data!
    .createCustomer.id;
  const [mobile] = await sql<{ id: string }>(app, "select id from service_product where code = 'MOB-5G-100'");
  const contract = await service.gql(
    'mutation($c: ID, $p: ID!) { createContract(customerId: $c, startDate: "2025-03-01", status: ACTIVE, lines: [{ serviceProductId: $p }]) { id } }',
    { c: customerId, p: mobile!.id },
  );
  expect(contract.errors).toBeUndefined();
  for (const [channel, summary, at] of [
    ['EMAIL', 'Kysyi tarjousta kuidusta.', '2025-04-01T09:00:00Z'],
    ['VISIT', 'Kävi myymälässä.', '2025-05-02T12:30:00Z'],
    ['CHAT', 'Kysyi roaming-hinnoista.', '2025-06-03T15:45:00Z'],
  ] as const) {
    const result = await contact('service', { channel, summary, at });
    expect(result.errors).toBeUndefined();
  }
  const other = await contact('service', { customerId: otherCustomerId, summary: 'Toisen asiakkaan puhelu.' });
  expect(other.errors).toBeUndefined();
  const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'deliveries', scopes: ['delivery'], createdBy: null });
  delivery = app.partner(key);
});
afterAll(() => app?.close());

describe('reading the timeline', () => {
  for (const role of READERS) {
    it(`${role} reads a customer's whole timeline, newest first`, async () => {
      const result = await (await as(role)).gql<{ allCustomerEvents: Row[]; _allCustomerEventsMeta: { count: number } }>(
        `query($c: ID) { allCustomerEvents(filter: { customerId: $c }) { ${ALL} } _allCustomerEventsMeta(filter: { customerId: $c }) { count } }`,
        { c: customerId },
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const events = result.data!.allCustomerEvents;
      expect(events).toHaveLength(4);
      expect(result.data!._allCustomerEventsMeta.count).toBe(4);
      expect(events.every((event) => event.customerId === customerId)).toBe(true);
      const times = events.map((event) => Date.parse(event.at as string));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(events.map((event) => event.kind)).toEqual(['CONTRACT_CREATED', 'CONTACT', 'CONTACT', 'CONTACT']);
      expect(events[0]!.after).toMatchObject({ status: 'ACTIVE', services: [{ serviceProductCode: 'MOB-5G-100', quantity: 1, monthlyPriceCents: 2490 }] });
      expect(events[0]!.recordType).toBe('Contract');
      expect(events[1]).toMatchObject({ channel: 'CHAT', summary: 'Kysyi roaming-hinnoista.', sourceType: 'DATA_SUBJECT' });
    });
  }

  const refused: [string, () => Client | Promise<Client>, string][] = [
    ...NON_READERS.map((role): [string, () => Promise<Client>, string] => [role, () => as(role), 'FORBIDDEN']),
    ['partner with scope delivery', () => delivery, 'FORBIDDEN'],
    ['anonymous', () => app.anonymous(), 'UNAUTHENTICATED'],
  ];
  for (const [who, client, code] of refused) {
    it(`${who}: the timeline is ${code}`, async () => {
      const c = await client();
      expect(onlyError(await c.gql('{ allCustomerEvents { id summary } }'), code).path).toEqual(['allCustomerEvents']);
      expect(onlyError(await c.gql('{ _allCustomerEventsMeta { count } }'), code).path).toEqual(['_allCustomerEventsMeta']);
    });
  }

  it('filters by kind and time, and sorts when asked', async () => {
    const result = await (await as('billing')).gql<{ contacts: Row[]; window: Row[]; oldest: Row[] }>(
      `query($c: ID) {
        contacts: allCustomerEvents(filter: { customerId: $c, kind: CONTACT }) { kind }
        window: allCustomerEvents(filter: { customerId: $c, after: "2025-04-15T00:00:00Z", before: "2025-06-01T00:00:00Z" }) { summary }
        oldest: allCustomerEvents(filter: { customerId: $c }, sortField: "at", sortOrder: "ASC", perPage: 1) { summary }
      }`,
      { c: customerId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.contacts).toHaveLength(3);
    expect(result.data!.window.map((e) => e.summary)).toEqual(['Kävi myymälässä.']);
    expect(result.data!.oldest.map((e) => e.summary)).toEqual(['Kysyi tarjousta kuidusta.']);
  });

  it('a time window the wrong way round is bad input', async () => {
    const result = await (await as('service')).gql('{ allCustomerEvents(filter: { after: "2025-06-01T00:00:00Z", before: "2025-01-01T00:00:00Z" }) { id } }');
    expectBadInput(result, 'filter.after');
  });
});

describe('recording a customer contact', () => {
  for (const role of ['service', 'sales', 'dpo'] as const) {
    it(`${role} records a contact: in the timeline under the staff member, audited with field names only`, async () => {
      const me = await (await as(role)).gql<{ me: { id: string } }>('{ me { id } }');
      const summary = `Yhteydenotto (${role}).`;
      const result = await contact(role, { channel: 'PHONE', summary });
      expect(result.errors).toBeUndefined();
      expect(result.data!.recordCustomerContact).toMatchObject({ customerId, kind: 'CONTACT', channel: 'PHONE', summary, staffUserId: me.data!.me.id });
      const [event] = await sql<{ operation: string; subject_type: string; subject_id: string; fields: string[] }>(
        app,
        "select operation, subject_type, subject_id, fields from audit_event where operation = 'recordCustomerContact' order by seq desc limit 1",
      );
      expect(event).toEqual({ operation: 'recordCustomerContact', subject_type: 'CustomerEvent', subject_id: customerId, fields: ['at', 'channel', 'kind', 'summary'] });
    });
  }

  for (const role of ['billing', 'marketing', 'analyst', 'admin'] as const) {
    it(`${role} may not record a contact: FORBIDDEN, nothing written`, async () => {
      const result = await nothingWritten(() => contact(role, { summary: `Ei saa (${role}).` }));
      onlyError(result, 'FORBIDDEN');
    });
  }

  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['no customer', { customerId: null }, 'customerId', /required/],
    ['a customer that does not exist', { customerId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' }, 'customerId', /not the id of any customer/],
    ['no channel', { channel: null }, 'channel', /PHONE, EMAIL, VISIT, CHAT/],
    ['an unknown channel', { channel: 'PIGEON' }, 'channel', /PIGEON/],
    ['no summary', { summary: '   ' }, 'summary', /required/],
    ['a summary starting with spaces', { summary: ' Soitti.' }, 'summary', /spaces/],
    ['a summary of 2001 characters', { summary: 'a'.repeat(2001) }, 'summary', /at most 2000/],
    ['a summary with a control character', { summary: 'Soitti\u0007.' }, 'summary', /control characters/],
    ['a contact in the future', { at: '2999-01-01T10:00:00Z' }, 'at', /future/],
    ['a contact before 1990', { at: '1989-12-31T10:00:00Z' }, 'at', /1990/],
  ];
  for (const [name, variables, field, message] of cases) {
    it(`refuses ${name}, naming ${field}, writing nothing`, async () => {
      const result = await nothingWritten(() => contact('service', variables));
      expect(expectBadInput(result, field).message).toMatch(message);
    });
  }

  it('a summary may have line breaks', async () => {
    const result = await contact('service', { summary: 'Soitti kahdesti.\nSovittu takaisinsoitto.' });
    expect(result.errors).toBeUndefined();
  });
});

describe('append-only', () => {
  it('the API has no operation that changes or removes an event', async () => {
    const result = await (await as('dpo')).gql<{ __schema: { mutationType: { fields: { name: string; type: { name: string | null; ofType: { name: string } | null } }[] } } }>(
      '{ __schema { mutationType { fields { name type { name ofType { name } } } } } }',
    );
    const returningEvents = result.data!.__schema.mutationType.fields.filter((field) => (field.type.name ?? field.type.ofType?.name) === 'CustomerEvent');
    expect(returningEvents.map((field) => field.name)).toEqual(['recordCustomerContact']);
    expect(result.data!.__schema.mutationType.fields.map((f) => f.name).filter((name) => /CustomerEvent/.test(name))).toEqual([]);
  });

  it('HistoryService.record writes with the transaction of the change, or not at all', async () => {
    const em = app.orm.em.fork();
    const before = await sql<{ n: string }>(app, 'select count(*)::text as n from customer_event where customer_id = ?', [otherCustomerId]);
    await expect(
      em.transactional(async (tx) => {
        app.services.history.record(tx, { customerId: otherCustomerId, kind: CustomerEventKind.ORDER, summary: 'Tilaus, joka peruttiin' });
        await tx.flush();
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await sql<{ n: string }>(app, 'select count(*)::text as n from customer_event where customer_id = ?', [otherCustomerId]);
    expect(after).toEqual(before);

    await em.transactional(async (tx) => {
      app.services.history.record(tx, {
        customerId: otherCustomerId,
        kind: CustomerEventKind.ORDER,
        summary: 'Tilaus TIL-1 vastaanotettu',
        after: { status: 'RECEIVED', valueCents: 14900 },
        recordType: 'Order',
        recordId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff',
      });
      // no explicit flush: em.transactional flushes what was queued before it commits
    });
    const [order] = await sql<{ kind: string; after: Row; source_type: string; staff_user_id: string | null }>(
      app,
      "select kind, after, source_type, staff_user_id from customer_event where customer_id = ? and kind = 'ORDER'",
      [otherCustomerId],
    );
    expect(order).toEqual({ kind: 'ORDER', after: { status: 'RECEIVED', valueCents: 14900 }, source_type: 'SERVICE_DELIVERY', staff_user_id: null });
  });
});
