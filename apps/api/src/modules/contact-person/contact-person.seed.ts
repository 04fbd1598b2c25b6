import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntry } from '../../audit/audit-log.js';
import type { Services } from '../../services.js';
import { persistInChunks, type SeedRandom } from '../billing/billing.seed.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerKind, DataSource } from '../customer/customer.enums.js';
import type { ContactPerson } from './contact-person.entity.js';

const FIRST_NAMES = ['Anna', 'Jukka', 'Laura', 'Markku', 'Hanna', 'Janne', 'Katja', 'Petri', 'Minna', 'Antti', 'Satu', 'Tuomas', 'Emilia', 'Ville', 'Noora', 'Sami'];
const LAST_NAMES = ['Virtanen', 'Korhonen', 'Nieminen', 'Mäkinen', 'Hämäläinen', 'Koskinen', 'Heikkinen', 'Järvinen', 'Lehtonen', 'Saarinen', 'Lindholm', 'Åström'];
const POSITIONS = ['Toimitusjohtaja', 'Talouspäällikkö', 'IT-päällikkö', 'Hankintapäällikkö', 'Toimistopäällikkö', 'Myyntijohtaja', 'Kirjanpitäjä'];
const ROLES = ['Sopimusasiat', 'Laskutusyhteyshenkilö', 'Tekninen yhteyshenkilö', 'Hankinnat', 'Liittymien tilaaja'];
const PARTNERS = ['Posti Oy kumppanirekisteri', 'Elisa jälleenmyyjät', 'Verkkokauppa Partner'];

function slug(value: string) {
  return value.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '.');
}

/**
 * Demo contact persons: one to three for every business customer, with a work e-mail at the
 * company's domain, a mobile number, the company's address, a job title and a role.
 */
export async function seedContactPersons(
  em: EntityManager,
  services: Services,
  customers: Customer[],
  rng: SeedRandom,
): Promise<{ contactPersons: number }> {
  const businesses = await em.find(Customer, {
    id: { $in: customers.map((customer) => customer.id) },
    kind: CustomerKind.BUSINESS,
  });
  const records: { record: ContactPerson; event: AuditEntry }[] = [];
  for (const company of businesses) {
    const domain = company.email?.split('@')[1] ?? 'example.fi';
    const count = rng.int(1, 3);
    for (let index = 0; index < count; index += 1) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const fromPartner = rng.next() < 0.1;
      const { person, fields } = await services.contactPersons.build(em, {
        customerId: company.id,
        name: `${first} ${last}`,
        email: `${slug(first)}.${slug(last)}@${domain}`,
        phone: `+35850${String(rng.int(1000000, 9999999))}`,
        streetAddress: company.streetAddress ?? null,
        postalCode: company.postalCode ?? null,
        city: company.city ?? null,
        country: company.country,
        position: rng.pick(POSITIONS),
        roleInCompany: index === 0 ? 'Pääyhteyshenkilö' : rng.pick(ROLES),
        sourceType: fromPartner ? DataSource.PARTNER : DataSource.DATA_SUBJECT,
        sourcePartner: fromPartner ? rng.pick(PARTNERS) : null,
      });
      records.push({
        record: person,
        event: { operation: 'seedContactPersons', action: 'create', subjectType: 'ContactPerson', subjectId: person.id, fields },
      });
    }
  }
  await persistInChunks(em, records);
  return { contactPersons: records.length };
}
