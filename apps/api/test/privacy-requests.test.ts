import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueDateOf, todayInFinland } from '../src/privacy/requests/due-date.js';
import { countRows, expectBadInput, onlyError, sql, uniqueBusinessId } from './support/helpers.js';
import { startTestApp, type Client, type TestApp } from './support/test-app.js';

/**
 * Data subject requests through the real server: only the dpo reads or handles them, the due date
 * follows the calendar-month rule and moves once, statuses move only forward, every change is
 * audited by id, and completing an objection prohibits direct marketing on every channel.
 */

const FIELDS = `id type status customerId contactPersonId subjectId requesterName requesterEmail requesterPhone requesterAddress
  requesterDateOfBirth receivedDate channel signed identityVerificationMethod identityVerifiedById identityVerifiedAt
  originalDueDate dueDate overdue extensionReason extendedById extendedAt refusalReason completedDate notes createdById createdAt updatedAt`;

const CREATE = `mutation Create($type: DataSubjectRequestType!, $receivedDate: LocalDate!, $channel: DataSubjectRequestChannel!,
  $customerId: ID, $contactPersonId: ID, $requesterName: String, $requesterEmail: String, $requesterDateOfBirth: LocalDate,
  $signed: Boolean, $identityVerificationMethod: String, $notes: String) {
  createDataSubjectRequest(type: $type, receivedDate: $receivedDate, channel: $channel, customerId: $customerId,
    contactPersonId: $contactPersonId, requesterName: $requesterName, requesterEmail: $requesterEmail,
    requesterDateOfBirth: $requesterDateOfBirth, signed: $signed, identityVerificationMethod: $identityVerificationMethod, notes: $notes) { ${FIELDS} }
}`;

type Request = Record<string, unknown> & { id: string; status: string; dueDate: string; subjectId: string };

let app: TestApp;
let dpo: Client;
let dpoUserId: string;
const OTHERS = ['service', 'sales', 'billing', 'marketing', 'analyst', 'admin'] as const;

async function createCustomer(name: string): Promise<string> {
  const result = await dpo.gql<{ createCustomer: { id: string } }>(
    `mutation($name: String!) { createCustomer(kind: PRIVATE, name: $name, email: "pyytaja@example.fi", phone: "040 111 2222") { id } }`,
    { name },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.createCustomer.id;
}

async function create(variables: Record<string, unknown>): Promise<Request> {
  const result = await dpo.gql<{ createDataSubjectRequest: Request }>(CREATE, { channel: 'LETTER', ...variables });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.createDataSubjectRequest;
}

async function mutate(name: string, args: string, variables: Record<string, unknown>) {
  return dpo.gql<Record<string, Request>>(`mutation(${args}) { ${name}(${args.replace(/\$(\w+):[^,]+/g, '$1: $$$1')}) { ${FIELDS} } }`, variables);
}

beforeAll(async () => {
  app = await startTestApp({ customers: 3 });
  dpo = await app.as('dpo');
  const me = await dpo.gql<{ me: { id: string } }>('{ me { id } }');
  dpoUserId = me.data!.me.id;
});
afterAll(async () => {
  await app?.close();
});

describe('who may handle requests', () => {
  it('refuses every role but dpo, and the anonymous, reads and writes alike', async () => {
    const customerId = await createCustomer('Kielletty Kokeilu');
    const existing = await create({ type: 'ACCESS', receivedDate: '2025-03-03', customerId });
    const before = await countRows(app, 'data_subject_request');
    for (const role of OTHERS) {
      const client = await app.as(role);
      const list = await client.gql('{ allDataSubjectRequests { id } _allDataSubjectRequestsMeta { count } }');
      expect(list.data ?? null, role).toBeNull();
      expect(list.errors?.every((e) => e.extensions?.code === 'FORBIDDEN'), `${role}: ${JSON.stringify(list.errors)}`).toBe(true);
      onlyError(await client.gql(`query($id: ID!) { dataSubjectRequest(id: $id) { id } }`, { id: existing.id }), 'FORBIDDEN');
      onlyError(await client.gql('{ dataSubjectRequestStatistics { overdue } }'), 'FORBIDDEN');
      onlyError(await client.gql(CREATE, { type: 'ACCESS', receivedDate: '2025-03-03', channel: 'EMAIL' }), 'FORBIDDEN');
      for (const [name, args] of [
        ['updateDataSubjectRequest', 'id: $id, notes: "x"'],
        ['extendDataSubjectRequest', 'id: $id, newDueDate: "2025-05-03", reason: "busy"'],
        ['completeDataSubjectRequest', 'id: $id'],
        ['refuseDataSubjectRequest', 'id: $id, reason: "no"'],
      ] as const) {
        onlyError(await client.gql(`mutation($id: ID!) { ${name}(${args}) { id } }`, { id: existing.id }), 'FORBIDDEN');
      }
    }
    onlyError(await app.anonymous().gql('{ allDataSubjectRequests { id } }'), 'UNAUTHENTICATED');
    expect(await countRows(app, 'data_subject_request')).toBe(before);
    const [row] = await sql<{ status: string; notes: string | null }>(app, 'select status, notes from data_subject_request where id = ?', [existing.id]);
    expect(row).toEqual({ status: 'RECEIVED', notes: null });
  });
});

describe('registering and handling a request', () => {
  it('computes the due date by the calendar-month rule and shows an open request past it as overdue', async () => {
    const leap = await create({ type: 'ACCESS', receivedDate: '2024-01-31', requesterName: 'Tuntematon Pyytäjä' });
    expect(leap).toMatchObject({ status: 'RECEIVED', originalDueDate: '2024-02-29', dueDate: '2024-02-29', overdue: true });
    expect(leap.createdById).toBe(dpoUserId);
    // Nobody matched yet: the request is its own data subject.
    expect(leap.subjectId).toBe(leap.id);
    const today = todayInFinland();
    const fresh = await create({ type: 'PORTABILITY', receivedDate: today, channel: 'EMAIL' });
    expect(fresh).toMatchObject({ dueDate: dueDateOf(today), overdue: false });
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = await countRows(app, 'data_subject_request');
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expectBadInput(await dpo.gql(CREATE, { type: 'ACCESS', receivedDate: tomorrow, channel: 'LETTER' }), 'receivedDate');
    expectBadInput(await dpo.gql(CREATE, { type: 'ACCESS', receivedDate: '2025-01-01', channel: 'LETTER', requesterEmail: 'not-an-address' }), 'requesterEmail');
    expectBadInput(
      await dpo.gql(CREATE, { type: 'ACCESS', receivedDate: '2025-01-01', channel: 'LETTER', customerId: '00000000-0000-4000-8000-000000000000' }),
      'customerId',
    );
    expect(await countRows(app, 'data_subject_request')).toBe(before);
  });

  it('links the person later and records who verified the identity, and when', async () => {
    const customerId = await createCustomer('Myöhemmin Linkitetty');
    const request = await create({ type: 'ACCESS', receivedDate: '2025-02-10', requesterName: 'Myöhemmin Linkitetty' });
    const linked = await mutate('updateDataSubjectRequest', '$id: ID!, $customerId: ID', { id: request.id, customerId });
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.updateDataSubjectRequest).toMatchObject({ customerId, subjectId: customerId, status: 'RECEIVED' });
    const verified = await mutate('updateDataSubjectRequest', '$id: ID!, $identityVerificationMethod: String', {
      id: request.id,
      identityVerificationMethod: 'Passport shown at the Helsinki office',
    });
    expect(verified.data!.updateDataSubjectRequest).toMatchObject({ status: 'IDENTITY_VERIFIED', identityVerifiedById: dpoUserId });
    expect(verified.data!.updateDataSubjectRequest!.identityVerifiedAt).toBeTruthy();
    const inProgress = await mutate('updateDataSubjectRequest', '$id: ID!, $status: DataSubjectRequestStatus', { id: request.id, status: 'IN_PROGRESS' });
    expect(inProgress.data!.updateDataSubjectRequest!.status).toBe('IN_PROGRESS');
    const notThisWay = await mutate('updateDataSubjectRequest', '$id: ID!, $status: DataSubjectRequestStatus', { id: request.id, status: 'COMPLETED' });
    expectBadInput(notThisWay, 'status');
  });

  it('extends once, by at most two further months from the original due date', async () => {
    const request = await create({ type: 'ERASURE', receivedDate: '2025-01-31' });
    expect(request.dueDate).toBe('2025-02-28');
    const args = '$id: ID!, $newDueDate: LocalDate!, $reason: String!';
    const tooFar = await mutate('extendDataSubjectRequest', args, { id: request.id, newDueDate: '2025-04-29', reason: 'Many records' });
    expect(expectBadInput(tooFar, 'newDueDate').message).toContain('2025-04-28');
    expectBadInput(await mutate('extendDataSubjectRequest', args, { id: request.id, newDueDate: '2025-04-28', reason: '  ' }), 'reason');
    const extended = await mutate('extendDataSubjectRequest', args, { id: request.id, newDueDate: '2025-04-28', reason: 'Many records to go through' });
    expect(extended.errors).toBeUndefined();
    expect(extended.data!.extendDataSubjectRequest).toMatchObject({
      status: 'EXTENDED',
      originalDueDate: '2025-02-28',
      dueDate: '2025-04-28',
      extensionReason: 'Many records to go through',
      extendedById: dpoUserId,
    });
    const again = await mutate('extendDataSubjectRequest', args, { id: request.id, newDueDate: '2025-04-28', reason: 'Still busy' });
    expect(expectBadInput(again, 'newDueDate').message).toContain('already been extended once');
    const [row] = await sql<{ due_date: string; extension_reason: string }>(
      app,
      `select to_char(due_date, 'YYYY-MM-DD') as due_date, extension_reason from data_subject_request where id = ?`,
      [request.id],
    );
    expect(row).toEqual({ due_date: '2025-04-28', extension_reason: 'Many records to go through' });
  });

  it('completes only a verified request of a known person, and a closed request never changes', async () => {
    const customerId = await createCustomer('Valmis Pyyntö');
    const request = await create({ type: 'ACCESS', receivedDate: '2025-03-01', customerId });
    expectBadInput(await mutate('completeDataSubjectRequest', '$id: ID!', { id: request.id }), 'id');
    await mutate('updateDataSubjectRequest', '$id: ID!, $identityVerificationMethod: String', { id: request.id, identityVerificationMethod: 'Signed letter, signature compared' });
    const done = await mutate('completeDataSubjectRequest', '$id: ID!, $notes: String', { id: request.id, notes: 'Report sent by letter' });
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeDataSubjectRequest).toMatchObject({ status: 'COMPLETED', completedDate: todayInFinland(), overdue: false, notes: 'Report sent by letter' });
    expectBadInput(await mutate('refuseDataSubjectRequest', '$id: ID!, $reason: String!', { id: request.id, reason: 'Too late' }), 'id');
    expectBadInput(await mutate('updateDataSubjectRequest', '$id: ID!, $notes: String', { id: request.id, notes: 'x' }), 'id');
  });

  it('refuses with a reason only, and a refused request cannot be completed', async () => {
    const request = await create({ type: 'RECTIFICATION', receivedDate: '2025-03-02' });
    expectBadInput(await mutate('refuseDataSubjectRequest', '$id: ID!, $reason: String!', { id: request.id, reason: '' }), 'reason');
    const refused = await mutate('refuseDataSubjectRequest', '$id: ID!, $reason: String!', { id: request.id, reason: 'Identity could not be verified' });
    expect(refused.data!.refuseDataSubjectRequest).toMatchObject({ status: 'REFUSED', refusalReason: 'Identity could not be verified' });
    expectBadInput(await mutate('completeDataSubjectRequest', '$id: ID!', { id: request.id }), 'id');
    const [row] = await sql<{ status: string }>(app, 'select status from data_subject_request where id = ?', [request.id]);
    expect(row!.status).toBe('REFUSED');
  });

  it('audits every change by id and field names, never the values', async () => {
    const request = await create({ type: 'ACCESS', receivedDate: '2025-04-01', requesterName: 'Salainen Nimi', requesterEmail: 'salainen@example.fi' });
    await mutate('updateDataSubjectRequest', '$id: ID!, $notes: String', { id: request.id, notes: 'Called back' });
    const events = await sql<{ operation: string; action: string; fields: string[]; actor_id: string }>(
      app,
      `select operation, action, fields, actor_id from audit_event where subject_id = ? and action <> 'read' order by seq`,
      [request.id],
    );
    expect(events.map((e) => e.operation)).toEqual(['createDataSubjectRequest', 'updateDataSubjectRequest']);
    expect(events[0]!.fields).toEqual(expect.arrayContaining(['requesterName', 'requesterEmail', 'dueDate']));
    expect(events[1]!.fields).toEqual(['notes']);
    expect(events.every((e) => e.actor_id === dpoUserId)).toBe(true);
    const leaked = await sql(app, `select seq from audit_event where row_to_json(audit_event)::text ilike '%salainen%'`);
    expect(leaked).toEqual([]);
  });
});

describe('lists and statistics', () => {
  it('filters by status, type, overdue and due date, sorts by due date and counts', async () => {
    const all = await dpo.gql<{ allDataSubjectRequests: Request[]; _allDataSubjectRequestsMeta: { count: number } }>(
      `{ allDataSubjectRequests(perPage: 500) { id dueDate status overdue type } _allDataSubjectRequestsMeta { count } }`,
    );
    const rows = all.data!.allDataSubjectRequests;
    expect(rows.length).toBe(all.data!._allDataSubjectRequestsMeta.count);
    expect(rows.map((r) => r.dueDate)).toEqual([...rows.map((r) => r.dueDate)].sort());
    const overdue = await dpo.gql<{ allDataSubjectRequests: Request[]; _allDataSubjectRequestsMeta: { count: number } }>(
      `{ allDataSubjectRequests(filter: { overdue: true }, perPage: 500) { id overdue status } _allDataSubjectRequestsMeta(filter: { overdue: true }) { count } }`,
    );
    const expectedOverdue = rows.filter((r) => r.overdue).map((r) => r.id).sort();
    expect(expectedOverdue.length).toBeGreaterThan(0);
    expect(overdue.data!.allDataSubjectRequests.map((r) => r.id).sort()).toEqual(expectedOverdue);
    expect(overdue.data!._allDataSubjectRequestsMeta.count).toBe(expectedOverdue.length);
    const refused = await dpo.gql<{ allDataSubjectRequests: Request[] }>(`{ allDataSubjectRequests(filter: { status: REFUSED, type: RECTIFICATION }) { status type } }`);
    expect(refused.data!.allDataSubjectRequests.length).toBeGreaterThan(0);
    expect(refused.data!.allDataSubjectRequests.every((r) => r.status === 'REFUSED' && r.type === 'RECTIFICATION')).toBe(true);
    const due = await dpo.gql<{ allDataSubjectRequests: Request[] }>(`{ allDataSubjectRequests(filter: { dueBefore: "2025-01-01" }, perPage: 500) { dueDate } }`);
    expect(due.data!.allDataSubjectRequests.length).toBe(rows.filter((r) => r.dueDate <= '2025-01-01').length);
    expectBadInput(await dpo.gql(`{ allDataSubjectRequests(sortField: "requesterName") { id } }`), 'sortField');
  });

  it('counts requests by status and by month of receipt', async () => {
    const stats = await dpo.gql<{ dataSubjectRequestStatistics: { byStatus: { status: string; count: number }[]; byMonth: { month: string; status: string; count: number }[]; overdue: number } }>(
      `{ dataSubjectRequestStatistics { byStatus { status count } byMonth { month status count } overdue } }`,
    );
    expect(stats.errors).toBeUndefined();
    const expected = await sql<{ status: string; count: number }>(app, 'select status::text, count(*)::int as count from data_subject_request group by 1 order by 1');
    const byName = (a: { status: string }, b: { status: string }) => a.status.localeCompare(b.status);
    expect([...stats.data!.dataSubjectRequestStatistics.byStatus].sort(byName)).toEqual(expected.sort(byName));
    const january = stats.data!.dataSubjectRequestStatistics.byMonth.filter((m) => m.month === '2024-01');
    expect(january).toEqual([{ month: '2024-01', status: 'RECEIVED', count: 1 }]);
    const total = stats.data!.dataSubjectRequestStatistics.byMonth.reduce((sum, m) => sum + m.count, 0);
    expect(total).toBe(await countRows(app, 'data_subject_request'));
    expect(stats.data!.dataSubjectRequestStatistics.overdue).toBeGreaterThan(0);
  });
});

describe('objection to direct marketing', () => {
  it('completing it prohibits every channel at once through the ledger, in the same transaction', async () => {
    const business = await dpo.gql<{ createCustomer: { id: string } }>(
      `mutation($businessId: String!) { createCustomer(kind: BUSINESS, name: "Vastustus Oy", businessId: $businessId, email: "info@vastustus.fi") { id } }`,
      { businessId: uniqueBusinessId() },
    );
    const customerId = business.data!.createCustomer.id;
    for (const channel of ['EMAIL', 'SMS', 'PHONE', 'POST']) {
      const permit = await dpo.gql(
        `mutation($customerId: ID!, $channel: MarketingChannel!) { recordMarketingDecision(customerId: $customerId, channel: $channel, decision: PERMIT, source: CUSTOMER_FORM, evidence: "Form signed") { id } }`,
        { customerId, channel },
      );
      expect(permit.errors).toBeUndefined();
    }
    const request = await create({ type: 'OBJECTION', receivedDate: '2025-05-05', customerId, identityVerificationMethod: 'Known e-mail address' });
    const done = await mutate('completeDataSubjectRequest', '$id: ID!', { id: request.id });
    expect(done.errors).toBeUndefined();
    const entries = await sql<{ channel: string; decision: string; source: string; evidence: string; recorded_by_id: string }>(
      app,
      `select channel::text, decision::text, source::text, evidence, recorded_by_id::text from marketing_permit_entry
        where customer_id = ? and source = 'OBJECTION_REQUEST' order by channel`,
      [customerId],
    );
    expect(entries.map((e) => e.channel).sort()).toEqual(['EMAIL', 'PHONE', 'POST', 'SMS']);
    expect(entries.every((e) => e.decision === 'PROHIBIT' && e.evidence.includes(request.id) && e.recorded_by_id === dpoUserId)).toBe(true);
    const state = await sql<{ permitted: boolean }>(app, 'select permitted from customer_marketing_state where customer_id = ?', [customerId]);
    expect(state).toHaveLength(4);
    expect(state.every((s) => !s.permitted)).toBe(true);
  });
});
