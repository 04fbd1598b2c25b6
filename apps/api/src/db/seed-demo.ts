import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessIdCheckDigit, formatBusinessId, formatPersonalIdentityNumber } from '@register/identifiers';
import { STAFF_ROLES } from '@register/schema';
import { AuditLog } from '../audit/audit-log.js';
import { seededRandom, type SeedRandom } from './seed-random.js';
import type { Logger } from '../logger.js';
import { seedBilling } from '../modules/billing/billing.seed.js';
import { seedCatalogue } from '../modules/catalogue/catalogue.seed.js';
import { seedContactPersons } from '../modules/contact-person/contact-person.seed.js';
import { seedContracts } from '../modules/contract/contract.seed.js';
import { seedFeedback } from '../modules/feedback/feedback.seed.js';
import { seedMarketing } from '../modules/marketing/marketing.seed.js';
import { seedOrders } from '../modules/order/order.seed.js';
import { seedDataSubjectRequests } from '../privacy/requests/request.seed.js';
import { Customer } from '../modules/customer/customer.entity.js';
import { CustomerKind, CustomerStatus, DataSource } from '../modules/customer/customer.enums.js';
import { StaffUser } from '../modules/staff/staff-user.entity.js';
import type { Services } from '../services.js';

const FIRST_NAMES = [
  'Aino', 'Eino', 'Helmi', 'Väinö', 'Sofia', 'Leo', 'Olivia', 'Oliver', 'Aada', 'Elias', 'Linnea', 'Onni',
  'Ella', 'Toivo', 'Isla', 'Eeli', 'Lilja', 'Niilo', 'Venla', 'Veeti', 'Kerttu', 'Matti', 'Liisa', 'Juha',
  'Päivi', 'Timo', 'Sari', 'Jari', 'Anneli', 'Pekka', 'Tuula', 'Mikko', 'Riitta', 'Kari', 'Marja', 'Heikki',
];
const LAST_NAMES = [
  'Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen',
  'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen',
  'Salonen', 'Turunen', 'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila',
  'Savolainen', 'Lahtinen', 'Ahonen', 'Östman', 'Åberg',
];
const COMPANY_WORDS = [
  'Rakennus', 'Kuljetus', 'Konsultointi', 'Sähkö', 'Kiinteistö', 'Ravintola', 'Tilitoimisto', 'Puutarha',
  'Metalli', 'Media', 'Hoiva', 'Autokorjaamo', 'Kahvila', 'Siivous', 'Putki', 'Data',
];
const STREETS = [
  'Mannerheimintie', 'Hämeenkatu', 'Aleksanterinkatu', 'Kauppakatu', 'Rantatie', 'Koulukatu', 'Puistokatu',
  'Kirkkokatu', 'Asemakatu', 'Satamakatu', 'Ristipellontie', 'Koivukuja', 'Männikkötie', 'Järvenrannantie',
];
const PLACES: [string, string][] = [
  ['00100', 'HELSINKI'], ['00390', 'HELSINKI'], ['02100', 'ESPOO'], ['01300', 'VANTAA'], ['33100', 'TAMPERE'],
  ['20100', 'TURKU'], ['90100', 'OULU'], ['40100', 'JYVÄSKYLÄ'], ['70100', 'KUOPIO'], ['15110', 'LAHTI'],
  ['28100', 'PORI'], ['80100', 'JOENSUU'], ['53100', 'LAPPEENRANTA'], ['65100', 'VAASA'], ['96100', 'ROVANIEMI'],
];
const PARTNERS = ['Posti Oy kumppanirekisteri', 'Elisa jälleenmyyjät', 'Verkkokauppa Partner'];

function slug(value: string) {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.');
}

export interface DemoOptions {
  customers: number;
  password: string | undefined;
  print: (line: string) => void;
  /**
   * Also what the register holds about them (contact persons, billing, marketing permits,
   * feedback, contracts, orders, ...). Tests that bring their own records switch it off.
   */
  contents?: boolean;
}

/**
 * The demo register: a few hundred realistic Finnish customers (valid generated identity numbers
 * and business IDs, Finnish addresses) and one staff user per role (username = role). Seeded once:
 * a database that already has staff users is left alone.
 */
export async function seedDemoData(em: EntityManager, services: Services, logger: Logger, options: DemoOptions) {
  if ((await em.count(StaffUser, {})) > 0) return;
  const generated = options.password === undefined;
  const password = options.password ?? randomBytes(12).toString('base64url');
  logger.info({ customers: options.customers }, 'seeding the demo register');
  for (const role of STAFF_ROLES) {
    await services.auth.createStaffUser(em, {
      username: role,
      displayName: `Demo ${role}`,
      password,
      roles: [role],
    });
  }
  const catalogue = await seedCatalogue(em);
  const audit = new AuditLog({ kind: 'system', name: 'demo-seed' }, 'demo seed', 'demo-seed', 'seed demo');
  const rng = seededRandom(20261125);
  const usedBusinessIds = new Set<string>();
  const usedPins = new Set<string>();
  const batch: Customer[] = [];
  const created: Customer[] = [];
  for (let index = 0; index < options.customers; index += 1) {
    const business = rng.next() < 0.15;
    const [postalCode, city] = rng.pick(PLACES);
    const source = rng.next();
    const sourceType = source < 0.8 ? DataSource.DATA_SUBJECT : source < 0.92 ? DataSource.SERVICE_DELIVERY : DataSource.PARTNER;
    const status = rng.next() < 0.85 ? CustomerStatus.ACTIVE : rng.next() < 0.5 ? CustomerStatus.TERMINATED : CustomerStatus.PROSPECT;
    const args: Parameters<Services['customers']['create']>[2] = {
      kind: business ? CustomerKind.BUSINESS : CustomerKind.PRIVATE,
      streetAddress: `${rng.pick(STREETS)} ${rng.int(1, 120)}${rng.next() < 0.4 ? ` ${rng.pick(['A', 'B', 'C'])} ${rng.int(1, 40)}` : ''}`,
      postalCode,
      city,
      phone: `+35840${String(rng.int(1000000, 9999999))}`,
      sourceType,
      sourcePartner: sourceType === DataSource.PARTNER ? rng.pick(PARTNERS) : null,
      status,
    };
    if (business) {
      let businessId: string;
      do {
        const digits = String(rng.int(1000000, 3299999)).padStart(7, '0');
        businessId = businessIdCheckDigit(digits) === undefined ? '' : formatBusinessId(digits);
      } while (!businessId || usedBusinessIds.has(businessId));
      usedBusinessIds.add(businessId);
      const company = `${rng.pick(LAST_NAMES)} ${rng.pick(COMPANY_WORDS)} Oy`;
      args.name = company;
      args.businessId = businessId;
      args.email = `info@${slug(company.replace(/ Oy$/, ''))}.fi`.replace(/\.\./g, '.');
    } else {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const year = rng.int(1935, 2006);
      const month = rng.int(1, 12);
      const day = rng.int(1, 28);
      const dateOfBirth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      let pin: string;
      do {
        pin = formatPersonalIdentityNumber({ dateOfBirth, individualNumber: rng.int(2, 899) });
      } while (usedPins.has(pin));
      usedPins.add(pin);
      args.name = `${first} ${last}`;
      args.personalIdentityNumber = pin;
      args.email = `${slug(first)}.${slug(last)}${rng.int(1, 99)}@example.fi`;
    }
    const customer = await services.customers.create(em, audit, args);
    batch.push(customer);
    created.push(customer);
    if (batch.length >= 50) {
      em.clear();
      batch.length = 0;
    }
  }
  if (options.contents ?? true) {
    await seedContents(em, services, created, rng, catalogue);
  }
  if (generated) {
    options.print('');
    options.print('  Demo staff users (username = role): ' + STAFF_ROLES.join(', '));
    options.print(`  Their password, shown this once: ${password}`);
    options.print('  (set DEMO_PASSWORD before the first start to choose it)');
    options.print('');
  } else {
    options.print(`  Demo staff users (username = role, password from DEMO_PASSWORD): ${STAFF_ROLES.join(', ')}`);
  }
  logger.info({ customers: options.customers, staffUsers: STAFF_ROLES.length }, 'demo register seeded');
}

/** What the register holds about the demo customers, so a new user sees a living register. */
async function seedContents(
  em: EntityManager,
  services: Services,
  customers: Customer[],
  rng: SeedRandom,
  catalogue: Awaited<ReturnType<typeof seedCatalogue>>,
) {
  em.clear();
  await seedContracts(em, services, customers, catalogue, rng);
  await seedOrders(em, services, customers, catalogue, rng);
  await seedContactPersons(em, services, customers, rng);
  await seedBilling(em, services, customers, rng);
  await seedFeedback(em, services, customers, rng);
  await seedMarketing(em, services, customers, rng);
  await seedDataSubjectRequests(em, services, customers, rng);
  em.clear();
}
