import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntry } from '../../audit/audit-log.js';
import type { Services } from '../../services.js';
import { persistInChunks, type SeedRandom } from '../billing/billing.seed.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerStatus } from '../customer/customer.enums.js';
import type { Feedback } from './feedback.entity.js';
import { FeedbackKind } from './feedback.enums.js';

const SURVEYS = [
  { name: 'Asiakastyytyväisyyskysely', question: 'Kuinka todennäköisesti suosittelisit Lesec Oy:tä ystävällesi tai kollegallesi? (0–10)' },
  { name: 'Asennuspalvelun palautekysely', question: 'Kuinka tyytyväinen olit asennuksen sujumiseen? (0–10)' },
  { name: 'Asiakaspalvelukysely', question: 'Saitko asiasi hoidettua yhdellä yhteydenotolla? Arvioi 0–10.' },
];
const SURVEY_COMMENTS = [
  'Nopea ja ystävällinen palvelu.',
  'Yhteys toimii hyvin, hinta voisi olla edullisempi.',
  'Asentaja tuli sovitusti ja neuvoi reitittimen käytössä.',
  'Jonotusaika puhelinpalvelussa oli pitkä.',
  null,
  null,
];
const FREE_FEEDBACK = [
  'Kiitos nopeasta avusta laajakaistan vikatilanteessa!',
  'Toivoisin, että laskun saisi myös mobiilisovellukseen.',
  'Uusi liittymä toimii mökilläkin erinomaisesti.',
  'Chat-palvelu on kätevä, kiitos.',
];
const COMPLAINTS = [
  'Laskussa oli veloitus palvelusta, jota en ole tilannut. Pyydän hyvitystä.',
  'Kuituliittymän toimitus myöhästyi kaksi viikkoa ilman ilmoitusta.',
  'Mobiiliyhteys katkeilee jatkuvasti kotona iltaisin.',
];
const CONSENTS = {
  survey: 'Kyselyn alussa annettu suostumus vastausten tallentamiseen asiakasrekisteriin',
  phone: 'Asiakas antoi puhelun aikana suostumuksen palautteen kirjaamiseen',
  form: 'Palautelomakkeen hyväksyntä: palaute tallennetaan asiakassuhteen hoitamiseksi',
};

/**
 * Demo feedback: survey answers with scores (and sometimes a comment), free feedback and a few
 * complaints for about two customers in five, each with the consent it was given under.
 */
export async function seedFeedback(
  em: EntityManager,
  services: Services,
  customers: Customer[],
  rng: SeedRandom,
): Promise<{ feedback: number }> {
  const loaded = await em.find(Customer, { id: { $in: customers.map((customer) => customer.id) } });
  const records: { record: Feedback; event: AuditEntry }[] = [];
  const now = Date.now();
  for (const customer of loaded) {
    if (customer.status === CustomerStatus.PROSPECT || rng.next() > 0.4) continue;
    const count = rng.int(1, 3);
    for (let index = 0; index < count; index += 1) {
      const givenAt = new Date(now - rng.int(1, 540) * 86_400_000 - rng.int(0, 86_399) * 1000);
      const roll = rng.next();
      let args: Parameters<typeof services.feedback.build>[1];
      if (roll < 0.6) {
        const survey = rng.pick(SURVEYS);
        args = {
          kind: FeedbackKind.SURVEY_ANSWER,
          surveyName: `${survey.name} ${givenAt.getUTCFullYear()}`,
          question: survey.question,
          score: rng.next() < 0.7 ? rng.int(7, 10) : rng.int(0, 6),
          text: rng.pick(SURVEY_COMMENTS),
          consent: CONSENTS.survey,
        };
      } else if (roll < 0.85) {
        args = { kind: FeedbackKind.FREE_FEEDBACK, text: rng.pick(FREE_FEEDBACK), consent: rng.pick([CONSENTS.form, CONSENTS.phone]) };
      } else {
        args = { kind: FeedbackKind.COMPLAINT, text: rng.pick(COMPLAINTS), consent: CONSENTS.phone };
      }
      const { feedback, fields } = await services.feedback.build(em, { ...args, customerId: customer.id, givenAt, collectedAt: givenAt });
      records.push({
        record: feedback,
        event: { operation: 'seedFeedback', action: 'create', subjectType: 'Feedback', subjectId: customer.id, fields },
      });
    }
  }
  await persistInChunks(em, records);
  return { feedback: records.length };
}
