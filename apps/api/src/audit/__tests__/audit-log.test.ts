import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it, vi } from 'vitest';
import { AuditLog, type AuditEntry } from '../audit-log.js';

/** The events a request's reads become, as `flush` hands them to `write`. */
async function eventsOf(reads: (log: AuditLog) => void): Promise<AuditEntry[]> {
  const log = new AuditLog({ kind: 'system', name: 'test' }, null, 'request-1', 'query Test');
  const write = vi.spyOn(log, 'write').mockResolvedValue(undefined);
  reads(log);
  await log.flush({} as EntityManager);
  expect(write).toHaveBeenCalledTimes(1);
  expect(log.pendingCount).toBe(0);
  return write.mock.calls[0]![1];
}

describe("collecting a request's reads into audit events", () => {
  it('makes one event per way of reading: the rows of a page together, a subject read otherwise apart', async () => {
    const events = await eventsOf((log) => {
      for (const id of ['c3', 'c1', 'c2']) {
        log.read('Customer', id, 'name');
        log.read('Customer', id, 'email');
        log.read('Customer', id, 'name'); // read again: nothing new
      }
      // The same fields in another order: the same event.
      log.read('Customer', 'c4', 'email');
      log.read('Customer', 'c4', 'name');
      // One field more: an event of its own.
      log.read('Customer', 'c5', 'name');
      log.read('Customer', 'c5', 'email');
      log.read('Customer', 'c5', 'phone');
    });
    expect(events).toEqual([
      { operation: 'query Test', action: 'read', subjectType: 'Customer', subjectId: null, subjectIds: ['c1', 'c2', 'c3', 'c4'], fields: ['email', 'name'] },
      { operation: 'query Test', action: 'read', subjectType: 'Customer', subjectId: 'c5', subjectIds: null, fields: ['email', 'name', 'phone'] },
    ]);
  });

  it("names the data subject's own record and each field with its type when one subject's reads span types", async () => {
    const events = await eventsOf((log) => {
      // A contract read first, then its customer: the event is the customer's.
      log.read('Contract', 'c1', 'status');
      log.read('Customer', 'c1', 'name');
      log.read('SimCard', 'c1', 'iccid');
      log.read('Contract', 'c1', 'startDate');
      // Only a contract: its own type, plain field names.
      log.read('Contract', 'c2', 'status');
    });
    expect(events).toEqual([
      expect.objectContaining({ subjectType: 'Customer', subjectId: 'c1', fields: ['Contract.startDate', 'Contract.status', 'Customer.name', 'SimCard.iccid'] }),
      expect.objectContaining({ subjectType: 'Contract', subjectId: 'c2', fields: ['status'] }),
    ]);
  });

  it('gives the same events in every request, and the events of one request do not change those of the next', async () => {
    const page = (log: AuditLog) => {
      for (const id of ['a', 'b']) {
        log.read('Customer', id, 'name');
        log.read('Contract', id, 'status');
      }
    };
    const first = await eventsOf(page);
    // The fields are shared by every request read the same way: a writer cannot alter them.
    expect(() => (first[0]!.fields as string[]).push('Customer.email')).toThrow(TypeError);
    const second = await eventsOf(page);
    expect(second).toEqual([expect.objectContaining({ subjectIds: ['a', 'b'], fields: ['Contract.status', 'Customer.name'] })]);
  });

  it('stays exact when queries name fields in more orders than it keeps shared (past 10,000 states)', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `f${String(i).padStart(3, '0')}`);
    // Every ordered pair of 120 fields: 14,400 read orders, more than are kept.
    const events = await eventsOf((log) => {
      for (const a of names) {
        for (const b of names) {
          if (a === b) continue;
          log.read('Customer', `${a}-${b}`, a);
          log.read('Customer', `${a}-${b}`, b);
        }
      }
    });
    // Each pair read in both orders is one event of two subjects: 7,140 events, each exact.
    expect(events).toHaveLength((120 * 119) / 2);
    for (const event of events) {
      const [x, y] = event.fields!;
      expect(event.subjectIds).toEqual([`${x}-${y}`, `${y}-${x}`]);
    }
    // And after that, in a new request, reads still make the right events.
    const after = await eventsOf((log) => {
      log.read('Customer', 'late', 'f119');
      log.read('Customer', 'late', 'f000');
      log.read('Customer', 'late', 'zzz');
    });
    expect(after).toEqual([expect.objectContaining({ subjectId: 'late', fields: ['f000', 'f119', 'zzz'] })]);
  });
});
