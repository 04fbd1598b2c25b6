/**
 * The rows of one chunk of the generated register, in COPY text format: customers and everything
 * the register holds about them. Pure: the same seed, chunk and anchor date give the same rows
 * (only the identity numbers' ciphertexts differ, because every seal draws a fresh random IV,
 * exactly as the API stores them).
 */
import { maskPersonalIdentityNumber, ovtFromBusinessId } from '@register/identifiers';
import type { FieldCrypto } from '../../common/field-crypto.js';
import { PIN_PURPOSE, pinContext } from '../../modules/customer/customer.service.js';
import { seededRandom, type SeedRandom } from '../seed-random.js';
import { bytea, json, plainArray, row, text } from './copy-text.js';
import { sequentialUuid, type UniqueValues } from './unique-values.js';

/** The tables a chunk fills, in load order (parents first), with the columns it writes. */
export const CHUNK_TABLES = {
  customer: [
    'id', 'kind', 'name', 'date_of_birth', 'personal_identity_number_ciphertext', 'personal_identity_number_key_id',
    'personal_identity_number_blind_index', 'personal_identity_number_masked', 'business_id', 'email', 'phone',
    'street_address', 'postal_code', 'city', 'country', 'status', 'source_type', 'source_partner', 'collected_at',
    'relationship_ended_at', 'created_at', 'updated_at',
  ],
  contact_person: [
    'id', 'customer_id', 'name', 'email', 'phone', 'street_address', 'postal_code', 'city', 'country',
    'role_in_company', 'position', 'source_type', 'source_partner', 'collected_at', 'created_at', 'updated_at',
  ],
  contract: [
    'id', 'contract_number', 'customer_id', 'status', 'start_date', 'end_date', 'source_type', 'source_partner',
    'collected_at', 'created_at', 'updated_at',
  ],
  contract_line: [
    'id', 'contract_id', 'service_product_id', 'quantity', 'monthly_price_cents', 'added_date', 'removed_date',
    'source_type', 'source_partner', 'collected_at', 'created_at', 'updated_at',
  ],
  sim_card: [
    'id', 'contract_id', 'customer_id', 'iccid', 'phone_number', 'status', 'activated_at', 'closed_at',
    'source_type', 'source_partner', 'collected_at', 'created_at', 'updated_at',
  ],
  customer_order: [
    'id', 'order_number', 'customer_id', 'order_date', 'delivery_date', 'delivered_at', 'status',
    'delivery_street_address', 'delivery_postal_code', 'delivery_city', 'delivery_country', 'recipient_name',
    'sim_iccids', 'value_cents', 'source_type', 'source_partner', 'collected_at', 'created_at', 'updated_at',
  ],
  customer_order_line: [
    'id', 'order_id', 'line_number', 'service_product_id', 'equipment_model_id', 'quantity', 'unit_price_cents',
    'total_cents',
  ],
  billing_account: [
    'id', 'customer_id', 'method', 'e_invoice_address', 'e_invoice_operator_id', 'invoice_email',
    'billing_contact_name', 'street_address', 'postal_code', 'city', 'country', 'source_type', 'source_partner',
    'collected_at', 'created_at', 'updated_at',
  ],
  invoice: [
    'id', 'customer_id', 'billing_account_id', 'invoice_number', 'reference_number', 'issue_date', 'due_date',
    'net_amount_cents', 'vat_amount_cents', 'total_amount_cents', 'status', 'paid_date', 'reminder_sent_date',
    'collection_agency', 'source_type', 'collected_at', 'created_at', 'updated_at',
  ],
  customer_event: [
    'id', 'customer_id', 'at', 'kind', 'summary', 'before', 'after', 'channel', 'staff_user_id', 'record_type',
    'record_id', 'source_type', 'collected_at',
  ],
  marketing_permit_entry: [
    'id', 'customer_id', 'contact_person_id', 'channel', 'decision', 'recorded_at', 'source', 'source_partner',
    'source_type', 'collected_at', 'recorded_by_id', 'evidence',
  ],
  customer_marketing_state: ['customer_id', 'channel', 'permitted', 'decided_at', 'entry_id'],
  feedback: [
    'id', 'customer_id', 'kind', 'survey_name', 'question', 'score', 'text', 'given_at', 'consent', 'source_type',
    'collected_at', 'created_at', 'updated_at',
  ],
} as const;

export type ChunkTable = keyof typeof CHUNK_TABLES;
export const CHUNK_TABLE_NAMES = Object.keys(CHUNK_TABLES) as ChunkTable[];

const TABLE_CODE: Record<Exclude<ChunkTable, 'customer_marketing_state'>, number> = {
  customer: 1, contact_person: 2, contract: 3, contract_line: 4, sim_card: 5, customer_order: 6,
  customer_order_line: 7, billing_account: 8, invoice: 9, customer_event: 10, marketing_permit_entry: 11, feedback: 12,
};
/** Room per customer in each table's id counter (and in the SIM and invoice number spaces). */
const PER_CUSTOMER = 32;
const SIMS_PER_CUSTOMER = 8;
const INVOICES_PER_CUSTOMER = 8;
const FIRST_NUMBER = 100_001;

export interface CatalogueRef {
  services: { id: string; code: string; name: string; kind: string; monthlyPriceCents: number }[];
  equipment: { id: string; sku: string; name: string; priceCents: number }[];
}

export interface ChunkContext {
  seed: number;
  /** The generation's "today" (ISO date), fixed for a run so a restart writes the same rows. */
  today: string;
  crypto: FieldCrypto;
  values: UniqueValues;
  catalogue: CatalogueRef;
  staff: { service: string; dpo: string; sales: string };
  /** Compute customer_marketing_state here (the triggers are off while loading) instead of by triggers. */
  marketingState: boolean;
}

export type ChunkRows = Record<ChunkTable, string[]>;

const FIRST_NAMES = [
  'Aino', 'Eino', 'Helmi', 'Väinö', 'Sofia', 'Leo', 'Olivia', 'Oliver', 'Aada', 'Elias', 'Linnea', 'Onni', 'Ella',
  'Toivo', 'Isla', 'Eeli', 'Lilja', 'Niilo', 'Venla', 'Veeti', 'Kerttu', 'Matti', 'Liisa', 'Juha', 'Päivi', 'Timo',
  'Sari', 'Jari', 'Anneli', 'Pekka', 'Tuula', 'Mikko', 'Riitta', 'Kari', 'Marja', 'Heikki', 'Anna', 'Jukka', 'Laura',
  'Markku', 'Hanna', 'Janne', 'Katja', 'Petri', 'Minna', 'Antti', 'Satu', 'Tuomas', 'Emilia', 'Ville', 'Noora', 'Sami',
];
const LAST_NAMES = [
  'Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen',
  'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen',
  'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen', 'Ahonen',
  'Östman', 'Åberg', 'Lindholm', 'Åström', 'Hiltunen', 'Miettinen', 'Aaltonen', 'Manninen', 'Hakala', 'Leinonen',
];
const COMPANY_WORDS = [
  'Rakennus', 'Kuljetus', 'Konsultointi', 'Sähkö', 'Kiinteistö', 'Ravintola', 'Tilitoimisto', 'Puutarha', 'Metalli',
  'Media', 'Hoiva', 'Autokorjaamo', 'Kahvila', 'Siivous', 'Putki', 'Data', 'Kone', 'Logistiikka', 'Design', 'Lvi',
];
const STREETS = [
  'Mannerheimintie', 'Hämeenkatu', 'Aleksanterinkatu', 'Kauppakatu', 'Rantatie', 'Koulukatu', 'Puistokatu',
  'Kirkkokatu', 'Asemakatu', 'Satamakatu', 'Ristipellontie', 'Koivukuja', 'Männikkötie', 'Järvenrannantie',
];
const PLACES: [string, string][] = [
  ['00100', 'HELSINKI'], ['00390', 'HELSINKI'], ['00530', 'HELSINKI'], ['02100', 'ESPOO'], ['02600', 'ESPOO'],
  ['01300', 'VANTAA'], ['33100', 'TAMPERE'], ['33720', 'TAMPERE'], ['20100', 'TURKU'], ['90100', 'OULU'],
  ['40100', 'JYVÄSKYLÄ'], ['70100', 'KUOPIO'], ['15110', 'LAHTI'], ['28100', 'PORI'], ['80100', 'JOENSUU'],
  ['53100', 'LAPPEENRANTA'], ['65100', 'VAASA'], ['96100', 'ROVANIEMI'], ['04400', 'JÄRVENPÄÄ'], ['13100', 'HÄMEENLINNA'],
];
const PARTNERS = ['Posti Oy kumppanirekisteri', 'Elisa jälleenmyyjät', 'Verkkokauppa Partner'];
const POSITIONS = ['Toimitusjohtaja', 'Talouspäällikkö', 'IT-päällikkö', 'Hankintapäällikkö', 'Toimistopäällikkö', 'Kirjanpitäjä'];
const ROLES = ['Sopimusasiat', 'Laskutusyhteyshenkilö', 'Tekninen yhteyshenkilö', 'Hankinnat', 'Liittymien tilaaja'];
const OPERATORS = ['003723327487', '003703575029', 'E204503', 'INEXCHANGE', '003721291126'];
const COLLECTION_AGENCIES = ['Lowell Suomi Oy', 'Intrum Oy', 'Svea Perintä Oy', 'Ropo Capital Oy'];
const CONTACTS: [string, string][] = [
  ['PHONE', 'Asiakas kysyi laskun erittelystä; neuvottu OmaLesecin laskunäkymään.'],
  ['PHONE', 'Liittymän nopeus hidas iltaisin; tehty linjamittaus, ei vikaa.'],
  ['EMAIL', 'Asiakas pyysi tarjousta kuitulaajakaistasta; välitetty myyntiin.'],
  ['EMAIL', 'Osoitteenmuutos ilmoitettu sähköpostilla; päivitetty asiakastietoihin.'],
  ['VISIT', 'Asiakas kävi myymälässä vaihtamassa SIM-kortin uuteen puhelimeen sopivaksi.'],
  ['CHAT', 'Kysymys roaming-hinnoista EU:n ulkopuolella; lähetetty hinnaston linkki.'],
  ['CHAT', 'Asiakas halusi tietää sopimuksen päättymispäivän; kerrottu sopimuksen tiedot.'],
  ['PHONE', 'Maksumuistutuksesta kysytty; sovittu uusi eräpäivä laskutuksen kanssa.'],
];
const SURVEY = {
  name: 'Asiakastyytyväisyyskysely',
  question: 'Kuinka todennäköisesti suosittelisit Lesec Oy:tä ystävällesi tai kollegallesi? (0–10)',
  consent: 'Kyselyn alussa annettu suostumus vastausten tallentamiseen asiakasrekisteriin',
};
const FREE_FEEDBACK = ['Kiitos nopeasta avusta laajakaistan vikatilanteessa!', 'Uusi liittymä toimii mökilläkin erinomaisesti.'];
const COMPLAINTS = ['Laskussa oli veloitus palvelusta, jota en ole tilannut. Pyydän hyvitystä.', 'Kuituliittymän toimitus myöhästyi kaksi viikkoa.'];
const CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'POST'] as const;
type Channel = (typeof CHANNELS)[number];

const DAY = 86_400_000;

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const DAY_STRINGS = new Map<number, string>();

/** `YYYY-MM-DD` of a day number since the epoch (cached: a register has a few thousand distinct days). */
function dayString(day: number): string {
  let value = DAY_STRINGS.get(day);
  if (value === undefined) {
    value = new Date(day * DAY).toISOString().slice(0, 10);
    DAY_STRINGS.set(day, value);
  }
  return value;
}

/** An instant in whole seconds as `YYYY-MM-DDTHH:MM:SSZ`. */
function instant(ms: number): string {
  const day = Math.floor(ms / DAY);
  const seconds = Math.floor((ms - day * DAY) / 1000);
  return `${dayString(day)}T${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}Z`;
}

function slug(value: string) {
  return value.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '.');
}

/** Chunks are seeded separately, so any chunk can be (re)generated alone. */
export function chunkRandom(seed: number, chunk: number): SeedRandom {
  return seededRandom((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(chunk + 1, 0xc2b2ae35)) >>> 0);
}

export function emptyRows(): ChunkRows {
  return Object.fromEntries(CHUNK_TABLE_NAMES.map((name) => [name, []])) as unknown as ChunkRows;
}

/** Rows of customers [first, first + count). */
export function chunkRows(context: ChunkContext, chunk: number, first: number, count: number): ChunkRows {
  const rng = chunkRandom(context.seed, chunk);
  const rows = emptyRows();
  const todayMs = Date.parse(`${context.today}T12:00:00Z`);
  // Timestamps are written as text straight away: Date objects cost more than the rows.
  const dateAgo = (days: number) => dayString(Math.floor(todayMs / DAY) - days);
  const officeTime = (date: string) => `${date}T${TWO_DIGITS[rng.int(6, 14)]}:${TWO_DIGITS[rng.int(0, 59)]}:${TWO_DIGITS[rng.int(0, 59)]}Z`;
  const iso = (stamp: string) => stamp;
  const mobile = context.catalogue.services.filter((s) => s.kind === 'MOBILE');

  for (let g = first; g < first + count; g += 1) {
    const counters = new Map<number, number>();
    const id = (table: Exclude<ChunkTable, 'customer_marketing_state'>) => {
      const code = TABLE_CODE[table];
      const k = counters.get(code) ?? 0;
      if (k >= PER_CUSTOMER) throw new Error(`more than ${PER_CUSTOMER} ${table} rows for one customer`);
      counters.set(code, k + 1);
      return sequentialUuid(code, g * PER_CUSTOMER + k, Math.floor(rng.next() * 2 ** 32));
    };
    const customerId = id('customer');
    const business = rng.next() < 0.15;
    const [postalCode, city] = rng.pick(PLACES);
    const street = `${rng.pick(STREETS)} ${rng.int(1, 120)}${rng.next() < 0.4 ? ` ${rng.pick(['A', 'B', 'C'])} ${rng.int(1, 40)}` : ''}`;
    const sourceRoll = rng.next();
    const sourceType = sourceRoll < 0.8 ? 'DATA_SUBJECT' : sourceRoll < 0.92 ? 'SERVICE_DELIVERY' : 'PARTNER';
    const sourcePartner = sourceType === 'PARTNER' ? rng.pick(PARTNERS) : null;
    const statusRoll = rng.next();
    // 3 % former customers, two in three of them long gone (what the retention job works on).
    const status = statusRoll < 0.03 ? 'TERMINATED' : statusRoll < 0.07 ? 'PROSPECT' : 'ACTIVE';
    const longGone = status === 'TERMINATED' && rng.next() < 0.67;
    const endedDaysAgo = status === 'TERMINATED' ? (longGone ? rng.int(6 * 365, 10 * 365) : rng.int(30, 3 * 365)) : 0;
    const customerSinceDays = status === 'TERMINATED' ? endedDaysAgo + rng.int(365, 6 * 365) : status === 'PROSPECT' ? rng.int(1, 200) : rng.int(90, 15 * 365);
    const createdAt = officeTime(dateAgo(customerSinceDays));
    const endedAt = status === 'TERMINATED' ? officeTime(dateAgo(endedDaysAgo)) : null;
    const updatedAt = endedAt ?? createdAt;

    let name: string;
    let email: string;
    let pinColumns: string[] = ['\\N', '\\N', '\\N', '\\N', '\\N'];
    let businessId: string | null = null;
    if (business) {
      const company = `${rng.pick(LAST_NAMES)} ${rng.pick(COMPANY_WORDS)} Oy`;
      name = g % 7 === 0 ? `${company.replace(/ Oy$/, '')} ${rng.int(2, 99)} Oy` : company;
      businessId = context.values.businessId(g);
      email = `info@${slug(name.replace(/ Oy$/, ''))}.fi`.replace(/\.\./g, '.');
    } else {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      name = `${first} ${last}`;
      email = `${slug(first)}.${slug(last)}${rng.int(1, 999)}@example.fi`;
      const pin = context.values.personalIdentityNumber(g);
      const sealed = context.crypto.seal(pin.value, pinContext(customerId));
      pinColumns = [
        pin.dateOfBirth,
        bytea(sealed.ciphertext),
        text(sealed.keyId),
        bytea(context.crypto.blindIndex(pin.value, PIN_PURPOSE)),
        maskPersonalIdentityNumber(pin.value),
      ];
    }
    const phone = `+35840${String(rng.int(1_000_000, 9_999_999))}`;
    rows.customer.push(row([
      customerId, business ? 'BUSINESS' : 'PRIVATE', text(name), ...pinColumns, text(businessId), text(email), phone,
      text(street), postalCode, text(city), 'FI', status, sourceType, text(sourcePartner), iso(createdAt),
      endedAt ? iso(endedAt) : '\\N', iso(createdAt), iso(updatedAt),
    ]));

    const events: { at: string; kind: string; summary: string; before?: unknown; after?: unknown; channel?: string; staff?: string; recordType?: string; recordId?: string; source?: string }[] = [];

    // Contact persons of a business customer.
    const contactPersonIds: string[] = [];
    if (business) {
      const domain = email.split('@')[1]!;
      for (let n = rng.int(1, 3); n > 0; n -= 1) {
        const personId = id('contact_person');
        contactPersonIds.push(personId);
        const first = rng.pick(FIRST_NAMES);
        const last = rng.pick(LAST_NAMES);
        rows.contact_person.push(row([
          personId, customerId, text(`${first} ${last}`), text(`${slug(first)}.${slug(last)}@${domain}`),
          `+35850${String(rng.int(1_000_000, 9_999_999))}`, text(street), postalCode, text(city), 'FI',
          text(contactPersonIds.length === 1 ? 'Pääyhteyshenkilö' : rng.pick(ROLES)), text(rng.pick(POSITIONS)),
          'DATA_SUBJECT', '\\N', iso(createdAt), iso(createdAt), iso(createdAt),
        ]));
      }
    }

    // Contracts with catalogue services, SIM cards for the mobile ones.
    const contractCount = status === 'PROSPECT' ? 0 : rng.next() < 0.2 ? 2 : 1;
    let simSlot = 0;
    for (let c = 0; c < contractCount; c += 1) {
      const contractId = id('contract');
      const contractNumber = `SOP-${FIRST_NUMBER + g * 2 + c}`;
      const ended = status === 'TERMINATED';
      const startDate = dateAgo(Math.max(customerSinceDays - rng.int(0, 30), endedDaysAgo + 1));
      const endDate = ended ? dateAgo(endedDaysAgo) : rng.next() < 0.3 ? dateAgo(-rng.int(30, 700)) : null;
      const collectedAt = officeTime(startDate);
      const contractSource = sourceType === 'PARTNER' ? 'PARTNER' : 'DATA_SUBJECT';
      rows.contract.push(row([
        contractId, contractNumber, customerId, ended ? 'ENDED' : 'ACTIVE', startDate, endDate ?? '\\N', contractSource,
        text(contractSource === 'PARTNER' ? sourcePartner : null), iso(collectedAt), iso(collectedAt),
        iso(ended ? endedAt! : collectedAt),
      ]));
      const lineCount = rng.int(1, 3);
      const chosen = new Set<number>();
      if (rng.next() < 0.8) chosen.add(context.catalogue.services.indexOf(rng.pick(mobile)));
      while (chosen.size < lineCount) chosen.add(rng.int(0, context.catalogue.services.length - 1));
      const names: string[] = [];
      for (const productIndex of chosen) {
        const product = context.catalogue.services[productIndex]!;
        const quantity = product.kind === 'MOBILE' && rng.next() < 0.2 ? rng.int(2, 3) : 1;
        const price = rng.next() < 0.2 ? Math.round(product.monthlyPriceCents * 0.9) : product.monthlyPriceCents;
        rows.contract_line.push(row([
          id('contract_line'), contractId, product.id, quantity, price, startDate, ended ? endDate! : '\\N',
          contractSource, text(contractSource === 'PARTNER' ? sourcePartner : null), iso(collectedAt), iso(collectedAt),
          iso(collectedAt),
        ]));
        names.push(`${quantity} × ${product.name}`);
        if (product.kind !== 'MOBILE') continue;
        for (let q = 0; q < quantity && simSlot < SIMS_PER_CUSTOMER; q += 1, simSlot += 1) {
          const simId = id('sim_card');
          const simIndex = g * SIMS_PER_CUSTOMER + simSlot;
          const iccid = context.values.iccid(simIndex);
          const simStatus = ended ? 'CLOSED' : rng.next() < 0.05 ? 'SUSPENDED' : 'ACTIVE';
          rows.sim_card.push(row([
            simId, contractId, customerId, iccid, context.values.mobileNumber(simIndex), simStatus, iso(collectedAt),
            ended ? iso(endedAt!) : '\\N', 'SERVICE_DELIVERY', '\\N', iso(collectedAt), iso(collectedAt),
            iso(ended ? endedAt! : collectedAt),
          ]));
          events.push({
            at: collectedAt, kind: 'SIM_ADDED', summary: `SIM card …${iccid.slice(-4)} (ACTIVE) added to contract ${contractNumber}`,
            after: { status: 'ACTIVE' }, staff: context.staff.service, recordType: 'SimCard', recordId: simId,
          });
        }
      }
      events.push({
        at: collectedAt, kind: 'CONTRACT_CREATED', summary: `Contract ${contractNumber} created (ACTIVE) from ${startDate}: ${names.join(', ')}`,
        after: { contractNumber, status: 'ACTIVE', startDate }, staff: context.staff.service, recordType: 'Contract', recordId: contractId,
      });
      if (ended) {
        events.push({
          at: endedAt!, kind: 'CONTRACT_STATUS_CHANGED', summary: `Contract ${contractNumber} ACTIVE → ENDED on ${endDate}`,
          before: { status: 'ACTIVE', endDate: null }, after: { status: 'ENDED', endDate }, staff: context.staff.service,
          recordType: 'Contract', recordId: contractId,
        });
      }
    }

    // Orders: equipment and services, in every state.
    const orderCount = status === 'TERMINATED' ? 0 : rng.next() < 0.5 ? 1 : rng.next() < 0.2 ? 2 : 0;
    for (let o = 0; o < orderCount; o += 1) {
      const orderId = id('customer_order');
      const orderNumber = FIRST_NUMBER + g * 2 + o;
      const orderDate = dateAgo(rng.int(0, Math.min(customerSinceDays, 700)));
      const deliveryDate = dayString(Math.floor(Date.parse(orderDate) / DAY) + rng.int(1, 14));
      const roll = rng.next();
      const orderStatus = roll < 0.7 ? 'DELIVERED' : roll < 0.8 ? 'CANCELLED' : roll < 0.88 ? 'NEW' : roll < 0.95 ? 'CONFIRMED' : 'IN_DELIVERY';
      const orderSource = sourceType === 'PARTNER' ? 'PARTNER' : 'DATA_SUBJECT';
      let value = 0;
      const lines: string[] = [];
      for (let n = 1, lineCount = rng.int(1, 2); n <= lineCount; n += 1) {
        const quantity = rng.int(1, 2);
        if (rng.next() < 0.5) {
          const model = rng.pick(context.catalogue.equipment);
          lines.push(row([id('customer_order_line'), orderId, n, '\\N', model.id, quantity, model.priceCents, quantity * model.priceCents]));
          value += quantity * model.priceCents;
        } else {
          const product = rng.pick(context.catalogue.services);
          lines.push(row([id('customer_order_line'), orderId, n, product.id, '\\N', quantity, product.monthlyPriceCents, quantity * product.monthlyPriceCents]));
          value += quantity * product.monthlyPriceCents;
        }
      }
      const orderedAt = officeTime(orderDate);
      rows.customer_order.push(row([
        orderId, orderNumber, customerId, orderDate, deliveryDate, orderStatus === 'DELIVERED' ? deliveryDate : '\\N', orderStatus,
        text(street), postalCode, text(city), 'FI', text(name), plainArray([]), value, orderSource,
        text(orderSource === 'PARTNER' ? sourcePartner : null), iso(orderedAt), iso(orderedAt), iso(orderedAt),
      ]));
      rows.customer_order_line.push(...lines);
      events.push({
        at: orderedAt, kind: 'ORDER', summary: `Order ${orderNumber} (${orderStatus}) of ${(value / 100).toFixed(2)} €`,
        after: { orderNumber, status: orderStatus, valueCents: value }, staff: context.staff.sales, recordType: 'Order', recordId: orderId,
      });
    }

    // Billing account and the last months' invoices in every state.
    if (status !== 'PROSPECT') {
      const accountId = id('billing_account');
      const methodRoll = rng.next();
      let account: (string | number)[];
      if (business && businessId && methodRoll < 0.75) {
        account = ['E_INVOICE', ovtFromBusinessId(businessId, ''), rng.pick(OPERATORS), '\\N', 'Ostoreskontra', '\\N', '\\N', '\\N'];
      } else if (methodRoll < 0.5) {
        account = ['EMAIL', '\\N', '\\N', text(business ? `laskut@${email.split('@')[1]}` : email), '\\N', '\\N', '\\N', '\\N'];
      } else if (methodRoll < 0.8) {
        account = ['PAPER', '\\N', '\\N', '\\N', '\\N', text(street), postalCode, text(city)];
      } else {
        account = ['DIRECT_PAYMENT', '\\N', '\\N', '\\N', '\\N', '\\N', '\\N', '\\N'];
      }
      rows.billing_account.push(row([accountId, customerId, ...account, 'FI', 'DATA_SUBJECT', '\\N', iso(createdAt), iso(createdAt), iso(createdAt)]));
      const invoiceCount = rng.int(1, 6);
      const lastIssueDaysAgo = status === 'TERMINATED' ? endedDaysAgo : rng.int(0, 29);
      for (let k = 0; k < invoiceCount && k < INVOICES_PER_CUSTOMER; k += 1) {
        const issuedDaysAgo = lastIssueDaysAgo + k * 30;
        if (issuedDaysAgo > customerSinceDays) break;
        const invoiceNumber = FIRST_NUMBER + g * INVOICES_PER_CUSTOMER + k;
        const issueDate = dateAgo(issuedDaysAgo);
        const dueDaysAgo = issuedDaysAgo - 14;
        const dueDate = dateAgo(dueDaysAgo);
        const net = rng.int(990, 12_990);
        const vat = Math.round(net * (issueDate >= '2024-09-01' ? 0.255 : 0.24));
        const roll = rng.next();
        let invoiceStatus: string;
        if (dueDaysAgo < 0) invoiceStatus = roll < 0.3 ? 'PAID' : 'OPEN';
        else if (roll < 0.02) invoiceStatus = 'CREDITED';
        else if (dueDaysAgo < 10) invoiceStatus = roll < 0.7 ? 'PAID' : 'OPEN';
        else if (roll < 0.93) invoiceStatus = 'PAID';
        else if (roll < 0.97 || dueDaysAgo < 40) invoiceStatus = 'REMINDER_SENT';
        else invoiceStatus = 'IN_COLLECTION';
        const paidDate = invoiceStatus === 'PAID' ? dateAgo(Math.max(0, issuedDaysAgo - rng.int(1, 19))) : null;
        const reminderDate = invoiceStatus === 'REMINDER_SENT' || invoiceStatus === 'IN_COLLECTION' ? dateAgo(Math.max(0, dueDaysAgo - 7)) : null;
        const issuedAt = `${issueDate}T04:00:00Z`;
        rows.invoice.push(row([
          id('invoice'), customerId, accountId, invoiceNumber, context.values.invoiceReference(invoiceNumber), issueDate, dueDate,
          net, vat, net + vat, invoiceStatus, paidDate ?? '\\N', reminderDate ?? '\\N',
          invoiceStatus === 'IN_COLLECTION' ? text(rng.pick(COLLECTION_AGENCIES)) : '\\N', 'SERVICE_DELIVERY', iso(issuedAt),
          iso(issuedAt), iso(issuedAt),
        ]));
      }
    }

    // Customer service contacts fill the timeline to about ten events.
    const target = status === 'PROSPECT' ? rng.int(1, 4) : rng.int(7, 13);
    const contactSpan = Math.max(1, Math.min(customerSinceDays, 3 * 365) - endedDaysAgo);
    while (events.length < target) {
      const [channel, summary] = rng.pick(CONTACTS);
      events.push({
        at: officeTime(dateAgo(endedDaysAgo + rng.int(0, contactSpan))), kind: 'CONTACT', summary, channel,
        staff: context.staff.service, source: 'DATA_SUBJECT',
      });
    }
    for (const event of events) {
      rows.customer_event.push(row([
        id('customer_event'), customerId, iso(event.at), event.kind, text(event.summary), json(event.before), json(event.after),
        event.channel ?? '\\N', event.staff ?? '\\N', text(event.recordType), event.recordId ?? '\\N',
        event.source ?? 'SERVICE_DELIVERY', iso(event.at),
      ]));
    }

    // The marketing-permit ledger, oldest first, and the state the triggers would derive from it.
    const state = new Map<Channel, { permitted: boolean; decidedAt: number | null; entryId: string | null }>();
    for (const channel of CHANNELS) {
      state.set(channel, { permitted: business ? true : channel === 'PHONE' || channel === 'POST', decidedAt: null, entryId: null });
    }
    const ledgerSpan = Math.max(1, Math.min(customerSinceDays, 3 * 365) - endedDaysAgo);
    let recordedAt = todayMs - (endedDaysAgo + ledgerSpan) * DAY;
    const record = (channel: Channel, decision: 'PERMIT' | 'PROHIBIT', source: string, evidence: string, personId: string | null = null, partner: string | null = null) => {
      recordedAt += rng.int(1, Math.max(1, Math.floor((ledgerSpan * DAY) / 8 / 1000))) * 1000;
      const entryId = id('marketing_permit_entry');
      const recordedBy = decision === 'PERMIT' ? context.staff.service : rng.next() < 0.5 ? context.staff.service : context.staff.dpo;
      const at = instant(recordedAt);
      rows.marketing_permit_entry.push(row([
        entryId, customerId, personId ?? '\\N', channel, decision, at, source, text(partner),
        partner ? 'PARTNER' : 'DATA_SUBJECT', at, recordedBy, text(evidence),
      ]));
      // As marketing_permit_entry_apply: a customer's own entry wins when it is not older.
      const current = state.get(channel)!;
      if (personId === null && (current.decidedAt === null || current.decidedAt <= recordedAt)) {
        state.set(channel, { permitted: decision === 'PERMIT', decidedAt: recordedAt, entryId });
      }
    };
    if (!business) {
      if (rng.next() < 0.55) record('EMAIL', 'PERMIT', 'CUSTOMER_FORM', 'Tilauslomake lesec.fi: asiakas rastitti kohdan "Haluan tarjouksia sähköpostiin".');
      if (rng.next() < 0.35) record('SMS', 'PERMIT', 'CUSTOMER_FORM', 'Tilauslomake lesec.fi: asiakas rastitti kohdan "Haluan tarjouksia tekstiviestinä".');
      for (let n = rng.int(0, 2); n > 0; n -= 1) {
        const roll = rng.next();
        if (roll < 0.3) record('PHONE', 'PROHIBIT', 'PHONE_CALL', 'Asiakaspalvelupuhelu: asiakas pyysi, ettei hänelle enää soiteta markkinointipuheluita.');
        else if (roll < 0.55) record('EMAIL', 'PROHIBIT', 'EMAIL', 'Vastaus uutiskirjeeseen: "Poistakaa minut postituslistalta, kiitos."');
        else if (roll < 0.75) record('SMS', 'PROHIBIT', 'CUSTOMER_FORM', 'Tekstiviestivastaus "STOP" kampanjaviestiin.');
        else if (roll < 0.9) record('EMAIL', 'PERMIT', 'PARTNER', 'Kumppanin kampanjalomakkeella annettu suostumus sähköpostimarkkinointiin.', null, rng.pick(PARTNERS));
        else record('POST', 'PROHIBIT', 'CUSTOMER_FORM', 'Oma Lesec -palvelu: asiakas kielsi suoramarkkinoinnin postitse.');
      }
      if (rng.next() < 0.05) {
        for (const channel of CHANNELS) record(channel, 'PROHIBIT', 'OBJECTION_REQUEST', 'Tietosuojapyyntö (vastustamisoikeus, GDPR 21 art.): asiakas kieltää kaiken suoramarkkinoinnin.');
      }
    } else {
      if (rng.next() < 0.3) record('PHONE', 'PROHIBIT', 'PHONE_CALL', 'Yrityksen yhteyshenkilö pyysi, ettei yritykselle soiteta myyntipuheluita.');
      if (rng.next() < 0.2) record('EMAIL', 'PROHIBIT', 'EMAIL', 'Sähköposti yrityksen info-osoitteesta: "Emme halua uutiskirjeitä."');
      if (contactPersonIds.length > 0 && rng.next() < 0.3) {
        record('EMAIL', rng.next() < 0.5 ? 'PERMIT' : 'PROHIBIT', 'EMAIL', 'Yhteyshenkilön oma päätös sähköpostimarkkinoinnista.', rng.pick(contactPersonIds));
      }
    }
    if (context.marketingState) {
      for (const channel of CHANNELS) {
        const current = state.get(channel)!;
        rows.customer_marketing_state.push(row([
          customerId, channel, current.permitted ? 't' : 'f', current.decidedAt === null ? '\\N' : instant(current.decidedAt),
          current.entryId ?? '\\N',
        ]));
      }
    }

    // Feedback from some.
    if (status !== 'PROSPECT' && rng.next() < 0.25) {
      const givenAt = officeTime(dateAgo(endedDaysAgo + rng.int(1, 500)));
      const roll = rng.next();
      const [kind, surveyName, question, score, body] =
        roll < 0.7 ? ['SURVEY_ANSWER', SURVEY.name, SURVEY.question, String(rng.int(0, 10)), rng.next() < 0.4 ? rng.pick(FREE_FEEDBACK) : null]
          : roll < 0.9 ? ['FREE_FEEDBACK', null, null, '\\N', rng.pick(FREE_FEEDBACK)]
            : ['COMPLAINT', null, null, '\\N', rng.pick(COMPLAINTS)];
      rows.feedback.push(row([
        id('feedback'), customerId, kind, text(surveyName), text(question), score, text(body), iso(givenAt), text(SURVEY.consent),
        'DATA_SUBJECT', iso(givenAt), iso(givenAt), iso(givenAt),
      ]));
    }
  }
  return rows;
}
