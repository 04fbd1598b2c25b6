/**
 * Scenarios 1–4 of issue 5, the same data and the same selection of fields for every contestant:
 * each contestant turns a scenario into the HTTP requests it needs (one request per operation for
 * every contestant: our API reads a customer's or a page's contracts through Customer.contracts).
 */

export type ContestantKind = 'floor' | 'postgraphile' | 'ours';

export interface Samples {
  customerIds: string[];
  phones: string[];
  emails: string[];
  namePrefixes: string[];
}

export interface Step {
  method: 'GET' | 'POST';
  path: (n: number) => string;
  body?: (n: number, previous: unknown) => string;
  /** Returns what is wrong with a response body, or undefined when it is right. */
  check: (body: unknown) => string | undefined;
}

export interface Scenario {
  id: string;
  label: string;
  /** The scenario's requests in order; one iteration of them is one measured operation. */
  steps: Step[];
}

const CUSTOMER = 'id name kind status email phone city';
const CONTRACT = 'id contractNumber status startDate';
const SIM = 'id iccid phoneNumber status';
/** PostGraphile 5 (amber) names a table's own `id` column `rowId`: `id` is its global Node id. */
const asPeer = (fields: string) => fields.replace(/^id /, 'rowId ');

const pick = <T>(items: T[], n: number): T => items[n % items.length]!;

function graphql(query: string, variables: (n: number, previous: unknown) => Record<string, unknown>) {
  return (n: number, previous: unknown) => JSON.stringify({ query, variables: variables(n, previous) });
}

function graphqlCheck(path: string[], expectArray = false) {
  return (body: unknown): string | undefined => {
    const response = body as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
    if (response.errors?.length) return `errors: ${response.errors.map((error) => error.message).join('; ')}`;
    let value: unknown = response.data;
    for (const key of path) value = (value as Record<string, unknown> | null | undefined)?.[key];
    if (value === undefined || value === null) return `no ${path.join('.')} in the response`;
    if (expectArray && !Array.isArray(value)) return `${path.join('.')} is not a list`;
    return undefined;
  };
}

function floorCheck(body: unknown): string | undefined {
  const response = body as { data?: unknown; errors?: { message: string }[] };
  if (response.errors?.length) return `errors: ${response.errors.map((error) => error.message).join('; ')}`;
  return response.data === undefined || response.data === null ? 'no data in the response' : undefined;
}

const get = (path: (n: number) => string): Step => ({ method: 'GET', path, check: floorCheck });
const post = (body: Step['body'], check: Step['check']): Step => ({ method: 'POST', path: () => '/graphql', body, check });

export const PAGE_OFFSETS = [0, 1000, 10_000];
export const CREATE_PREFIX = 'Bench';

export function scenarios(kind: ContestantKind, samples: Samples): Scenario[] {
  const list: Scenario[] = [];
  const phone = (n: number) => pick(samples.phones, n);
  const email = (n: number) => pick(samples.emails, n);
  const prefix = (n: number) => pick(samples.namePrefixes, n);
  const id = (n: number) => pick(samples.customerIds, n);
  const created = (n: number) => ({ name: `${CREATE_PREFIX} ${process.pid} ${n}`, email: `bench.${process.pid}.${n}@example.fi`, city: 'HELSINKI' });

  if (kind === 'floor') {
    list.push({ id: 'by-id', label: 'customer by id + contracts + SIMs', steps: [get((n) => `/by-id?id=${id(n)}`)] });
    for (const offset of PAGE_OFFSETS) list.push({ id: `page@${offset}`, label: `page of 50 by name at ${offset}`, steps: [get(() => `/page?offset=${offset}`)] });
    list.push({ id: 'search-phone', label: 'search by phone', steps: [get((n) => `/search/phone?q=${encodeURIComponent(phone(n))}`)] });
    list.push({ id: 'search-email', label: 'search by e-mail', steps: [get((n) => `/search/email?q=${encodeURIComponent(email(n))}`)] });
    list.push({ id: 'search-name', label: 'search by name prefix', steps: [get((n) => `/search/name?q=${encodeURIComponent(prefix(n))}`)] });
    list.push({
      id: 'create', label: 'createCustomer',
      steps: [{ method: 'POST', path: () => '/create', body: (n) => JSON.stringify(created(n)), check: floorCheck }],
    });
    return list;
  }

  if (kind === 'postgraphile') {
    list.push({
      id: 'by-id', label: 'customer by id + contracts + SIMs',
      steps: [post(
        graphql(`query ById($id: UUID!) { customerByRowId(rowId: $id) { ${asPeer(CUSTOMER)} personalIdentityNumberMasked contractsByCustomerId(orderBy: [START_DATE_ASC, PRIMARY_KEY_ASC]) { nodes { ${asPeer(CONTRACT)} simCardsByContractId { nodes { ${asPeer(SIM)} } } } } } }`, (n) => ({ id: id(n) })),
        graphqlCheck(['customerByRowId']),
      )],
    });
    for (const offset of PAGE_OFFSETS) {
      list.push({
        id: `page@${offset}`, label: `page of 50 by name at ${offset}`,
        steps: [post(
          graphql(`query Page($offset: Int!) { allCustomers(orderBy: [NAME_ASC, PRIMARY_KEY_ASC], first: 50, offset: $offset) { nodes { ${asPeer(CUSTOMER)} contractsByCustomerId(orderBy: [START_DATE_ASC, PRIMARY_KEY_ASC]) { nodes { ${asPeer(CONTRACT)} } } } } }`, () => ({ offset })),
          graphqlCheck(['allCustomers', 'nodes'], true),
        )],
      });
    }
    list.push({
      id: 'search-phone', label: 'search by phone',
      steps: [post(graphql(`query Phone($phone: String!) { allCustomers(condition: { phone: $phone }, first: 20, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { nodes { ${asPeer(CUSTOMER)} } } }`, (n) => ({ phone: phone(n) })), graphqlCheck(['allCustomers', 'nodes'], true))],
    });
    list.push({
      id: 'create', label: 'createCustomer',
      steps: [post(
        graphql(`mutation Create($customer: CustomerInput!) { createCustomer(input: { customer: $customer }) { customer { rowId } } }`, (n) => {
          const now = new Date().toISOString();
          return { customer: { rowId: crypto.randomUUID(), kind: 'PRIVATE', status: 'PROSPECT', ...created(n), collectedAt: now, createdAt: now, updatedAt: now } };
        }),
        graphqlCheck(['createCustomer', 'customer', 'rowId']),
      )],
    });
    return list;
  }

  list.push({
    id: 'by-id', label: 'customer by id + contracts + SIMs',
    steps: [post(
      graphql(`query ById($id: ID!) { Customer(id: $id) { ${CUSTOMER} personalIdentityNumberMasked contracts { ${CONTRACT} simCards { ${SIM} } } } }`, (n) => ({ id: id(n) })),
      graphqlCheck(['Customer', 'contracts'], true),
    )],
  });
  for (const offset of PAGE_OFFSETS) {
    list.push({
      id: `page@${offset}`, label: `page of 50 by name at ${offset}`,
      steps: [post(
        graphql(`query Page($page: Int!) { allCustomers(page: $page, perPage: 50, sortField: "name", sortOrder: "ASC") { ${CUSTOMER} contracts { ${CONTRACT} } } }`, () => ({ page: offset / 50 })),
        graphqlCheck(['allCustomers'], true),
      )],
    });
  }
  const search = (idSuffix: string, label: string, value: (n: number) => string): Scenario => ({
    id: `search-${idSuffix}`, label,
    steps: [post(graphql(`query Search($q: String!) { allCustomers(filter: { q: $q }, perPage: 20, sortField: "name", sortOrder: "ASC") { ${CUSTOMER} } }`, (n) => ({ q: value(n) })), graphqlCheck(['allCustomers'], true))],
  });
  list.push(search('phone', 'search by phone', phone), search('email', 'search by e-mail', email), search('name', 'search by name prefix', prefix));
  list.push({
    id: 'create', label: 'createCustomer',
    steps: [post(
      graphql(`mutation Create($name: String!, $email: String!, $city: String!) { createCustomer(kind: PRIVATE, status: PROSPECT, name: $name, email: $email, city: $city) { id } }`, (n) => created(n)),
      graphqlCheck(['createCustomer', 'id']),
    )],
  });
  return list;
}
