import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '../../audit/audit-log.js';
import type { SeedRandom } from '../../db/seed-random.js';
import type { Customer } from '../../modules/customer/customer.entity.js';
import type { Services } from '../../services.js';
import { addCalendarMonths, todayInFinland } from './due-date.js';
import { DataSubjectRequestChannel, DataSubjectRequestType } from './request.enums.js';

const METHODS = [
  'Allekirjoitettu kirje, allekirjoitus verrattu sopimukseen',
  'Passi esitetty Helsingin toimipisteessä',
  'Vahva sähköinen tunnistautuminen',
];
/** Types whose completion changes nothing else in the demo register. */
const TYPES = [DataSubjectRequestType.ACCESS, DataSubjectRequestType.PORTABILITY, DataSubjectRequestType.RECTIFICATION];
const CHANNELS = Object.values(DataSubjectRequestChannel);

/**
 * Demo data subject requests over the last eight months, one for about every twenty customers:
 * the older ones completed or refused, some extended, some open and past their due date, so that
 * the dpo's list and chart show every state.
 */
export async function seedDataSubjectRequests(em: EntityManager, services: Services, customers: Customer[], rng: SeedRandom) {
  const audit = new AuditLog({ kind: 'system', name: 'demo-seed' }, 'demo seed', 'demo-seed', 'seed demo');
  const count = Math.min(40, Math.max(6, Math.floor(customers.length / 20)));
  const today = todayInFinland();
  const requests = services.dataSubjectRequests;
  for (let index = 0; index < count; index += 1) {
    const customer = customers[rng.int(0, customers.length - 1)]!;
    const monthsAgo = Math.floor((index * 8) / count);
    const received = `${firstOfMonth(today, -monthsAgo).slice(0, 8)}${String(rng.int(1, 28)).padStart(2, '0')}`;
    const receivedDate = received > today ? today : received;
    const request = await requests.create(em, audit, null, {
      type: TYPES[rng.int(0, TYPES.length - 1)]!,
      receivedDate,
      channel: CHANNELS[rng.int(0, CHANNELS.length - 1)]!,
      customerId: customer.id,
      signed: rng.next() < 0.5,
      identityVerificationMethod: rng.next() < 0.8 ? METHODS[rng.int(0, METHODS.length - 1)]! : null,
    });
    const roll = rng.next();
    if (request.dueDate < today && roll < 0.6 && request.identityVerifiedAt) {
      await requests.complete(em, audit, null, request.id, 'Vastaus lähetetty kirjeitse.');
    } else if (roll < 0.7 && request.dueDate < today) {
      await requests.refuse(em, audit, request.id, 'Henkilöllisyyttä ei voitu todentaa.');
    } else if (roll < 0.85) {
      const latest = addCalendarMonths(request.originalDueDate, 2);
      await requests.extend(em, audit, null, { id: request.id, newDueDate: latest, reason: 'Pyyntö koskee laajaa tietomäärää.' });
    }
  }
  em.clear();
}

/** The first day of the month `months` from the month of `date`. */
function firstOfMonth(date: string, months: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
