import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRead, recordCondition, rowCondition, staff } from '@register/schema';
import { unimplementedRowConditions } from '../src/access/row-conditions.js';
import { countRows, errorAt, onlyError, sql, uniqueBusinessId } from './support/helpers.js';
import { DEMO_PASSWORD, startTestApp, type Client, type GraphQLResponse, type TestApp } from './support/test-app.js';

/**
 * Promise 6 through the real server: who reads and records direct-marketing decisions, and the
 * row-level restriction of the `marketing` role — it sees a customer only while at least one
 * channel permits marketing, and each contact field only while its own channel does. Every
 * expectation is checked against the database's current state, so loosening a rule fails here.
 */

type Channel = 'EMAIL' | 'SMS' | 'PHONE' | 'POST';
type Row = Record<string, unknown>;
const CHANNELS: Channel[] = ['EMAIL', 'SMS', 'PHONE', 'POST'];
const ADDRESS = ['streetAddress', 'postalCode', 'city', 'country'] as const;
const ALWAYS_FOR_PERMITTED = ['id', 'name', 'kind', 'status', 'businessId'] as const;
const MARKETING_FIELDS = 'id name kind status businessId email phone streetAddress postalCode city country';

const RECORD = `mutation Record($customerId: ID!, $channel: MarketingChannel!, $decision: MarketingDecision!,
    $source: MarketingSource!, $evidence: String!, $sourcePartner: String, $contactPersonId: ID) {
  recordMarketingDecision(customerId: $customerId, channel: $channel, decision: $decision, source: $source,
    evidence: $evidence, sourcePartner: $sourcePartner, contactPersonId: $contactPersonId) {
    id customerId channel decision recordedAt source sourcePartner sourceType collectedAt recordedById evidence contactPersonId
  }
}`;

let app: TestApp;
const clients = new Map<string, Client>();
async function as(role: string): Promise<Client> {
  let client = clients.get(role);
  if (!client) {
    client = await app.as(role);
    clients.set(role, client);
  }
  return client;
}

let counter = 0;
async function newCustomer(kind: 'PRIVATE' | 'BUSINESS'): Promise<string> {
  counter += 1;
  const dpo = await as('dpo');
  const result = await dpo.gql<{ createCustomer: { id: string } }>(
    `mutation($kind: CustomerKind!, $name: String!, $email: String, $businessId: String) {
      createCustomer(kind: $kind, name: $name, email: $email, businessId: $businessId, phone: "040 765 43${String(counter).padStart(2, '0')}",
        streetAddress: "Markkinakatu ${counter}", postalCode: "00100", city: "HELSINKI") { id }
    }`,
    {
      kind,
      name: kind === 'BUSINESS' ? `Markkinointi ${counter} Oy` : `Markku Markkinoitava ${counter}`,
      email: `markkinointi.${counter}@example.fi`,
      businessId: kind === 'BUSINESS' ? uniqueBusinessId() : null,
    },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.createCustomer.id;
}

async function record(
  client: Client,
  customerId: string,
  channel: Channel,
  decision: 'PERMIT' | 'PROHIBIT',
  source = decision === 'PERMIT' ? 'CUSTOMER_FORM' : 'PHONE_CALL',
) {
  return client.gql<{ recordMarketingDecision: Row }>(RECORD, {
    customerId,
    channel,
    decision,
    source,
    evidence: `Testikirjaus: ${decision} ${channel}`,
  });
}

async function decide(customerId: string, channel: Channel, decision: 'PERMIT' | 'PROHIBIT') {
  const result = await record(await as('dpo'), customerId, channel, decision);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

/** The current state as the database holds it: customer id → permitted channels. */
async function permittedByCustomer(): Promise<Map<string, Set<Channel>>> {
  const rows = await sql<{ customer_id: string; channel: Channel; permitted: boolean }>(
    app,
    'select customer_id, channel, permitted from customer_marketing_state',
  );
  const result = new Map<string, Set<Channel>>();
  for (const row of rows) {
    const set = result.get(row.customer_id) ?? new Set<Channel>();
    if (row.permitted) set.add(row.channel);
    result.set(row.customer_id, set);
  }
  return result;
}

/**
 * A row as marketing must see it: every field of a permitted customer's identity, each contact
 * field only where its channel is permitted (else null with FORBIDDEN at exactly that path).
 */
function expectMarketingRow(result: GraphQLResponse<unknown>, row: Row, path: (string | number)[], permitted: Set<Channel>) {
  const readable: Record<string, boolean> = {
    email: permitted.has('EMAIL'),
    phone: permitted.has('SMS') || permitted.has('PHONE'),
    ...Object.fromEntries(ADDRESS.map((field) => [field, permitted.has('POST')])),
  };
  for (const field of ALWAYS_FOR_PERMITTED) {
    expect(errorAt(result, [...path, field]), `${field} of a permitted customer`).toBeUndefined();
    if (field !== 'businessId') expect(row[field], field).not.toBeNull();
  }
  for (const [field, allowed] of Object.entries(readable)) {
    const error = errorAt(result, [...path, field]);
    if (allowed) {
      expect(error, `${field} should be readable`).toBeUndefined();
      expect(row[field], `${field} should have its value`).not.toBeNull();
    } else {
      expect(row[field], `${field} should be denied`).toBeNull();
      expect(error?.extensions?.code, `${field} should be denied with FORBIDDEN`).toBe('FORBIDDEN');
    }
  }
}

// Fixtures: [kind, decisions] → what the marketing role may see of them.
const FIXTURES = {
  privateUndecided: { kind: 'PRIVATE', decisions: [] },
  privateEmailPermitted: { kind: 'PRIVATE', decisions: [['EMAIL', 'PERMIT']] },
  privateObjected: { kind: 'PRIVATE', decisions: [['PHONE', 'PROHIBIT'], ['POST', 'PROHIBIT']] },
  privateSmsOnly: { kind: 'PRIVATE', decisions: [['SMS', 'PERMIT'], ['PHONE', 'PROHIBIT'], ['POST', 'PROHIBIT']] },
  businessUndecided: { kind: 'BUSINESS', decisions: [] },
  businessPhoneOnly: { kind: 'BUSINESS', decisions: [['EMAIL', 'PROHIBIT'], ['POST', 'PROHIBIT'], ['SMS', 'PROHIBIT']] },
  businessProhibitedEverywhere: { kind: 'BUSINESS', decisions: CHANNELS.map((c) => [c, 'PROHIBIT']) },
  permittedThenProhibited: { kind: 'PRIVATE', decisions: [['EMAIL', 'PERMIT'], ['SMS', 'PERMIT'], ['EMAIL', 'PROHIBIT']] },
} as const satisfies Record<string, { kind: 'PRIVATE' | 'BUSINESS'; decisions: readonly (readonly [Channel, 'PERMIT' | 'PROHIBIT'])[] }>;
const EXPECTED: Record<keyof typeof FIXTURES, Channel[]> = {
  privateUndecided: ['PHONE', 'POST'],
  privateEmailPermitted: ['EMAIL', 'PHONE', 'POST'],
  privateObjected: [],
  privateSmsOnly: ['SMS'],
  businessUndecided: ['EMAIL', 'SMS', 'PHONE', 'POST'],
  businessPhoneOnly: ['PHONE'],
  businessProhibitedEverywhere: [],
  permittedThenProhibited: ['SMS', 'PHONE', 'POST'],
};
const ids = {} as Record<keyof typeof FIXTURES, string>;

beforeAll(async () => {
  app = await startTestApp({ customers: 20 });
  for (const [name, fixture] of Object.entries(FIXTURES) as [keyof typeof FIXTURES, (typeof FIXTURES)[keyof typeof FIXTURES]][]) {
    ids[name] = await newCustomer(fixture.kind);
    for (const [channel, decision] of fixture.decisions) await decide(ids[name], channel, decision);
  }
  await app.services.auth.createStaffUser(app.orm.em.fork(), {
    username: 'marketing-service',
    displayName: 'Markkinointi ja asiakaspalvelu',
    password: DEMO_PASSWORD,
    roles: ['marketing', 'service'],
  });
  await app.services.auth.createStaffUser(app.orm.em.fork(), {
    username: 'marketing-analyst',
    displayName: 'Markkinointi ja analyysi',
    password: DEMO_PASSWORD,
    roles: ['marketing', 'analyst'],
  });
});
afterAll(() => app?.close());

describe('the row conditions are data in the data map', () => {
  it('marketing reads Customer only under the marketing conditions, each contact field under its channel', () => {
    const marketing = staff('marketing');
    expect(recordCondition(marketing, 'Customer')).toEqual(['marketing-permitted']);
    for (const field of ALWAYS_FOR_PERMITTED) expect(rowCondition(marketing, 'Customer', field), field).toEqual(['marketing-permitted']);
    expect(rowCondition(marketing, 'Customer', 'email')).toEqual(['marketing-permitted:EMAIL']);
    expect(rowCondition(marketing, 'Customer', 'phone')).toEqual(['marketing-permitted:SMS', 'marketing-permitted:PHONE']);
    for (const field of ADDRESS) expect(rowCondition(marketing, 'Customer', field), field).toEqual(['marketing-permitted:POST']);
    // canRead stays role-level: marketing is a reader of these fields, under conditions.
    expect(canRead(marketing, 'Customer', 'email')).toBe(true);
  });

  it('a role that reads unconditionally lifts the condition; a role that reads nothing does not', () => {
    expect(recordCondition(staff('marketing', 'billing'), 'Customer')).toBeNull();
    expect(rowCondition(staff('marketing', 'service'), 'Customer', 'email')).toBeNull();
    expect(recordCondition(staff('marketing', 'analyst'), 'Customer')).toEqual(['marketing-permitted']);
    for (const role of ['service', 'sales', 'billing', 'dpo'] as const) expect(recordCondition(staff(role), 'Customer'), role).toBeNull();
  });

  it('every row condition the data map names is implemented', () => {
    expect(unimplementedRowConditions()).toEqual([]);
  });
});

describe('the current state follows the ledger and Finnish law', () => {

  it('matches the expected channels of every fixture (defaults, permits, prohibitions, latest wins)', async () => {
    const state = await permittedByCustomer();
    for (const [name, channels] of Object.entries(EXPECTED)) {
      expect([...(state.get(ids[name as keyof typeof FIXTURES]) ?? [])].sort(), name).toEqual([...channels].sort());
    }
  });

  it('service reads the permissions with the deciding entry’s time and source, and nulls while the default applies', async () => {
    const service = await as('service');
    const result = await service.gql<{ Customer: { marketingPermissions: Row } }>(
      `query($id: ID!) { Customer(id: $id) { marketingPermissions {
        customerId email emailDecidedAt emailSource sms smsDecidedAt smsSource phone phoneDecidedAt phoneSource post postDecidedAt postSource } } }`,
      { id: ids.privateEmailPermitted },
    );
    expect(result.errors).toBeUndefined();
    const permissions = result.data!.Customer.marketingPermissions;
    const [entry] = await sql<{ recorded_at: string }>(
      app,
      `select to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at
         from marketing_permit_entry where customer_id = ? and channel = 'EMAIL'`,
      [ids.privateEmailPermitted],
    );
    expect(permissions).toEqual({
      customerId: ids.privateEmailPermitted,
      email: true,
      emailDecidedAt: entry!.recorded_at,
      emailSource: 'CUSTOMER_FORM',
      sms: false,
      smsDecidedAt: null,
      smsSource: null,
      phone: true,
      phoneDecidedAt: null,
      phoneSource: null,
      post: true,
      postDecidedAt: null,
      postSource: null,
    });
  });

  it('a private customer who becomes a business gets the business defaults on undecided channels only', async () => {
    const id = await newCustomer('PRIVATE');
    await decide(id, 'PHONE', 'PROHIBIT');
    const service = await as('service');
    const changed = await service.gql(`mutation($id: ID!) { updateCustomer(id: $id, kind: BUSINESS) { id } }`, { id });
    expect(changed.errors).toBeUndefined();
    expect([...((await permittedByCustomer()).get(id) ?? [])].sort()).toEqual(['EMAIL', 'POST', 'SMS']);
  });
});

describe('the marketing role sees only permitted customers and channels', () => {
  it('Customer(id): a customer without any permitted channel is not there; the others with exactly their channels’ fields', async () => {
    const marketing = await as('marketing');
    for (const [name, channels] of Object.entries(EXPECTED) as [keyof typeof FIXTURES, Channel[]][]) {
      const result = await marketing.gql<{ Customer: Row | null }>(`query($id: ID!) { Customer(id: $id) { ${MARKETING_FIELDS} } }`, {
        id: ids[name],
      });
      if (channels.length === 0) {
        expect(result, name).toEqual({ data: { Customer: null } });
      } else {
        expect(result.data!.Customer!.id, name).toBe(ids[name]);
        expectMarketingRow(result, result.data!.Customer!, ['Customer'], new Set(channels));
      }
    }
  });

  it('allCustomers and its count: exactly the customers with a permitted channel, fields per channel', async () => {
    const marketing = await as('marketing');
    const result = await marketing.gql<{ allCustomers: Row[]; _allCustomersMeta: { count: number } }>(
      `{ allCustomers(perPage: 500) { ${MARKETING_FIELDS} } _allCustomersMeta { count } }`,
    );
    const state = await permittedByCustomer();
    const expected = [...state].filter(([, channels]) => channels.size > 0).map(([id]) => id);
    const rows = result.data!.allCustomers;
    expect(rows.map((row) => row.id).sort()).toEqual(expected.sort());
    expect(result.data!._allCustomersMeta.count).toBe(expected.length);
    expect(expected.length).toBeLessThan(await countRows(app, 'customer'));
    for (const name of ['privateObjected', 'businessProhibitedEverywhere'] as const) {
      expect(rows.map((row) => row.id), name).not.toContain(ids[name]);
    }
    rows.forEach((row, index) => expectMarketingRow(result, row, ['allCustomers', index], state.get(row.id as string)!));
    // Only the per-channel denials, nothing else went wrong.
    expect(result.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('a search cannot find a customer marketing may not see', async () => {
    const marketing = await as('marketing');
    const result = await marketing.gql<{ allCustomers: Row[]; _allCustomersMeta: { count: number } }>(
      '{ allCustomers(filter: { q: "markkinointi" }, perPage: 500) { id } _allCustomersMeta(filter: { q: "markkinointi" }) { count } }',
    );
    expect(result.errors).toBeUndefined();
    const found = result.data!.allCustomers.map((row) => row.id);
    expect(found).toContain(ids.businessUndecided);
    expect(found).not.toContain(ids.businessProhibitedEverywhere);
    expect(result.data!._allCustomersMeta.count).toBe(found.length);
  });

  it('marketing’s view of the permissions is limited to permitted customers too', async () => {
    const marketing = await as('marketing');
    const result = await marketing.gql<{ Customer: { marketingPermissions: Row } }>(
      `query($id: ID!) { Customer(id: $id) { marketingPermissions { email sms phone post } } }`,
      { id: ids.privateSmsOnly },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.Customer.marketingPermissions).toEqual({ email: false, sms: true, phone: false, post: false });
  });

  it('a user who is also in customer service reads every customer in full (the union of roles applies)', async () => {
    const both = await as('marketing-service');
    const result = await both.gql<{ allCustomers: Row[] }>(`{ allCustomers(perPage: 500) { ${MARKETING_FIELDS} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.allCustomers).toHaveLength(await countRows(app, 'customer'));
    const objected = await both.gql<{ Customer: Row }>(`query($id: ID!) { Customer(id: $id) { id email } }`, { id: ids.privateObjected });
    expect(objected.errors).toBeUndefined();
    expect(objected.data!.Customer.email).not.toBeNull();
  });

  it('a user who is marketing and analyst is still limited (analyst reads no individual data)', async () => {
    const both = await as('marketing-analyst');
    const result = await both.gql<{ Customer: Row | null }>(`query($id: ID!) { Customer(id: $id) { id email } }`, {
      id: ids.privateObjected,
    });
    expect(result).toEqual({ data: { Customer: null } });
    const count = await both.gql<{ _allCustomersMeta: { count: number } }>('{ _allCustomersMeta { count } }');
    const state = await permittedByCustomer();
    expect(count.data!._allCustomersMeta.count).toBe([...state.values()].filter((channels) => channels.size > 0).length);
  });
});

describe('filtering customers by a marketing channel', () => {
  for (const role of ['service', 'sales', 'billing', 'dpo', 'marketing']) {
    it(`${role}: filter.marketingChannel returns exactly the customers permitted on it`, async () => {
      const client = await as(role);
      const state = await permittedByCustomer();
      for (const channel of CHANNELS) {
        const result = await client.gql<{ allCustomers: Row[]; _allCustomersMeta: { count: number } }>(
          `query($channel: MarketingChannel) {
            allCustomers(filter: { marketingChannel: $channel }, perPage: 500) { id }
            _allCustomersMeta(filter: { marketingChannel: $channel }) { count }
          }`,
          { channel },
        );
        expect(result.errors, `${role} ${channel}`).toBeUndefined();
        const expected = [...state].filter(([, channels]) => channels.has(channel)).map(([id]) => id);
        expect(result.data!.allCustomers.map((row) => row.id).sort(), `${role} ${channel}`).toEqual(expected.sort());
        expect(result.data!._allCustomersMeta.count).toBe(expected.length);
      }
    });
  }

  it('analyst and admin may not filter (they list no customers at all)', async () => {
    for (const role of ['analyst', 'admin']) {
      const result = await (await as(role)).gql('{ allCustomers(filter: { marketingChannel: EMAIL }) { id } }');
      expect(onlyError(result, 'FORBIDDEN').path).toEqual(['allCustomers']);
    }
  });
});

describe('a prohibition takes effect at once', () => {
  it('permit, then prohibit: the very next request of the list, the record and the export follows', async () => {
    const id = await newCustomer('PRIVATE');
    const marketing = await as('marketing');
    const service = await as('service');
    const view = async () => {
      const result = await marketing.gql<{
        Customer: Row | null;
        allCustomers: Row[];
        _allCustomersMeta: { count: number };
        marketingAudience: Row[];
      }>(
        `query($id: ID!) {
          Customer(id: $id) { id email }
          allCustomers(filter: { marketingChannel: EMAIL }, perPage: 500) { id }
          _allCustomersMeta { count }
          marketingAudience(channel: EMAIL, perPage: 500) { customerId email }
        }`,
        { id },
      );
      return {
        result,
        email: result.data?.Customer?.email ?? null,
        listed: result.data!.allCustomers.some((row) => row.id === id),
        exported: result.data!.marketingAudience.some((row) => row.customerId === id),
        count: result.data!._allCustomersMeta.count,
      };
    };

    const before = await view();
    expect(before.email).toBeNull();
    expect(errorAt(before.result, ['Customer', 'email'])?.extensions?.code).toBe('FORBIDDEN');
    expect([before.listed, before.exported]).toEqual([false, false]);

    expect((await record(service, id, 'EMAIL', 'PERMIT')).errors).toBeUndefined();
    const permitted = await view();
    expect(permitted.result.errors).toBeUndefined();
    expect(permitted.email).toMatch(/@example\.fi$/);
    expect([permitted.listed, permitted.exported]).toEqual([true, true]);

    // Marketing itself records the prohibition the customer asked for.
    expect((await record(marketing, id, 'EMAIL', 'PROHIBIT', 'EMAIL')).errors).toBeUndefined();
    const prohibited = await view();
    expect(prohibited.email).toBeNull();
    expect(errorAt(prohibited.result, ['Customer', 'email'])?.extensions?.code).toBe('FORBIDDEN');
    expect([prohibited.listed, prohibited.exported]).toEqual([false, false]);
    expect(prohibited.count).toBe(permitted.count);

    // Prohibiting the last permitted channels removes the customer from marketing's view entirely.
    expect((await record(marketing, id, 'PHONE', 'PROHIBIT')).errors).toBeUndefined();
    expect((await record(marketing, id, 'POST', 'PROHIBIT', 'CUSTOMER_FORM')).errors).toBeUndefined();
    const gone = await view();
    expect(gone.result.data!.Customer).toBeNull();
    expect(gone.result.errors).toBeUndefined();
    expect(gone.count).toBe(permitted.count - 1);
    // Customer service still serves the customer.
    const served = await service.gql<{ Customer: Row }>('query($id: ID!) { Customer(id: $id) { id email } }', { id });
    expect(served.data!.Customer.email).toMatch(/@example\.fi$/);
  });
});

describe('recording decisions, role by role', () => {
  const ledgerSize = () => countRows(app, 'marketing_permit_entry');

  for (const role of ['service', 'dpo']) {
    it(`${role} may record a PERMIT`, async () => {
      const id = await newCustomer('PRIVATE');
      const result = await record(await as(role), id, 'SMS', 'PERMIT');
      expect(result.errors).toBeUndefined();
      expect(result.data!.recordMarketingDecision).toMatchObject({ customerId: id, channel: 'SMS', decision: 'PERMIT' });
    });
  }

  for (const role of ['sales', 'marketing']) {
    it(`${role} may not record a PERMIT (FORBIDDEN on decision, nothing written), but may record a PROHIBIT`, async () => {
      const id = await newCustomer('PRIVATE');
      const before = await ledgerSize();
      const refused = await record(await as(role), id, 'EMAIL', 'PERMIT');
      const error = onlyError(refused, 'FORBIDDEN');
      expect(error.extensions?.field).toBe('decision');
      expect(error.message).toMatch(/PERMIT/);
      expect(refused.data).toEqual({ recordMarketingDecision: null });
      expect(await ledgerSize()).toBe(before);
      expect((await permittedByCustomer()).get(id)?.has('EMAIL')).toBe(false);

      const prohibit = await record(await as(role), id, 'PHONE', 'PROHIBIT');
      expect(prohibit.errors).toBeUndefined();
      expect(await ledgerSize()).toBe(before + 1);
    });
  }

  for (const role of ['billing', 'analyst', 'admin']) {
    it(`${role} may record nothing`, async () => {
      const before = await ledgerSize();
      for (const decision of ['PERMIT', 'PROHIBIT'] as const) {
        const result = await record(await as(role), ids.privateUndecided, 'POST', decision);
        onlyError(result, 'FORBIDDEN');
      }
      expect(await ledgerSize()).toBe(before);
    });
  }

  it('a partner key may record nothing; an anonymous caller is told to sign in', async () => {
    const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), {
      partner: 'Posti Oy',
      label: 'deliveries',
      scopes: ['delivery'],
      createdBy: null,
    });
    const before = await ledgerSize();
    onlyError(await record(app.partner(key), ids.privateUndecided, 'POST', 'PROHIBIT'), 'FORBIDDEN');
    onlyError(await record(app.anonymous(), ids.privateUndecided, 'POST', 'PROHIBIT'), 'UNAUTHENTICATED');
    expect(await ledgerSize()).toBe(before);
  });
});

describe('reading the ledger', () => {
  const LEDGER = `query($customerId: ID, $channel: MarketingChannel) {
    allMarketingPermitEntries(filter: { customerId: $customerId, channel: $channel }, perPage: 100) {
      id customerId channel decision recordedAt source sourceType collectedAt recordedById evidence
    }
    _allMarketingPermitEntriesMeta(filter: { customerId: $customerId, channel: $channel }) { count }
  }`;

  for (const role of ['service', 'sales', 'marketing', 'dpo']) {
    it(`${role} reads a customer's entries, newest first, every field`, async () => {
      const result = await (await as(role)).gql<{ allMarketingPermitEntries: Row[]; _allMarketingPermitEntriesMeta: { count: number } }>(
        LEDGER,
        { customerId: ids.permittedThenProhibited },
      );
      expect(result.errors).toBeUndefined();
      const entries = result.data!.allMarketingPermitEntries;
      expect(entries.map((entry) => `${entry.channel} ${entry.decision}`)).toEqual(['EMAIL PROHIBIT', 'SMS PERMIT', 'EMAIL PERMIT']);
      expect(result.data!._allMarketingPermitEntriesMeta.count).toBe(3);
      for (const entry of entries) {
        for (const [field, value] of Object.entries(entry)) expect(value, field).not.toBeNull();
        expect(entry.customerId).toBe(ids.permittedThenProhibited);
      }
      const emailOnly = await (await as(role)).gql<{ allMarketingPermitEntries: Row[] }>(LEDGER, {
        customerId: ids.permittedThenProhibited,
        channel: 'EMAIL',
      });
      expect(emailOnly.data!.allMarketingPermitEntries.map((entry) => entry.decision)).toEqual(['PROHIBIT', 'PERMIT']);
      const one = await (await as(role)).gql<{ MarketingPermitEntry: Row }>(
        'query($id: ID!) { MarketingPermitEntry(id: $id) { id evidence } }',
        { id: entries[0]!.id },
      );
      expect(one.data!.MarketingPermitEntry).toEqual({ id: entries[0]!.id, evidence: 'Testikirjaus: PROHIBIT EMAIL' });
    });
  }

  for (const role of ['billing', 'analyst', 'admin']) {
    it(`${role} reads no ledger and no permissions`, async () => {
      const client = await as(role);
      const list = await client.gql(LEDGER, { customerId: ids.permittedThenProhibited });
      expect(list.data).toBeNull();
      expect(list.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
      const [entry] = await sql<{ id: string }>(app, 'select id from marketing_permit_entry limit 1');
      const one = await client.gql('query($id: ID!) { MarketingPermitEntry(id: $id) { id } }', { id: entry!.id });
      expect(onlyError(one, 'FORBIDDEN').path).toEqual(['MarketingPermitEntry']);
    });
  }

  it('billing reads customers but not their marketing permissions (null and FORBIDDEN at that field)', async () => {
    const result = await (await as('billing')).gql<{ Customer: Row }>(
      'query($id: ID!) { Customer(id: $id) { id name marketingPermissions { email } } }',
      { id: ids.privateEmailPermitted },
    );
    expect(result.data!.Customer).toMatchObject({ id: ids.privateEmailPermitted, marketingPermissions: null });
    expect(result.data!.Customer.name).not.toBeNull();
    expect(onlyError(result, 'FORBIDDEN').path).toEqual(['Customer', 'marketingPermissions']);
  });

  it('a filter on a malformed customer number is bad input', async () => {
    const result = await (await as('service')).gql(LEDGER, { customerId: 'not-a-number' });
    const error = onlyError(result, 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('filter.customerId');
  });
});

describe('the marketing export', () => {
  const EXPORT = `query($channel: MarketingChannel!) {
    marketingAudience(channel: $channel, perPage: 500) { customerId channel kind name email phone streetAddress postalCode city country }
    _marketingAudienceMeta(channel: $channel) { count }
  }`;

  for (const role of ['marketing', 'dpo']) {
    it(`${role}: each channel lists exactly the permitted, reachable customers with only that channel's contact data`, async () => {
      const client = await as(role);
      const state = await permittedByCustomer();
      for (const channel of CHANNELS) {
        const result = await client.gql<{ marketingAudience: Row[]; _marketingAudienceMeta: { count: number } }>(EXPORT, { channel });
        expect(result.errors, channel).toBeUndefined();
        const rows = result.data!.marketingAudience;
        const column = channel === 'EMAIL' ? 'email' : channel === 'POST' ? 'street_address' : 'phone';
        const reachable = new Set(
          (await sql<{ id: string }>(app, `select id from customer where ${column} is not null`)).map((row) => row.id),
        );
        const expected = [...state].filter(([id, channels]) => channels.has(channel) && reachable.has(id)).map(([id]) => id);
        expect(rows.map((row) => row.customerId).sort(), channel).toEqual(expected.sort());
        expect(result.data!._marketingAudienceMeta.count).toBe(expected.length);
        for (const row of rows) {
          expect(row.channel).toBe(channel);
          expect(row.name).not.toBeNull();
          const has = (field: string) => row[field] !== null;
          expect(has('email'), `${channel} email`).toBe(channel === 'EMAIL');
          expect(has('phone'), `${channel} phone`).toBe(channel === 'SMS' || channel === 'PHONE');
          for (const field of ADDRESS) expect(has(field), `${channel} ${field}`).toBe(channel === 'POST');
        }
      }
    });
  }

  for (const role of ['service', 'sales', 'billing', 'analyst', 'admin']) {
    it(`${role} may not export`, async () => {
      const client = await as(role);
      const rows = await client.gql('{ marketingAudience(channel: EMAIL) { customerId name email } }');
      expect(rows.data).toBeNull();
      expect(onlyError(rows, 'FORBIDDEN').path).toEqual(['marketingAudience']);
      const count = await client.gql('{ _marketingAudienceMeta(channel: EMAIL) { count } }');
      expect(onlyError(count, 'FORBIDDEN').path).toEqual(['_marketingAudienceMeta']);
    });
  }

  it('an export is audited like a read: one event naming every customer, with the fields it carried', async () => {
    const marketing = await as('marketing');
    const response = await marketing.post('query ExportPost { marketingAudience(channel: POST, perPage: 500) { customerId name streetAddress postalCode city email } }');
    const requestId = response.headers.get('x-request-id');
    const body = (await response.json()) as { data: { marketingAudience: Row[] } };
    const events = await sql<{ subject_id: string | null; subject_ids: string[] | null; subject_type: string; fields: string[]; action: string }>(
      app,
      'select subject_id, subject_ids, subject_type, fields, action from audit_event where request_id = ?',
      [requestId],
    );
    expect(body.data.marketingAudience.length).toBeGreaterThan(1);
    expect(events).toHaveLength(1);
    expect(events[0]!.subject_id).toBeNull();
    expect([...events[0]!.subject_ids!].sort()).toEqual(body.data.marketingAudience.map((row) => row.customerId).sort());
    for (const event of events) {
      expect(event).toMatchObject({ action: 'read', subject_type: 'MarketingAudienceMember', fields: ['city', 'name', 'postalCode', 'streetAddress'] });
    }
  });
});
