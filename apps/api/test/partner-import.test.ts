import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../src/audit/audit-log.js';
import { parseCustomerCsv } from '../src/modules/import/import.csv.js';
import { ImportService } from '../src/modules/import/import.service.js';
import { ImportStatus } from '../src/modules/import/import.enums.js';
import { countRows, onlyError, sql, uniqueBusinessId, uniquePersonalIdentityNumber } from './support/helpers.js';
import { startTestApp, type Client, type GraphQLResponse, type TestApp } from './support/test-app.js';

/**
 * Customers from a partner register's CSV file, through the real server: the same validation as
 * createCustomer, row-by-row reports that never repeat a value, duplicates skipped, batches that
 * are all or nothing, and who may do it. Every expectation is checked in the database.
 */

interface Run {
  id: string;
  status: string;
  partnerRegister: string;
  dryRun: boolean;
  totalRows: number;
  processedRows: number;
  validRows: number;
  invalidRows: number;
  importedRows: number;
  duplicateRows: number;
  progress: number;
  startedBy: string;
  finishedAt: string | null;
  failure: string | null;
}
interface RowError {
  rowNumber: number;
  column: string | null;
  kind: string;
  message: string;
}

const RUN_FIELDS =
  'id status partnerRegister dryRun totalRows processedRows validRows invalidRows importedRows duplicateRows progress startedBy finishedAt failure';
const IMPORT = `mutation($input: ImportPartnerCustomersInput!) { importPartnerCustomers(input: $input) { ${RUN_FIELDS} } }`;
const HEADER = 'kind,name,personalIdentityNumber,businessId,dateOfBirth,email,phone,streetAddress,postalCode,city,collectedAt';

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

/** Posts to the import path, as the admin app does (it accepts the large bodies). */
async function startImport(client: Client, input: Record<string, unknown>): Promise<GraphQLResponse<{ importPartnerCustomers: Run }>> {
  const response = await fetch(`${app.url}/graphql/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: client.sessionCookie ?? '' },
    body: JSON.stringify({ query: IMPORT, variables: { input } }),
  });
  return (await response.json()) as GraphQLResponse<{ importPartnerCustomers: Run }>;
}

async function finished(client: Client, id: string): Promise<Run> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const result = await client.gql<{ ImportRun: Run }>(`query($id: ID!) { ImportRun(id: $id) { ${RUN_FIELDS} } }`, { id });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const run = result.data!.ImportRun;
    if (run.status === 'COMPLETED' || run.status === 'FAILED') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

async function importAndWait(role: string, csv: string, extra: Record<string, unknown> = {}) {
  const client = await as(role);
  const started = await startImport(client, { partnerRegister: 'Kumppani Oy', fileName: 'asiakkaat.csv', csv, ...extra });
  expect(started.errors, JSON.stringify(started.errors)).toBeUndefined();
  const run = await finished(client, started.data!.importPartnerCustomers.id);
  const errors = await client.gql<{ allImportRowErrors: RowError[]; _allImportRowErrorsMeta: { count: number } }>(
    `query($runId: ID!) { allImportRowErrors(filter: { runId: $runId }, perPage: 500) { rowNumber column kind message }
      _allImportRowErrorsMeta(filter: { runId: $runId }) { count } }`,
    { runId: run.id },
  );
  expect(errors.errors, JSON.stringify(errors.errors)).toBeUndefined();
  expect(errors.data!._allImportRowErrorsMeta.count).toBe(errors.data!.allImportRowErrors.length);
  return { run, errors: errors.data!.allImportRowErrors };
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${process.pid}-${(counter += 1)}`;

beforeAll(async () => {
  app = await startTestApp({ customers: 5 });
});
afterAll(async () => {
  await app?.close();
});

describe('importPartnerCustomers', () => {
  it('writes valid rows with the partner register as their provenance, audited, and reaches its total', async () => {
    const pin = uniquePersonalIdentityNumber();
    const businessId = uniqueBusinessId();
    const [person, company] = [unique('Pirjo Partneri'), unique('Partneri Oy')];
    const csv = [
      HEADER,
      `PRIVATE,${person},${pin.value},,,pirjo@example.fi,040 123 4567,Kumppanikatu 1,00100,HELSINKI,2026-03-01`,
      `BUSINESS,"${company}, Helsinki",,${businessId},,,,"Tehdaskatu 2, B",33100,TAMPERE,`,
    ].join('\n');
    const before = Date.now();
    const { run, errors } = await importAndWait('service', csv);
    expect(errors).toEqual([]);
    expect(run).toMatchObject({
      status: 'COMPLETED', dryRun: false, totalRows: 2, processedRows: 2, validRows: 2, invalidRows: 0,
      importedRows: 2, duplicateRows: 0, progress: 1, partnerRegister: 'Kumppani Oy', failure: null,
    });
    const rows = await sql<{ id: string; name: string; source_type: string; source_partner: string; collected_at: string; date_of_birth: string | null; phone: string; has_pin: boolean }>(
      app,
      `select id, name, source_type, source_partner, collected_at, date_of_birth::text, phone,
              personal_identity_number_ciphertext is not null as has_pin
         from customer where name in (?, ?) order by kind::text desc`,
      [person, `${company}, Helsinki`],
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.source_type === 'PARTNER' && row.source_partner === 'Kumppani Oy')).toBe(true);
    expect(rows[0]).toMatchObject({ name: person, date_of_birth: pin.dateOfBirth, phone: '+358401234567', has_pin: true });
    expect(new Date(rows[0]!.collected_at).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    // Without a collectedAt in the row, the data was collected when it was imported.
    expect(new Date(rows[1]!.collected_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The identity number is found by its blind index, exactly as createCustomer stores it.
    const billing = await as('billing');
    const read = await billing.gql<{ Customer: { personalIdentityNumber: string } }>(
      `query($id: ID!) { Customer(id: $id) { personalIdentityNumber } }`,
      { id: rows[0]!.id },
    );
    expect(read.data?.Customer.personalIdentityNumber).toBe(pin.value);
    const audited = await sql<{ subject_id: string; fields: string[]; actor_type: string }>(
      app,
      `select subject_id, fields, actor_type from audit_event where operation = 'importPartnerCustomers' and action = 'create' and subject_id in (?)`,
      [rows.map((row) => row.id)],
    );
    expect(audited).toHaveLength(2);
    expect(audited.every((event) => event.actor_type === 'staff' && event.fields.includes('sourcePartner'))).toBe(true);
  });

  it('reports invalid rows by row and column, writes none of them, and never repeats a value', async () => {
    const good = unique('Kelpo Kuluttaja');
    const badPin = '131052-308S'; // wrong check character
    const values = [badPin, '1572860-1', 'not-an-email', '123', '31.05.1980', 'private', '2099-01-01'];
    const names = [unique('Virhe Yksi'), unique('Virhe Kaksi'), unique('Virhe Kolme'), unique('Virhe Neljä')];
    const csv = [
      HEADER,
      `PRIVATE,${good},,,,,,,,,`,
      `PRIVATE,${names[0]},${badPin},,,not-an-email,,,123,,`,
      `BUSINESS,${names[1]},,1572860-1,,,,,,,2099-01-01`,
      `private,${names[2]},,,31.05.1980,,,,,,`,
      `PRIVATE,${names[3]},only,three`,
      `PRIVATE,,,,,,,,,,`,
    ].join('\r\n');
    const { run, errors } = await importAndWait('service', csv);
    expect(run).toMatchObject({ status: 'COMPLETED', totalRows: 6, processedRows: 6, validRows: 1, invalidRows: 5, importedRows: 1 });
    expect(errors.map(({ rowNumber, column, kind }) => [rowNumber, column, kind])).toEqual([
      [3, 'email', 'INVALID'],
      [3, 'personalIdentityNumber', 'INVALID'],
      [3, 'postalCode', 'INVALID'],
      [4, 'businessId', 'INVALID'],
      [4, 'collectedAt', 'INVALID'],
      [5, 'dateOfBirth', 'INVALID'],
      [5, 'kind', 'INVALID'],
      [6, null, 'INVALID'],
      [7, 'name', 'INVALID'],
    ]);
    expect(errors.find((e) => e.column === 'email')!.message).toMatch(/e-mail address/);
    expect(errors.find((e) => e.rowNumber === 6)!.message).toMatch(/has 4 values but the header has 11 columns/);
    for (const error of errors) {
      for (const value of [...values, ...names, 'S', '308']) {
        if (value.length > 1) expect(error.message, `${error.message} repeats ${value}`).not.toContain(value);
      }
      expect(error.message).not.toMatch(/should be [0-9A-Z]\b/);
    }
    const stored = await sql<{ message: string }>(app, 'select message from import_row_error where run_id = ?', [run.id]);
    expect(stored).toHaveLength(errors.length);
    expect(await countRows(app, 'customer', 'name in (?)', [names])).toBe(0);
    expect(await countRows(app, 'customer', 'name = ?', [good])).toBe(1);
  });

  it('skips customers already in the register or earlier in the file, without duplicating them', async () => {
    const pin = uniquePersonalIdentityNumber();
    const businessId = uniqueBusinessId();
    const dpo = await as('dpo');
    const existing = await dpo.gql(
      `mutation($pin: String!, $name: String!) { createCustomer(kind: PRIVATE, name: $name, personalIdentityNumber: $pin) { id } }`,
      { pin: pin.value, name: unique('Jo Rekisterissä') },
    );
    expect(existing.errors).toBeUndefined();
    const again = uniquePersonalIdentityNumber();
    const csv = [
      'kind;name;personalIdentityNumber;businessId',
      `PRIVATE;${unique('Sama Henkilö')};${pin.value};`,
      `BUSINESS;${unique('Uusi Yritys Oy')};;${businessId}`,
      `BUSINESS;${unique('Sama Yritys Oy')};;${businessId}`,
      `PRIVATE;${unique('Kahdesti Tiedostossa')};${again.value};`,
      `PRIVATE;${unique('Kahdesti Tiedostossa')};${again.value};`,
    ].join('\n');
    const { run, errors } = await importAndWait('dpo', csv);
    expect(run).toMatchObject({ status: 'COMPLETED', totalRows: 5, validRows: 5, invalidRows: 0, importedRows: 2, duplicateRows: 3 });
    expect(errors.map(({ rowNumber, column, kind }) => [rowNumber, column, kind])).toEqual([
      [2, 'personalIdentityNumber', 'DUPLICATE'],
      [4, 'businessId', 'DUPLICATE'],
      [6, 'personalIdentityNumber', 'DUPLICATE'],
    ]);
    expect(errors[0]!.message).toMatch(/already in the register/);
    expect(await countRows(app, 'customer', 'business_id = ?', [businessId])).toBe(1);
    const [found] = await sql<{ n: number }>(
      app,
      `select count(*)::int as n from customer where personal_identity_number_masked in (?)`,
      [[pin.value, again.value].map((value) => `${value.slice(0, 7)}****`)],
    );
    expect(found!.n).toBe(2);
  });

  it('writes nothing in a dry run, but reports every row', async () => {
    const names = [unique('Kuiva Harjoitus'), unique('Kuiva Virhe')];
    const csv = `${HEADER}\nPRIVATE,${names[0]},,,,,,,,,\nPRIVATE,${names[1]},,,,bad,,,,,\n`;
    const customersBefore = await countRows(app, 'customer');
    const auditBefore = await countRows(app, 'audit_event', `action = 'create'`);
    const { run, errors } = await importAndWait('service', csv, { dryRun: true });
    expect(run).toMatchObject({ status: 'COMPLETED', dryRun: true, totalRows: 2, validRows: 1, invalidRows: 1, importedRows: 0, progress: 1 });
    expect(errors.map((e) => [e.rowNumber, e.column])).toEqual([[3, 'email']]);
    expect(await countRows(app, 'customer')).toBe(customersBefore);
    expect(await countRows(app, 'audit_event', `action = 'create'`)).toBe(auditBefore);
  });

  it('refuses a file whose header or structure is wrong before reading any row, and records nothing', async () => {
    const service = await as('service');
    const runsBefore = await countRows(app, 'import_run');
    const cases: [string, RegExp][] = [
      [`kind,name,hetu,salary\nPRIVATE,X,1,2`, /unknown columns "hetu", "salary"/],
      [`name,email\nX,x@example.fi`, /required column kind missing/],
      [`kind,name,name\nPRIVATE,X,Y`, /column name given twice/],
      ['', /the file is empty/],
      [`kind,name\n`, /no data rows/],
      [`kind,name\nPRIVATE,"Avoin lainaus\n`, /line 2: a quoted value is not closed/],
    ];
    for (const [csv, message] of cases) {
      const result = await startImport(service, { partnerRegister: 'Kumppani Oy', csv });
      const error = onlyError(result, 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('csv');
      expect(error.message.startsWith('csv: '), error.message).toBe(true);
      expect(error.message).toMatch(message);
    }
    const noPartner = await startImport(service, { partnerRegister: ' ', csv: `kind,name\nPRIVATE,X` });
    expect(onlyError(noPartner, 'BAD_USER_INPUT').message).toMatch(/^partnerRegister: is required/);
    expect(await countRows(app, 'import_run')).toBe(runsBefore);
  });

  it('refuses files over the size limits and says how to proceed', () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => `PRIVATE,Asiakas ${i}`).join('\n');
    expect(() => parseCustomerCsv(`kind,name\n${rows}`)).toThrow(/at most 100000 per import: split it/);
    const big = `kind,name\n${'PRIVATE,"' + 'x'.repeat(60_000) + '"\n'}`.repeat(360);
    expect(() => parseCustomerCsv(big)).toThrow(/MB; at most 20 MB per import: split it/);
  });

  it('takes a file of several megabytes on the import path only; /graphql keeps its 1 MB limit', async () => {
    const long = 'x'.repeat(60_000);
    const csv = `kind,name,streetAddress\n${Array.from({ length: 50 }, (_, i) => `PRIVATE,${unique('Pitkä')} ${i},${long}`).join('\n')}`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2_900_000);
    const { run, errors } = await importAndWait('service', csv, { dryRun: true });
    expect(run).toMatchObject({ status: 'COMPLETED', totalRows: 50, invalidRows: 50 });
    expect(errors.every((e) => e.column === 'streetAddress' && e.message === 'is too long: at most 200 characters')).toBe(true);
    const service = await as('service');
    const direct = await service.post(IMPORT, { input: { partnerRegister: 'Kumppani Oy', csv, dryRun: true } });
    expect(direct.status).toBe(413);
  });

  it('reads a semicolon file with a BOM, quoted delimiters, quotes and line breaks inside values', async () => {
    const name = unique('Lainaus "Quote" Oy');
    const csv = `\uFEFFkind;name;streetAddress;city\r\nBUSINESS;"${name.replace(/"/g, '""')}";"Katu 1; rappu A";"ESPOO"\r\n`;
    const { run, errors } = await importAndWait('service', csv);
    expect(errors).toEqual([]);
    expect(run.importedRows).toBe(1);
    const [row] = await sql<{ street_address: string }>(app, 'select street_address from customer where name = ?', [name]);
    expect(row?.street_address).toBe('Katu 1; rappu A');
    // A line break inside a value is not a valid street address; the row is reported where it starts.
    const broken = await importAndWait('service', `kind,name,streetAddress\nPRIVATE,${unique('Rivi')},"Katu\n2"\nPRIVATE,X,`);
    expect(broken.errors.map((e) => [e.rowNumber, e.column])).toEqual([[2, 'streetAddress']]);
    expect(broken.run.importedRows).toBe(1);
  });

  it('is denied to every role but service and dpo, and to partner keys', async () => {
    const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'test', scopes: ['delivery'], createdBy: null });
    const runsBefore = await countRows(app, 'import_run');
    const callers: [string, Client][] = [];
    for (const role of ['sales', 'marketing', 'analyst', 'admin', 'billing']) callers.push([role, await as(role)]);
    callers.push(['partner', app.partner(key)]);
    for (const [who, client] of callers) {
      const started = await client.gql(IMPORT, { input: { partnerRegister: 'Kumppani Oy', csv: `kind,name\nPRIVATE,${unique('Kielletty')}` } });
      expect(onlyError(started, 'FORBIDDEN').path, who).toEqual(['importPartnerCustomers']);
      const listed = await client.gql('{ allImportRuns { id } }');
      expect(onlyError(listed, 'FORBIDDEN').path, who).toEqual(['allImportRuns']);
    }
    // The large-body path is for signed-in staff only; anonymous callers are stopped before the body is read.
    const anonymous = await fetch(`${app.url}/graphql/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(await countRows(app, 'import_run')).toBe(runsBefore);
    expect(await countRows(app, 'customer', `name like 'Kielletty%'`)).toBe(0);
  });

  it('marks an import cut off by a server restart as FAILED instead of running for ever', async () => {
    const id = randomUUID();
    await sql(app, `insert into import_run (id, partner_register, status, total_rows, processed_rows, valid_rows, started_by, started_at, last_progress_at)
      values (?, 'Kumppani Oy', 'IMPORTING', 1000, 500, 500, 'test', now() - interval '1 hour', now() - interval '11 minutes')`, [id]);
    const fresh = randomUUID();
    await sql(app, `insert into import_run (id, partner_register, status, total_rows, started_by, started_at, last_progress_at)
      values (?, 'Kumppani Oy', 'IMPORTING', 1000, 'test', now(), now() - interval '1 minute')`, [fresh]);
    const service = await as('service');
    const result = await service.gql<{ ImportRun: Run }>(`query($id: ID!) { ImportRun(id: $id) { ${RUN_FIELDS} } }`, { id });
    expect(result.data!.ImportRun).toMatchObject({ status: 'FAILED', processedRows: 500 });
    expect(result.data!.ImportRun.failure).toMatch(/^interrupted: the server stopped/);
    expect(result.data!.ImportRun.finishedAt).not.toBeNull();
    const [still] = await sql<{ status: string }>(app, 'select status from import_run where id = ?', [fresh]);
    expect(still!.status).toBe('IMPORTING');
    await sql(app, `update import_run set status = 'FAILED' where id = ?`, [fresh]);
  });

  it('lists past imports, newest first, with a count', async () => {
    const service = await as('service');
    const result = await service.gql<{ allImportRuns: Run[]; _allImportRunsMeta: { count: number } }>(
      `{ allImportRuns(perPage: 100) { id startedAt status } _allImportRunsMeta { count } }`,
    );
    expect(result.errors).toBeUndefined();
    const runs = result.data!.allImportRuns as unknown as { startedAt: string }[];
    expect(result.data!._allImportRunsMeta.count).toBe(await countRows(app, 'import_run'));
    expect(runs.length).toBeGreaterThan(3);
    expect(runs.map((r) => r.startedAt)).toEqual([...runs.map((r) => r.startedAt)].sort().reverse());
  });
});

describe('batches', () => {
  it('leaves nothing of a batch that fails mid-way, keeps the batches before it, and reports progress per batch', async () => {
    await sql(app, `create or replace function refuse_test_customer() returns trigger language plpgsql as $$
      begin if new.name like 'Kaatuu%' then raise exception 'refused by test'; end if; return new; end $$`);
    await sql(app, `create trigger refuse_test_customer before insert on customer for each row execute function refuse_test_customer()`);
    try {
      const imports = new ImportService(app.services.customers, { batchSize: 2 });
      const names = [unique('Erä Yksi A'), unique('Erä Yksi B'), unique('Erä Kaksi A'), unique('Kaatuu'), unique('Erä Kolme')];
      const csv = `kind,name,email\n${names.map((name, i) => `PRIVATE,${name},${i === 2 ? 'bad' : ''}`).join('\n')}\nPRIVATE,${names[0]}-x,bad`;
      const progress: number[] = [];
      const audit = new AuditLog({ kind: 'system', name: 'test' }, 'test', 'test-batches', 'importPartnerCustomers');
      const { run, done } = await imports.start(
        app.orm.em.fork(),
        { principal: null, startedBy: 'cli:test', audit },
        { partnerRegister: 'Kumppani Oy', csv },
        (current) => progress.push(current.processedRows),
      );
      const ended = await done;
      expect(ended.status).toBe(ImportStatus.FAILED);
      expect(ended.failure).toMatch(/batch starting at row 4/);
      expect(ended.failure).not.toMatch(/Kaatuu/);
      expect(progress).toEqual([2, 2]);
      const [stored] = await sql<{ status: string; processed_rows: number; imported_rows: number; invalid_rows: number }>(
        app, 'select status, processed_rows, imported_rows, invalid_rows from import_run where id = ?', [run.id]);
      expect(stored).toMatchObject({ status: 'FAILED', processed_rows: 2, imported_rows: 2, invalid_rows: 0 });
      expect(await countRows(app, 'customer', 'name in (?)', [names.slice(0, 2)])).toBe(2);
      // The failed batch: neither its valid row nor its invalid row's report was written.
      expect(await countRows(app, 'customer', 'name in (?)', [names.slice(2)])).toBe(0);
      expect(await countRows(app, 'import_row_error', 'run_id = ?', [run.id])).toBe(0);

      await sql(app, 'drop trigger refuse_test_customer on customer');
      const progressAfter: number[] = [];
      const second = await imports.start(
        app.orm.em.fork(),
        { principal: null, startedBy: 'cli:test', audit },
        { partnerRegister: 'Kumppani Oy', csv: `kind,name\n${names.slice(2).map((name) => `PRIVATE,${name}`).join('\n')}` },
        (current) => progressAfter.push(current.processedRows),
      );
      const completed = await second.done;
      expect(completed).toMatchObject({ status: ImportStatus.COMPLETED, totalRows: 3, processedRows: 3, importedRows: 3 });
      expect(completed.progress).toBe(1);
      expect(progressAfter).toEqual([2, 3, 3]);
    } finally {
      await sql(app, 'drop trigger if exists refuse_test_customer on customer');
    }
  });
});
