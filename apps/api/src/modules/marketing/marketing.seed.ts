import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog, type AuditEntry } from '../../audit/audit-log.js';
import type { Services } from '../../services.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerKind, DataSource } from '../customer/customer.enums.js';
import { StaffUser } from '../staff/staff-user.entity.js';
import { MarketingPermitEntry } from './marketing.entity.js';
import { MarketingChannel, MarketingDecision, MarketingSource } from './marketing.enums.js';

import type { SeedRandom } from '../../db/seed-random.js';

export type { SeedRandom };

const DAY = 24 * 60 * 60 * 1000;
const PARTNERS = ['Posti Oy kumppanirekisteri', 'Elisa jälleenmyyjät', 'Verkkokauppa Partner'];
const STORES = ['Kamppi', 'Itis', 'Ideapark', 'Sello', 'Tampereen Koskikeskus', 'Oulun Valkea'];

interface Step {
  channel: MarketingChannel;
  decision: MarketingDecision;
  source: MarketingSource;
  evidence: string;
  sourcePartner?: string;
}

const signUp = (channel: MarketingChannel, what: string): Step => ({
  channel,
  decision: MarketingDecision.PERMIT,
  source: MarketingSource.CUSTOMER_FORM,
  evidence: `Tilauslomake lesec.fi: asiakas rastitti kohdan "Haluan tarjouksia ${what}". Lomakkeen tunniste tallennettu tilaukseen.`,
});

/** Later events in a customer's life, each a realistic reason for an entry. */
const LATER: ((rng: SeedRandom) => Step[])[] = [
  () => [{
    channel: MarketingChannel.PHONE,
    decision: MarketingDecision.PROHIBIT,
    source: MarketingSource.PHONE_CALL,
    evidence: 'Asiakaspalvelupuhelu: asiakas pyysi, ettei hänelle enää soiteta markkinointipuheluita.',
  }],
  () => [{
    channel: MarketingChannel.EMAIL,
    decision: MarketingDecision.PROHIBIT,
    source: MarketingSource.EMAIL,
    evidence: 'Vastaus uutiskirjeeseen: "Poistakaa minut postituslistalta, kiitos." Viesti arkistoitu asiakaspalvelun postilaatikkoon.',
  }],
  (rng) => [{
    channel: MarketingChannel.SMS,
    decision: MarketingDecision.PERMIT,
    source: MarketingSource.IN_PERSON,
    evidence: `Myymälä ${rng.pick(STORES)}: asiakas antoi luvan tekstiviestitarjouksiin, allekirjoitettu lomake skannattu.`,
  }],
  () => [{
    channel: MarketingChannel.POST,
    decision: MarketingDecision.PROHIBIT,
    source: MarketingSource.CUSTOMER_FORM,
    evidence: 'Oma Lesec -palvelu: asiakas kielsi suoramarkkinoinnin postitse.',
  }],
  () => [{
    channel: MarketingChannel.SMS,
    decision: MarketingDecision.PROHIBIT,
    source: MarketingSource.CUSTOMER_FORM,
    evidence: 'Tekstiviestivastaus "STOP" kampanjaviestiin; kirjattu asiakkaan pyynnöstä.',
  }],
  (rng) => [{
    channel: MarketingChannel.EMAIL,
    decision: MarketingDecision.PERMIT,
    source: MarketingSource.PARTNER,
    sourcePartner: rng.pick(PARTNERS),
    evidence: 'Kumppanin kampanjalomakkeella annettu suostumus Lesecin sähköpostimarkkinointiin; siirtotiedoston rivi tarkistettu.',
  }],
  () => [{
    channel: MarketingChannel.EMAIL,
    decision: MarketingDecision.PERMIT,
    source: MarketingSource.PHONE_CALL,
    evidence: 'Asiakaspalvelupuhelu: asiakas halusi jälleen tarjouksia sähköpostiin ja vahvisti osoitteensa.',
  }],
];

/** An objection to direct marketing (GDPR Art. 21): a prohibition on every channel at once. */
const objection = (): Step[] =>
  Object.values(MarketingChannel).map((channel) => ({
    channel,
    decision: MarketingDecision.PROHIBIT,
    source: MarketingSource.OBJECTION_REQUEST,
    evidence: 'Tietosuojapyyntö (vastustamisoikeus, GDPR 21 art.): asiakas kieltää kaiken suoramarkkinoinnin. Pyyntö allekirjoitettu.',
  }));

function privateHistory(rng: SeedRandom): Step[][] {
  const history: Step[][] = [];
  const first: Step[] = [];
  if (rng.next() < 0.55) first.push(signUp(MarketingChannel.EMAIL, 'sähköpostiin'));
  if (rng.next() < 0.35) first.push(signUp(MarketingChannel.SMS, 'tekstiviestinä'));
  if (first.length > 0) history.push(first);
  for (let n = rng.int(0, 3); n > 0; n -= 1) history.push(rng.pick(LATER)(rng));
  if (rng.next() < 0.08) history.push(objection());
  return history;
}

function businessHistory(rng: SeedRandom): Step[][] {
  const history: Step[][] = [];
  if (rng.next() < 0.3) {
    history.push([{
      channel: MarketingChannel.PHONE,
      decision: MarketingDecision.PROHIBIT,
      source: MarketingSource.PHONE_CALL,
      evidence: 'Yrityksen yhteyshenkilö pyysi puhelimessa, ettei yritykselle soiteta myyntipuheluita.',
    }]);
  }
  if (rng.next() < 0.2) {
    history.push([{
      channel: MarketingChannel.EMAIL,
      decision: MarketingDecision.PROHIBIT,
      source: MarketingSource.EMAIL,
      evidence: 'Sähköposti yrityksen info-osoitteesta: "Emme halua uutiskirjeitä tähän osoitteeseen."',
    }]);
  }
  if (rng.next() < 0.25) history.push([signUp(MarketingChannel.SMS, 'tekstiviestinä')]);
  if (rng.next() < 0.04) history.push(objection());
  return history;
}

/**
 * The demo ledger: a permit history for most customers — consents at sign-up, prohibitions by
 * phone, e-mail and form, permits from a partner register, now and then an objection to all
 * direct marketing — spread over the last three years in order. The database derives the current
 * state from it. Permits are recorded by customer service or the DPO, as the API requires; each
 * entry has its audit event, written with the entries in one transaction.
 */
export async function seedMarketing(em: EntityManager, _services: Services, customers: Customer[], rng: SeedRandom) {
  const staff = await em.find(StaffUser, {});
  const withRole = (...roles: string[]) => staff.filter((user) => user.roles.some((role) => roles.includes(role)));
  const permitters = withRole('service', 'dpo');
  const prohibiters = withRole('service', 'sales', 'marketing', 'dpo');
  if (permitters.length === 0 || prohibiters.length === 0) throw new Error('seedMarketing needs the demo staff users');

  const now = Date.now();
  const entries: MarketingPermitEntry[] = [];
  for (const customer of customers) {
    if (rng.next() < 0.15) continue; // some customers never decided anything: the law's default applies
    const history = customer.kind === CustomerKind.BUSINESS ? businessHistory(rng) : privateHistory(rng);
    let at = now - rng.int(120, 1100) * DAY;
    for (const steps of history) {
      for (const step of steps) {
        const recorder = rng.pick(step.decision === MarketingDecision.PERMIT ? permitters : prohibiters);
        const when = new Date(at);
        entries.push(
          Object.assign(new MarketingPermitEntry(), {
            id: randomUUID(),
            customer: em.getReference(Customer, customer.id),
            contactPersonId: null,
            channel: step.channel,
            decision: step.decision,
            source: step.source,
            sourcePartner: step.sourcePartner ?? null,
            sourceType: step.source === MarketingSource.PARTNER ? DataSource.PARTNER : DataSource.DATA_SUBJECT,
            recordedAt: when,
            collectedAt: when,
            recordedBy: em.getReference(StaffUser, recorder.id),
            evidence: step.evidence,
          }),
        );
      }
      // The next event falls within the first half of the time left, so a history stays in the past.
      at += rng.int(1, Math.max(1, Math.floor((now - at) / DAY / 2))) * DAY;
    }
  }

  const audit = new AuditLog({ kind: 'system', name: 'demo-seed' }, 'demo seed', 'demo-seed', 'seed demo');
  const events: AuditEntry[] = entries.map((entry) => ({
    operation: 'seedMarketing',
    action: 'create',
    subjectType: 'MarketingPermitEntry',
    subjectId: entry.customer.id,
    fields: ['channel', 'collectedAt', 'customerId', 'decision', 'evidence', 'id', 'recordedAt', 'recordedById', 'source', 'sourceType']
      .concat(entry.sourcePartner ? ['sourcePartner'] : [])
      .sort(),
  }));
  await em.transactional(async (tx) => {
    for (const entry of entries) tx.persist(entry);
    await tx.flush();
    await audit.write(tx, events);
  });
  em.clear();
  return entries.length;
}
