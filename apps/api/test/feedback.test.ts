import { dataMap } from '@register/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, expectBadInput, onlyError, sql } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Survey answers and feedback given by customers, with the consent they were given under:
 * customer service records them, sales reads them, the dpo inspects, corrects and deletes;
 * analysts, marketing and admins see none of it.
 */
const FIELDS = Object.keys(dataMap.Feedback.fields);
const ALL = FIELDS.join(' ');
const READERS = ['service', 'sales', 'dpo'] as const;
const NON_READERS = ['billing', 'marketing', 'analyst', 'admin'] as const;
const NON_WRITERS = ['sales', 'billing', 'marketing', 'analyst', 'admin'] as const;

type Row = Record<string, unknown>;

let app: TestApp;
let customerId: string;
let surveyId: string;
let complaintId: string;
let delivery: Client;
const clients = new Map<string, Client>();
const as = async (role: string) => {
  let client = clients.get(role);
  if (!client) {
    client = await app.as(role);
    clients.set(role, client);
  }
  return client;
};

async function writes() {
  const [row] = await sql<{ feedback: string; changes: string; fingerprint: string }>(
    app,
    `select (select count(*) from feedback)::text as feedback,
            (select count(*) from audit_event where action in ('create', 'update', 'delete'))::text as changes,
            (select md5(coalesce(string_agg(row_to_json(f)::text, ',' order by id), '')) from feedback f) as fingerprint`,
  );
  return row;
}

async function expectNothingWritten<T>(run: () => Promise<GraphQLResponse<T>>): Promise<GraphQLResponse<T>> {
  const before = await writes();
  const result = await run();
  expect(await writes()).toEqual(before);
  return result;
}

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

const SURVEY = `kind: SURVEY_ANSWER, surveyName: "Asiakastyytyväisyyskysely 2026", question: "Kuinka todennäköisesti suosittelisit meitä? (0–10)",
  score: 9, text: "Nopea palvelu.", givenAt: "2026-03-01T10:00:00Z", consent: "Kyselyn alussa annettu suostumus"`;

beforeAll(async () => {
  app = await startTestApp({ customers: 10 });
  const customer = await (await as('service')).gql<{ createCustomer: { id: string } }>(
    'mutation { createCustomer(kind: PRIVATE, name: "Palautteen Antaja", email: "antaja@example.fi") { id } }',
  );
  customerId = ok(customer).createCustomer.id;
  // Every field filled, by the dpo (who alone sets the source).
  const created = await (await as('dpo')).gql<{ createFeedback: { id: string } }>(
    `mutation($c: ID) { createFeedback(customerId: $c, ${SURVEY}, sourceType: PARTNER, sourcePartner: "Kyselykumppani Oy") { id } }`,
    { c: customerId },
  );
  surveyId = ok(created).createFeedback.id;
  const complaint = await (await as('service')).gql<{ createFeedback: { id: string } }>(
    'mutation($c: ID) { createFeedback(customerId: $c, kind: COMPLAINT, text: "Liittymä katkeilee.", consent: "Annettu puhelimessa") { id } }',
    { c: customerId },
  );
  complaintId = ok(complaint).createFeedback.id;
  const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'deliveries', scopes: ['delivery'], createdBy: null });
  delivery = app.partner(key);
});
afterAll(() => app?.close());

describe('reading feedback, role by role', () => {
  for (const role of READERS) {
    it(`${role} reads every field of feedback, one by one and in lists`, async () => {
      const client = await as(role);
      const one = await client.gql<{ Feedback: Row }>(`query($id: ID!) { Feedback(id: $id) { ${ALL} } }`, { id: surveyId });
      expect(one.errors).toBeUndefined();
      for (const field of FIELDS) expect(one.data!.Feedback[field], field).not.toBeNull();
      const list = await client.gql<{ allFeedbacks: Row[]; _allFeedbacksMeta: { count: number } }>(
        `query($c: ID) { allFeedbacks(filter: { customerId: $c, kind: SURVEY_ANSWER }) { ${ALL} } _allFeedbacksMeta(filter: { customerId: $c }) { count } }`,
        { c: customerId },
      );
      expect(list.errors).toBeUndefined();
      expect(list.data!.allFeedbacks.map((row) => row.id)).toEqual([surveyId]);
    });
  }

  const refused: [string, () => Client | Promise<Client>, string][] = [
    ...NON_READERS.map((role): [string, () => Promise<Client>, string] => [role, () => as(role), 'FORBIDDEN']),
    ['anonymous', () => app.anonymous(), 'UNAUTHENTICATED'],
    ['partner with scope delivery', () => delivery, 'FORBIDDEN'],
  ];
  for (const [who, client, code] of refused) {
    it(`${who}: every feedback query is ${code} as a whole`, async () => {
      const c = await client();
      const list = await c.gql(`{ allFeedbacks { ${ALL} } }`);
      expect(list.data).toBeNull();
      expect(onlyError(list, code).path).toEqual(['allFeedbacks']);
      const one = await c.gql(`query($id: ID!) { Feedback(id: $id) { ${ALL} } }`, { id: surveyId });
      expect(one.data).toEqual({ Feedback: null });
      expect(onlyError(one, code).path).toEqual(['Feedback']);
      expect(onlyError(await c.gql('{ _allFeedbacksMeta { count } }'), code).path).toEqual(['_allFeedbacksMeta']);
    });
  }

  it('every field is read by exactly service, sales and dpo (the rules are per field, not only per query)', () => {
    for (const [field, classification] of Object.entries(dataMap.Feedback.fields)) {
      expect([...classification.read.roles].sort(), field).toEqual(['dpo', 'sales', 'service']);
      expect(classification.read.scopes ?? [], field).toEqual([]);
    }
  });

  it('a read is audited under the customer with field names only', async () => {
    const sales = await as('sales');
    const response = await sales.post('query FeedbackRead($id: ID!) { Feedback(id: $id) { text score consent } }', { id: surveyId });
    expect(((await response.json()) as GraphQLResponse).errors).toBeUndefined();
    const events = await sql<{ subject_type: string; subject_id: string; fields: string[]; row: string }>(
      app,
      `select subject_type, subject_id, fields, row_to_json(e)::text as row from audit_event e where request_id = ? and action = 'read'`,
      [response.headers.get('x-request-id')],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject_type: 'Feedback', subject_id: customerId, fields: ['consent', 'score', 'text'] });
    expect(events[0]!.row).not.toContain('Nopea palvelu');
  });
});

describe('writing feedback', () => {
  it('service records free feedback and a complaint; the change is audited by field name', async () => {
    const service = await as('service');
    for (const kind of ['FREE_FEEDBACK', 'COMPLAINT']) {
      const created = ok(
        await service.gql<{ createFeedback: { id: string; kind: string; givenAt: string; sourceType: string } }>(
          `mutation($c: ID) { createFeedback(customerId: $c, kind: ${kind}, text: "Lasku tuli kahdesti.\\nPyydän korjausta.", consent: "Annettu puhelimessa") { id kind givenAt sourceType } }`,
          { c: customerId },
        ),
      ).createFeedback;
      expect(created).toMatchObject({ kind, sourceType: 'DATA_SUBJECT' });
      const [event] = await sql<{ fields: string[]; subject_id: string }>(app, `select fields, subject_id from audit_event where action = 'create' and operation = 'createFeedback' order by seq desc limit 1`);
      expect(event).toEqual({ subject_id: customerId, fields: ['consent', 'customerId', 'givenAt', 'id', 'kind', 'text'] });
    }
  });

  it('service corrects feedback; only the changed fields are audited', async () => {
    const service = await as('service');
    const updated = ok(
      await service.gql<{ updateFeedback: { score: number; text: string } }>(
        'mutation($id: ID!) { updateFeedback(id: $id, score: 8, text: "Nopea palvelu.") { score text } }',
        { id: surveyId },
      ),
    ).updateFeedback;
    expect(updated).toEqual({ score: 8, text: 'Nopea palvelu.' });
    const [event] = await sql<{ fields: string[] }>(app, `select fields from audit_event where action = 'update' and operation = 'updateFeedback' order by seq desc limit 1`);
    expect(event!.fields).toEqual(['score']);
  });

  it('service may not set the source (dpo only)', async () => {
    const service = await as('service');
    const result = await expectNothingWritten(() =>
      service.gql('mutation($c: ID) { createFeedback(customerId: $c, kind: FREE_FEEDBACK, text: "x", consent: "y", sourceType: PARTNER, sourcePartner: "Z") { id } }', {
        c: customerId,
      }),
    );
    expect(onlyError(result, 'FORBIDDEN').extensions?.field).toBe('sourceType');
  });

  for (const role of NON_WRITERS) {
    it(`${role} may not record, change or delete feedback`, async () => {
      const client = await as(role);
      onlyError(
        await expectNothingWritten(() =>
          client.gql('mutation($c: ID) { createFeedback(customerId: $c, kind: FREE_FEEDBACK, text: "x", consent: "y") { id } }', { c: customerId }),
        ),
        'FORBIDDEN',
      );
      onlyError(await expectNothingWritten(() => client.gql('mutation($id: ID!) { updateFeedback(id: $id, score: 1) { id } }', { id: surveyId })), 'FORBIDDEN');
      onlyError(await expectNothingWritten(() => client.gql('mutation($id: ID!) { deleteFeedback(id: $id) { id } }', { id: surveyId })), 'FORBIDDEN');
    });
  }

  it('service may not delete feedback either: only the dpo removes what was entered by mistake', async () => {
    const service = await as('service');
    onlyError(await expectNothingWritten(() => service.gql('mutation($id: ID!) { deleteFeedback(id: $id) { id } }', { id: surveyId })), 'FORBIDDEN');
    const dpo = await as('dpo');
    const created = ok(
      await service.gql<{ createFeedback: { id: string } }>('mutation($c: ID) { createFeedback(customerId: $c, kind: FREE_FEEDBACK, text: "Väärä asiakas", consent: "Annettu chatissa") { id } }', {
        c: customerId,
      }),
    ).createFeedback;
    expect(ok(await dpo.gql<{ deleteFeedback: { id: string } }>('mutation($id: ID!) { deleteFeedback(id: $id) { id } }', { id: created.id })).deleteFeedback.id).toBe(
      created.id,
    );
    expect(await countRows(app, 'feedback', 'id = ?', [created.id])).toBe(0);
    expect(await countRows(app, 'audit_event', "action = 'delete' and subject_type = 'Feedback' and subject_id = ?", [customerId])).toBe(1);
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  const create = async (args: string, variables: Record<string, unknown> = {}, declarations = '') =>
    (await as('service')).gql(`mutation($c: ID${declarations}) { createFeedback(customerId: $c, ${args}) { id } }`, { c: customerId, ...variables });

  const CASES: { name: string; field: string; run: () => Promise<GraphQLResponse<unknown>>; message?: RegExp }[] = [
    { name: 'no consent', field: 'consent', run: () => create('kind: FREE_FEEDBACK, text: "Hyvä palvelu"'), message: /consent/ },
    { name: 'an empty consent', field: 'consent', run: () => create('kind: FREE_FEEDBACK, text: "Hyvä palvelu", consent: "  "') },
    { name: 'no kind', field: 'kind', run: () => create('text: "Hyvä palvelu", consent: "Annettu puhelimessa"') },
    { name: 'no customer', field: 'customerId', run: async () => (await as('service')).gql('mutation { createFeedback(kind: FREE_FEEDBACK, text: "x", consent: "y") { id } }') },
    {
      name: 'a customer that does not exist',
      field: 'customerId',
      run: async () => (await as('service')).gql('mutation { createFeedback(customerId: "6f9619ff-8b86-4d01-b42d-00c04fc964ff", kind: FREE_FEEDBACK, text: "x", consent: "y") { id } }'),
    },
    { name: 'a score of 11', field: 'score', run: () => create('kind: SURVEY_ANSWER, surveyName: "K", score: 11, consent: "y"'), message: /0 to 10/ },
    { name: 'a negative score', field: 'score', run: () => create('kind: SURVEY_ANSWER, surveyName: "K", score: -1, consent: "y"') },
    { name: 'a survey answer without the survey', field: 'surveyName', run: () => create('kind: SURVEY_ANSWER, score: 5, consent: "y"') },
    { name: 'a survey answer with neither score nor text', field: 'score', run: () => create('kind: SURVEY_ANSWER, surveyName: "K", consent: "y"') },
    { name: 'free feedback without text', field: 'text', run: () => create('kind: FREE_FEEDBACK, consent: "y"') },
    { name: 'a complaint with a score', field: 'score', run: () => create('kind: COMPLAINT, text: "Huono", score: 2, consent: "y"'), message: /only for survey answers/ },
    { name: 'a text of 4001 characters', field: 'text', run: () => create('kind: FREE_FEEDBACK, text: $t, consent: "y"', { t: 'a'.repeat(4001) }, ', $t: String'), message: /at most 4000/ },
    { name: 'a text with a control character', field: 'text', run: () => create('kind: FREE_FEEDBACK, text: $t, consent: "y"', { t: 'a\u0007b' }, ', $t: String') },
    { name: 'given in the future', field: 'givenAt', run: () => create('kind: FREE_FEEDBACK, text: "x", consent: "y", givenAt: "2999-01-01T00:00:00Z"') },
    { name: 'an unknown kind', field: 'kind', run: () => create('kind: RUMOUR, text: "x", consent: "y"') },
    {
      name: 'a survey field added to a complaint on update',
      field: 'surveyName',
      run: async () => {
        const service = await as('service');
        return service.gql('mutation($id: ID!) { updateFeedback(id: $id, surveyName: "Kysely") { id } }', { id: complaintId });
      },
    },
    { name: 'a customer filter that is not an id', field: 'filter.customerId', run: async () => (await as('service')).gql('{ allFeedbacks(filter: { customerId: "x" }) { id } }') },
  ];
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const error = expectBadInput(await expectNothingWritten(testCase.run), testCase.field);
      if (testCase.message) expect(error.message).toMatch(testCase.message);
    });
  }

  it('a text of exactly 4000 characters with line breaks is accepted', async () => {
    const text = `${'a'.repeat(1999)}\n${'b'.repeat(2000)}`;
    const created = ok(await create('kind: FREE_FEEDBACK, text: $t, consent: "y"', { t: text }, ', $t: String')) as { createFeedback: { id: string } };
    const [row] = await sql<{ text: string }>(app, 'select text from feedback where id = ?', [created.createFeedback.id]);
    expect(row!.text).toBe(text);
  });
});
