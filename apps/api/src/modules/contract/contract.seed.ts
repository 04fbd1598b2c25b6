import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { iccidCheckDigit } from '@register/identifiers';
import { AuditLog, type AuditEntry } from '../../audit/audit-log.js';
import type { Services } from '../../services.js';
import { ServiceKind, ServiceProduct } from '../catalogue/catalogue.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerStatus, DataSource } from '../customer/customer.enums.js';
import { ContactChannel, CustomerEventKind } from '../history/history.enums.js';
import { StaffUser } from '../staff/staff-user.entity.js';
import { Contract, ContractLine, SimCard } from './contract.entity.js';
import { ContractStatus, SimCardStatus } from './contract.enums.js';
import { todayInFinland } from './contract.validation.js';

import type { SeedRandom } from '../../db/seed-random.js';

export type { SeedRandom };

const CONTACTS: [ContactChannel, string][] = [
  [ContactChannel.PHONE, 'Asiakas kysyi laskun erittelystä; neuvottu OmaLesecin laskunäkymään.'],
  [ContactChannel.PHONE, 'Liittymän nopeus hidas iltaisin; tehty linjamittaus, ei vikaa. Ohjeistettu reitittimen uudelleenkäynnistys.'],
  [ContactChannel.EMAIL, 'Asiakas pyysi tarjousta kuitulaajakaistasta; välitetty myyntiin.'],
  [ContactChannel.EMAIL, 'Osoitteenmuutos ilmoitettu sähköpostilla; päivitetty asiakastietoihin.'],
  [ContactChannel.VISIT, 'Asiakas kävi myymälässä vaihtamassa SIM-kortin uuteen puhelimeen sopivaksi.'],
  [ContactChannel.VISIT, 'Käyty läpi perheen liittymät ja tietoturvapaketin sisältö.'],
  [ContactChannel.CHAT, 'Kysymys roaming-hinnoista EU:n ulkopuolella; lähetetty hinnaston linkki.'],
  [ContactChannel.CHAT, 'Asiakas halusi tietää sopimuksen päättymispäivän; kerrottu sopimuksen tiedot.'],
  [ContactChannel.PHONE, 'Maksumuistutuksesta kysytty; sovittu uusi eräpäivä laskutuksen kanssa.'],
];

const DAY = 24 * 60 * 60 * 1000;

function isoDaysAgo(today: string, days: number): string {
  return new Date(Date.parse(`${today}T12:00:00Z`) - days * DAY).toISOString().slice(0, 10);
}

/** A time during office hours in Helsinki on the given day. */
function officeTime(date: string, rng: SeedRandom): Date {
  return new Date(`${date}T${String(rng.int(8, 16)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+02:00`);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY);
}

/**
 * The demo register's contracts: most ACTIVE customers have a contract (some two) with 1–4
 * services, SIM cards with valid Finnish ICCIDs (89358…, Luhn) and +35840… numbers for their
 * mobile services, and a history of later service changes; TERMINATED customers have an ENDED
 * contract; some prospects a DRAFT from sales. Every contract, service change and SIM event is in
 * the customer's timeline (through HistoryService, dated when it happened), with some customer
 * contacts recorded by customer service. Called by seed-demo.ts after the customers.
 */
export async function seedContracts(
  em: EntityManager,
  services: Services,
  customers: Customer[],
  catalogue: { services: ServiceProduct[] },
  rng: SeedRandom,
): Promise<{ contracts: number; simCards: number; events: number }> {
  const products = catalogue.services.filter((product) => product.active);
  if (products.length === 0 || customers.length === 0) return { contracts: 0, simCards: 0, events: 0 };
  const audit = new AuditLog({ kind: 'system', name: 'demo-seed' }, 'demo seed', 'demo-seed', 'seed demo');
  const serviceStaff = await em.findOne(StaffUser, { username: 'service' }, { fields: ['id'] });
  const salesStaff = await em.findOne(StaffUser, { username: 'sales' }, { fields: ['id'] });
  const today = todayInFinland();
  const usedIccids = new Set<string>();
  const usedNumbers = new Set<string>();
  const totals = { contracts: 0, simCards: 0, events: 0 };

  const iccid = () => {
    for (;;) {
      const partial = `8935801${String(rng.int(0, 99_999_999_999)).padStart(11, '0')}`;
      const value = `${partial}${iccidCheckDigit(partial)}`;
      if (!usedIccids.has(value)) {
        usedIccids.add(value);
        return value;
      }
    }
  };
  const phoneNumber = () => {
    for (;;) {
      const value = `+35840${String(rng.int(1_000_000, 9_999_999))}`;
      if (!usedNumbers.has(value)) {
        usedNumbers.add(value);
        return value;
      }
    }
  };

  for (let start = 0; start < customers.length; start += 50) {
    const batch = customers.slice(start, start + 50);
    // A fork per batch: the caller's unit of work (and what it holds) is left as it was.
    await em.fork().transactional(async (tx) => {
      // Entities of this transaction only: the given ones belong to the caller's unit of work.
      const customerById = new Map(batch.map((c) => [c.id, tx.getReference(Customer, c.id)]));
      const fresh = await tx.find(ServiceProduct, { id: { $in: products.map((product) => product.id) } });
      const available = products.map((product) => fresh.find((f) => f.id === product.id)!);
      const plans: { customer: Customer; status: ContractStatus }[] = [];
      for (const customer of batch) {
        if (customer.status === CustomerStatus.ACTIVE && rng.next() < 0.85) {
          plans.push({ customer, status: ContractStatus.ACTIVE });
          if (rng.next() < 0.2) plans.push({ customer, status: ContractStatus.ACTIVE });
        } else if (customer.status === CustomerStatus.TERMINATED) {
          plans.push({ customer, status: ContractStatus.ENDED });
        } else if (customer.status === CustomerStatus.PROSPECT && rng.next() < 0.4) {
          plans.push({ customer, status: ContractStatus.DRAFT });
        }
      }
      const numbers = plans.length === 0 ? [] : await nextContractNumbers(tx, plans.length);
      const entries: AuditEntry[] = [];
      const record = (input: Parameters<Services['history']['record']>[1]) => {
        services.history.record(tx, input);
        totals.events += 1;
      };

      plans.forEach(({ customer, status }, index) => {
        const contract = new Contract();
        contract.id = randomUUID();
        contract.contractNumber = `SOP-${numbers[index]}`;
        contract.customer = customerById.get(customer.id)!;
        contract.status = status;
        contract.sourceType = customer.sourceType === DataSource.PARTNER ? DataSource.PARTNER : DataSource.DATA_SUBJECT;
        contract.sourcePartner = contract.sourceType === DataSource.PARTNER ? customer.sourcePartner : null;
        if (status === ContractStatus.ENDED) {
          contract.startDate = isoDaysAgo(today, rng.int(3 * 365, 8 * 365));
          contract.endDate = isoDaysAgo(today, rng.int(30, 2 * 365));
        } else if (status === ContractStatus.DRAFT) {
          contract.startDate = isoDaysAgo(today, -rng.int(7, 45));
        } else {
          contract.startDate = isoDaysAgo(today, rng.int(60, 8 * 365));
          if (rng.next() < 0.3) contract.endDate = isoDaysAgo(today, -rng.int(30, 2 * 365));
        }
        // Events are never in the future: a draft is opened now, a contract when it started.
        contract.collectedAt = status === ContractStatus.DRAFT ? new Date() : officeTime(contract.startDate, rng);
        contract.createdAt = contract.collectedAt;
        contract.updatedAt = contract.collectedAt;
        const ended = status === ContractStatus.ENDED ? contract.endDate! : null;

        // 1–4 different services; mobile subscriptions sometimes for the whole family.
        const chosen = new Set<ServiceProduct>();
        const count = rng.int(1, Math.min(4, available.length));
        while (chosen.size < count) chosen.add(rng.pick(available));
        for (const product of chosen) {
          const line = new ContractLine();
          line.id = randomUUID();
          line.serviceProduct = product;
          line.quantity = product.kind === ServiceKind.MOBILE && rng.next() < 0.25 ? rng.int(2, 4) : 1;
          line.monthlyPriceCents = rng.next() < 0.2 ? Math.round(product.monthlyPriceCents * 0.9) : product.monthlyPriceCents;
          line.addedDate = contract.startDate;
          line.removedDate = ended;
          line.sourceType = contract.sourceType;
          line.sourcePartner = contract.sourcePartner;
          line.collectedAt = contract.collectedAt;
          line.createdAt = contract.collectedAt;
          contract.lines.add(line);
        }
        const staffUserId = status === ContractStatus.DRAFT ? (salesStaff?.id ?? null) : (serviceStaff?.id ?? null);
        record({
          customerId: customer.id,
          kind: CustomerEventKind.CONTRACT_CREATED,
          at: contract.collectedAt,
          summary: `Contract ${contract.contractNumber} created (${status === ContractStatus.ENDED ? ContractStatus.ACTIVE : status}) from ${contract.startDate}: ${contract.lines
            .getItems()
            .map((line) => `${line.quantity} × ${line.serviceProduct.name}`)
            .join(', ')}`,
          after: {
            contractNumber: contract.contractNumber,
            status: status === ContractStatus.ENDED ? ContractStatus.ACTIVE : status,
            startDate: contract.startDate,
            services: contract.lines.getItems().map((line) => ({
              serviceProductCode: line.serviceProduct.code,
              quantity: line.quantity,
              monthlyPriceCents: line.monthlyPriceCents,
            })),
          },
          staffUserId,
          recordType: 'Contract',
          recordId: contract.id,
        });

        // Later changes to a running contract, each in the timeline on the day it happened.
        const running = status === ContractStatus.ACTIVE ? daysBetween(contract.startDate, today) : 0;
        if (running > 60 && rng.next() < 0.35) {
          const line = rng.pick(contract.lines.getItems());
          const on = isoDaysAgo(today, rng.int(1, running - 30));
          const before = { serviceProductCode: line.serviceProduct.code, monthlyPriceCents: line.monthlyPriceCents };
          line.monthlyPriceCents = Math.max(0, line.monthlyPriceCents - rng.pick([100, 200, 500]));
          record({
            customerId: customer.id,
            kind: CustomerEventKind.SERVICE_CHANGED,
            at: officeTime(on, rng),
            summary: `${line.serviceProduct.name} on contract ${contract.contractNumber} changed: monthlyPriceCents ${before.monthlyPriceCents} → ${line.monthlyPriceCents}`,
            before,
            after: { serviceProductCode: line.serviceProduct.code, monthlyPriceCents: line.monthlyPriceCents },
            staffUserId: serviceStaff?.id ?? null,
            recordType: 'ContractLine',
            recordId: line.id,
          });
        }
        if (running > 90 && rng.next() < 0.25) {
          const product = rng.pick(available);
          const on = isoDaysAgo(today, rng.int(1, running - 60));
          const line = new ContractLine();
          line.id = randomUUID();
          line.serviceProduct = product;
          line.quantity = 1;
          line.monthlyPriceCents = product.monthlyPriceCents;
          line.addedDate = on;
          line.sourceType = DataSource.DATA_SUBJECT;
          line.collectedAt = officeTime(on, rng);
          line.createdAt = line.collectedAt;
          contract.lines.add(line);
          record({
            customerId: customer.id,
            kind: CustomerEventKind.SERVICE_ADDED,
            at: line.collectedAt,
            summary: `1 × ${product.name} added to contract ${contract.contractNumber}`,
            after: { serviceProductCode: product.code, quantity: 1, monthlyPriceCents: line.monthlyPriceCents, addedDate: on },
            staffUserId: serviceStaff?.id ?? null,
            recordType: 'ContractLine',
            recordId: line.id,
          });
          if (contract.lines.length > 2 && rng.next() < 0.4) {
            const removed = contract.lines.getItems()[0]!;
            const removedOn = isoDaysAgo(today, rng.int(1, Math.max(1, daysBetween(on, today) - 1)));
            removed.removedDate = removedOn;
            record({
              customerId: customer.id,
              kind: CustomerEventKind.SERVICE_REMOVED,
              at: officeTime(removedOn, rng),
              summary: `${removed.serviceProduct.name} removed from contract ${contract.contractNumber}`,
              before: { serviceProductCode: removed.serviceProduct.code, quantity: removed.quantity, monthlyPriceCents: removed.monthlyPriceCents },
              after: { removedDate: removedOn },
              staffUserId: serviceStaff?.id ?? null,
              recordType: 'ContractLine',
              recordId: removed.id,
            });
          }
        }

        // A SIM card for every mobile subscription of a contract that took effect.
        if (status !== ContractStatus.DRAFT) {
          for (const line of contract.lines.getItems().filter((l) => l.serviceProduct.kind === ServiceKind.MOBILE && l.addedDate === contract.startDate)) {
            for (let n = 0; n < line.quantity; n += 1) {
              const sim = new SimCard();
              sim.id = randomUUID();
              sim.contract = contract;
              sim.customer = contract.customer;
              sim.iccid = iccid();
              sim.phoneNumber = phoneNumber();
              sim.activatedAt = officeTime(contract.startDate, rng);
              sim.collectedAt = sim.activatedAt;
              sim.createdAt = sim.activatedAt;
              sim.sourceType = DataSource.SERVICE_DELIVERY;
              sim.status = ended ? SimCardStatus.CLOSED : rng.next() < 0.05 ? SimCardStatus.SUSPENDED : SimCardStatus.ACTIVE;
              if (ended) sim.closedAt = officeTime(ended, rng);
              contract.simCards.add(sim);
              totals.simCards += 1;
              record({
                customerId: customer.id,
                kind: CustomerEventKind.SIM_ADDED,
                at: sim.activatedAt,
                summary: `SIM card …${sim.iccid.slice(-4)} (ACTIVE) added to contract ${contract.contractNumber}`,
                after: { status: SimCardStatus.ACTIVE },
                staffUserId: serviceStaff?.id ?? null,
                recordType: 'SimCard',
                recordId: sim.id,
              });
              if (sim.status === SimCardStatus.SUSPENDED) {
                record({
                  customerId: customer.id,
                  kind: CustomerEventKind.SIM_STATUS_CHANGED,
                  at: officeTime(isoDaysAgo(today, rng.int(1, 30)), rng),
                  summary: `SIM card …${sim.iccid.slice(-4)} on contract ${contract.contractNumber}: ACTIVE → SUSPENDED`,
                  before: { status: SimCardStatus.ACTIVE },
                  after: { status: SimCardStatus.SUSPENDED },
                  staffUserId: serviceStaff?.id ?? null,
                  recordType: 'SimCard',
                  recordId: sim.id,
                });
              }
            }
          }
        }
        if (ended) {
          record({
            customerId: customer.id,
            kind: CustomerEventKind.CONTRACT_STATUS_CHANGED,
            at: officeTime(ended, rng),
            summary: `Contract ${contract.contractNumber} ACTIVE → ENDED on ${ended}`,
            before: { status: ContractStatus.ACTIVE, endDate: null },
            after: {
              status: ContractStatus.ENDED,
              endDate: ended,
              servicesRemoved: contract.lines.length,
              simCardsClosed: contract.simCards.length,
            },
            staffUserId: serviceStaff?.id ?? null,
            recordType: 'Contract',
            recordId: contract.id,
          });
        }
        tx.persist(contract);
        totals.contracts += 1;
        entries.push({
          operation: 'seed demo',
          action: 'create',
          subjectType: 'Contract',
          subjectId: customer.id,
          fields: ['customerId', 'endDate', 'lines', 'simCards', 'sourceType', 'startDate', 'status'],
        });
      });

      // Customer contacts recorded by customer service over the last two years.
      for (const customer of batch) {
        if (customer.status === CustomerStatus.PROSPECT && rng.next() < 0.5) continue;
        const contacts = rng.int(0, 3);
        for (let n = 0; n < contacts; n += 1) {
          const [channel, summary] = rng.pick(CONTACTS);
          record({
            customerId: customer.id,
            kind: CustomerEventKind.CONTACT,
            at: officeTime(isoDaysAgo(today, rng.int(1, 2 * 365)), rng),
            summary,
            channel,
            staffUserId: serviceStaff?.id ?? null,
            sourceType: DataSource.DATA_SUBJECT,
          });
        }
        if (contacts > 0) {
          entries.push({
            operation: 'seed demo',
            action: 'create',
            subjectType: 'CustomerEvent',
            subjectId: customer.id,
            fields: ['at', 'channel', 'kind', 'summary'],
          });
        }
      }
      await tx.flush();
      await audit.write(tx, entries);
    });
  }
  return totals;
}

async function nextContractNumbers(tx: EntityManager, count: number): Promise<string[]> {
  const rows = await tx
    .getConnection()
    .execute<{ n: string }[]>(
      "select nextval('contract_number_seq')::text as n from generate_series(1, ?)",
      [count],
      'all',
      tx.getTransactionContext(),
    );
  return rows.map((row) => row.n);
}
