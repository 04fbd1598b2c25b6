/**
 * The rows of one chunk of the generated register, in PostgreSQL's binary COPY format: customers
 * and everything the register holds about them. Pure: the same seed, chunk and anchor date give
 * the same rows (only the identity numbers' ciphertexts differ, because every seal draws a fresh
 * random IV, exactly as the API stores them). Runs in the generator's worker threads.
 */
import { createCipheriv, createHmac, randomFillSync, type KeyObject } from 'node:crypto';
import { maskPersonalIdentityNumber, ovtFromBusinessId } from '@register/identifiers';
import { seededRandom, type SeedRandom } from '../seed-random.js';
import { BinaryCopy, generatedUuidText, writeGeneratedUuid } from './copy-binary.js';
import type { UniqueValues } from './unique-values.js';

/** How a column is written: PostgreSQL's binary form of the column's type. */
export type ColumnType = 'uuid' | 'text' | 'enum' | 'int2' | 'int4' | 'bool' | 'date' | 'timestamptz' | 'bytea' | 'jsonb' | 'text[]';

const uuid = 'uuid', text = 'text', enumLabel = 'enum', int2 = 'int2', int4 = 'int4', bool = 'bool', date = 'date', ts = 'timestamptz';

/**
 * The tables a chunk fills, in load order (parents first), with the columns it writes and their
 * types; the generator checks them against the database before it loads anything.
 */
export const CHUNK_TABLES = {
  customer: [
    ['id', uuid], ['kind', enumLabel], ['name', text], ['date_of_birth', date], ['personal_identity_number_ciphertext', 'bytea'],
    ['personal_identity_number_key_id', text], ['personal_identity_number_blind_index', 'bytea'], ['personal_identity_number_masked', text],
    ['business_id', text], ['email', text], ['phone', text], ['street_address', text], ['postal_code', text], ['city', text],
    ['country', text], ['status', enumLabel], ['source_type', enumLabel], ['source_partner', text], ['collected_at', ts],
    ['relationship_ended_at', ts], ['created_at', ts], ['updated_at', ts],
  ],
  contact_person: [
    ['id', uuid], ['customer_id', uuid], ['name', text], ['email', text], ['phone', text], ['street_address', text],
    ['postal_code', text], ['city', text], ['country', text], ['role_in_company', text], ['position', text],
    ['source_type', enumLabel], ['source_partner', text], ['collected_at', ts], ['created_at', ts], ['updated_at', ts],
  ],
  contract: [
    ['id', uuid], ['contract_number', text], ['customer_id', uuid], ['status', enumLabel], ['start_date', date], ['end_date', date],
    ['source_type', enumLabel], ['source_partner', text], ['collected_at', ts], ['created_at', ts], ['updated_at', ts],
  ],
  contract_line: [
    ['id', uuid], ['contract_id', uuid], ['service_product_id', uuid], ['quantity', int4], ['monthly_price_cents', int4],
    ['added_date', date], ['removed_date', date], ['source_type', enumLabel], ['source_partner', text], ['collected_at', ts],
    ['created_at', ts], ['updated_at', ts],
  ],
  sim_card: [
    ['id', uuid], ['contract_id', uuid], ['customer_id', uuid], ['iccid', text], ['phone_number', text], ['status', enumLabel],
    ['activated_at', ts], ['closed_at', ts], ['source_type', enumLabel], ['source_partner', text], ['collected_at', ts],
    ['created_at', ts], ['updated_at', ts],
  ],
  customer_order: [
    ['id', uuid], ['order_number', int4], ['customer_id', uuid], ['order_date', date], ['delivery_date', date],
    ['delivered_at', date], ['status', enumLabel], ['delivery_street_address', text], ['delivery_postal_code', text],
    ['delivery_city', text], ['delivery_country', text], ['recipient_name', text], ['sim_iccids', 'text[]'], ['value_cents', int4],
    ['source_type', enumLabel], ['source_partner', text], ['collected_at', ts], ['created_at', ts], ['updated_at', ts],
  ],
  customer_order_line: [
    ['id', uuid], ['order_id', uuid], ['line_number', int2], ['service_product_id', uuid], ['equipment_model_id', uuid],
    ['quantity', int4], ['unit_price_cents', int4], ['total_cents', int4],
  ],
  billing_account: [
    ['id', uuid], ['customer_id', uuid], ['method', enumLabel], ['e_invoice_address', text], ['e_invoice_operator_id', text],
    ['invoice_email', text], ['billing_contact_name', text], ['street_address', text], ['postal_code', text], ['city', text],
    ['country', text], ['source_type', enumLabel], ['source_partner', text], ['collected_at', ts], ['created_at', ts],
    ['updated_at', ts],
  ],
  invoice: [
    ['id', uuid], ['customer_id', uuid], ['billing_account_id', uuid], ['invoice_number', int4], ['reference_number', text],
    ['issue_date', date], ['due_date', date], ['net_amount_cents', int4], ['vat_amount_cents', int4], ['total_amount_cents', int4],
    ['status', enumLabel], ['paid_date', date], ['reminder_sent_date', date], ['collection_agency', text], ['source_type', enumLabel],
    ['collected_at', ts], ['created_at', ts], ['updated_at', ts],
  ],
  customer_event: [
    ['id', uuid], ['customer_id', uuid], ['at', ts], ['kind', enumLabel], ['summary', text], ['before', 'jsonb'], ['after', 'jsonb'],
    ['channel', enumLabel], ['staff_user_id', uuid], ['record_type', text], ['record_id', uuid], ['source_type', enumLabel],
    ['collected_at', ts],
  ],
  marketing_permit_entry: [
    ['id', uuid], ['customer_id', uuid], ['contact_person_id', uuid], ['channel', enumLabel], ['decision', enumLabel],
    ['recorded_at', ts], ['source', enumLabel], ['source_partner', text], ['source_type', enumLabel], ['collected_at', ts],
    ['recorded_by_id', uuid], ['evidence', text],
  ],
  customer_marketing_state: [['customer_id', uuid], ['channel', enumLabel], ['permitted', bool], ['decided_at', ts], ['entry_id', uuid]],
  feedback: [
    ['id', uuid], ['customer_id', uuid], ['kind', enumLabel], ['survey_name', text], ['question', text], ['score', int2],
    ['text', text], ['given_at', ts], ['consent', text], ['source_type', enumLabel], ['collected_at', ts], ['created_at', ts],
    ['updated_at', ts],
  ],
} as const satisfies Record<string, readonly (readonly [string, ColumnType])[]>;

export type ChunkTable = keyof typeof CHUNK_TABLES;
export const CHUNK_TABLE_NAMES = Object.keys(CHUNK_TABLES) as ChunkTable[];

/**
 * The two parts of a chunk, each loaded (and recorded as done) in a transaction of its own on its
 * own connection, so that every table is written by one connection in ascending key order and
 * the two COPY streams cost PostgreSQL about the same. The history part holds the big tables.
 */
export const CHUNK_PARTS = {
  register: ['customer', 'contact_person', 'contract', 'contract_line', 'sim_card', 'customer_order', 'customer_order_line', 'billing_account', 'marketing_permit_entry', 'customer_marketing_state'],
  history: ['invoice', 'customer_event', 'feedback'],
} as const satisfies Record<string, readonly ChunkTable[]>;

export type ChunkPart = keyof typeof CHUNK_PARTS;
export const CHUNK_PART_NAMES = Object.keys(CHUNK_PARTS) as ChunkPart[];

const TABLE_CODE: Record<Exclude<ChunkTable, 'customer_marketing_state'>, number> = {
  customer: 1, contact_person: 2, contract: 3, contract_line: 4, sim_card: 5, customer_order: 6,
  customer_order_line: 7, billing_account: 8, invoice: 9, customer_event: 10, marketing_permit_entry: 11, feedback: 12,
};
/** Room per customer in each table's id counter (and in the SIM and invoice number spaces). */
const PER_CUSTOMER = 32;
const SIMS_PER_CUSTOMER = 8;
const INVOICES_PER_CUSTOMER = 8;
const FIRST_NUMBER = 100_001;
const TEXT_OID = 25;

export interface CatalogueRef {
  services: { id: string; code: string; name: string; kind: string; monthlyPriceCents: number }[];
  equipment: { id: string; sku: string; name: string; priceCents: number }[];
}

/** What seals identity numbers: the API's key (imported once) and the API's AAD and purpose. */
export interface PinCrypto {
  keyId: string;
  key: KeyObject;
  blindIndexKey: KeyObject;
  purpose: string;
  /** pinContext(customerId) of the customer service, as the text around the id. */
  context: readonly [string, string];
}

export interface ChunkContext {
  seed: number;
  /** The generation's "today" (ISO date), fixed for a run so a restart writes the same rows. */
  today: string;
  pin: PinCrypto;
  values: UniqueValues;
  catalogue: CatalogueRef;
  staff: { service: string; dpo: string; sales: string };
  /** Compute customer_marketing_state here (the triggers are off while loading) instead of by triggers. */
  marketingState: boolean;
}

/** A table's COPY data for one chunk. */
export interface TableData {
  data: Buffer;
  rows: number;
}

export type ChunkRows = Record<ChunkTable, TableData>;

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
const CHANNEL_INDEX: Record<Channel, number> = { EMAIL: 0, SMS: 1, PHONE: 2, POST: 3 };
/** VAT 25.5 % from 1 September 2024 (24 % before), as a day number. */
const VAT_25_5_FROM = Date.UTC(2024, 8, 1) / 86_400_000;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1000;

/** Bytes per customer of each table's COPY data (measured), to size the buffers once. */
const BYTES_PER_CUSTOMER: Record<ChunkTable, number> = {
  customer: 340, contact_person: 90, contract: 170, contract_line: 360, sim_card: 370, customer_order: 170,
  customer_order_line: 110, billing_account: 170, invoice: 740, customer_event: 2500, marketing_permit_entry: 450,
  customer_marketing_state: 220, feedback: 100,
};

/** Rows per customer of each table (measured on 100,000 customers), to estimate the cost of the index builds. */
export const ROWS_PER_CUSTOMER: Record<ChunkTable, number> = {
  customer: 1, contact_person: 0.3, contract: 1.15, contract_line: 2.3, sim_card: 1.84, customer_order: 0.68,
  customer_order_line: 1.02, billing_account: 0.96, invoice: 3.35, customer_event: 9.72, marketing_permit_entry: 1.9,
  customer_marketing_state: 4, feedback: 0.24,
};

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

const SLUGS = new Map<string, string>();

function slug(value: string) {
  let result = SLUGS.get(value);
  if (result === undefined) {
    result = value.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '.');
    if (SLUGS.size < 10_000) SLUGS.set(value, result);
  }
  return result;
}

/** Chunks are seeded separately, so any chunk can be (re)generated alone. */
export function chunkRandom(seed: number, chunk: number): SeedRandom {
  return seededRandom((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(chunk + 1, 0xc2b2ae35)) >>> 0);
}

/** The salt of the generated ids' random bits: the same seed gives the same ids. */
export function idSalt(seed: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ (seed >>> 16)) >>> 0;
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

const IV_BYTES = 12;

/**
 * FieldCrypto.seal of the API, with the IV taken from a buffer filled once per chunk by the CSPRNG
 * (a fresh random IV per value, as the API draws it, without a system call per customer): the
 * same layout (IV, tag, ciphertext), key id and additional data, so FieldCrypto.open reads it.
 */
function sealPin(pin: PinCrypto, value: string, context: string, ivs: Buffer, index: number): Buffer {
  const iv = ivs.subarray(index * IV_BYTES, (index + 1) * IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', pin.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = cipher.update(value, 'utf8');
  cipher.final();
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** FieldCrypto.blindIndex of the API. */
function blindIndex(pin: PinCrypto, value: string): Buffer {
  return createHmac('sha256', pin.blindIndexKey).update(`${pin.purpose}\u0000${value}`).digest();
}

interface Event {
  at: number;
  kind: string;
  summary: string;
  before: string | null;
  after: string | null;
  channel: string | null;
  staff: Buffer;
  recordType: string | null;
  recordId: number;
  source: string;
}

const SIM_ADDED_AFTER = JSON.stringify({ status: 'ACTIVE' });

/**
 * Rows of customers [first, first + count).
 * @param reuse buffers of earlier chunks whose data has been loaded, written into again
 */
export function chunkRows(context: ChunkContext, chunk: number, first: number, count: number, reuse?: Partial<Record<ChunkTable, Buffer>>): ChunkRows {
  const rng = chunkRandom(context.seed, chunk);
  const salt = idSalt(context.seed);
  const out = Object.fromEntries(
    CHUNK_TABLE_NAMES.map((name) => [name, new BinaryCopy(Math.ceil(count * BYTES_PER_CUSTOMER[name] * 1.15) + 4096, reuse?.[name])]),
  ) as Record<ChunkTable, BinaryCopy>;
  const customerUuid = new Uint8Array(16);
  const todayDay = Math.floor(Date.parse(`${context.today}T12:00:00Z`) / DAY);
  const todayMs = todayDay * DAY + 12 * HOUR;
  // Days and instants are numbers (days and milliseconds since 1970): Date objects and strings cost more than the rows.
  const dateAgo = (days: number) => todayDay - days;
  const officeTime = (day: number) => day * DAY + rng.int(6, 14) * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59) * SECOND;
  const services = context.catalogue.services.map((s) => ({ ...s, uuid: uuidBytes(s.id) }));
  const mobile = services.filter((s) => s.kind === 'MOBILE');
  const equipment = context.catalogue.equipment.map((e) => ({ ...e, uuid: uuidBytes(e.id) }));
  const staff = { service: uuidBytes(context.staff.service), dpo: uuidBytes(context.staff.dpo), sales: uuidBytes(context.staff.sales) };
  const ivs = randomFillSync(Buffer.allocUnsafe(count * IV_BYTES));
  const counters = new Int32Array(16);

  for (let g = first; g < first + count; g += 1) {
    counters.fill(0);
    const id = (table: Exclude<ChunkTable, 'customer_marketing_state'>) => {
      const code = TABLE_CODE[table];
      const k = counters[code]!;
      if (k >= PER_CUSTOMER) throw new Error(`more than ${PER_CUSTOMER} ${table} rows for one customer`);
      counters[code] = k + 1;
      return code * 2 ** 40 + g * PER_CUSTOMER + k;
    };
    const customerId = id('customer');
    writeGeneratedUuid(customerUuid, 0, customerId, salt);
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
    let businessId: string | null = null;
    const c = out.customer;
    c.row(22);
    c.uuidBytes(customerUuid);
    c.text(business ? 'BUSINESS' : 'PRIVATE');
    if (business) {
      const company = `${rng.pick(LAST_NAMES)} ${rng.pick(COMPANY_WORDS)} Oy`;
      name = g % 7 === 0 ? `${company.replace(/ Oy$/, '')} ${rng.int(2, 99)} Oy` : company;
      businessId = context.values.businessId(g);
      email = `info@${slug(name.replace(/ Oy$/, ''))}.fi`.replace(/\.\./g, '.');
      c.text(name);
      for (let n = 0; n < 5; n += 1) c.null();
    } else {
      const firstName = rng.pick(FIRST_NAMES);
      const lastName = rng.pick(LAST_NAMES);
      name = `${firstName} ${lastName}`;
      email = `${slug(firstName)}.${slug(lastName)}${rng.int(1, 999)}@example.fi`;
      const pin = context.values.personalIdentityNumber(g);
      const customerText = generatedUuidText(customerId, salt);
      c.text(name);
      c.date(pin.birthDay);
      c.bytea(sealPin(context.pin, pin.value, `${context.pin.context[0]}${customerText}${context.pin.context[1]}`, ivs, g - first));
      c.text(context.pin.keyId);
      c.bytea(blindIndex(context.pin, pin.value));
      c.text(maskPersonalIdentityNumber(pin.value));
    }
    const phone = `+35840${rng.int(1_000_000, 9_999_999)}`;
    c.text(businessId);
    c.text(email);
    c.text(phone);
    c.text(street);
    c.text(postalCode);
    c.text(city);
    c.text('FI');
    c.text(status);
    c.text(sourceType);
    c.text(sourcePartner);
    c.timestamp(createdAt);
    c.timestamp(endedAt);
    c.timestamp(createdAt);
    c.timestamp(updatedAt);

    const events: Event[] = [];

    // Contact persons of a business customer.
    const contactPersonIds: number[] = [];
    if (business) {
      const domain = email.split('@')[1]!;
      const p = out.contact_person;
      for (let n = rng.int(1, 3); n > 0; n -= 1) {
        const personId = id('contact_person');
        contactPersonIds.push(personId);
        const firstName = rng.pick(FIRST_NAMES);
        const lastName = rng.pick(LAST_NAMES);
        p.row(16);
        p.uuid(personId, salt);
        p.uuidBytes(customerUuid);
        p.text(`${firstName} ${lastName}`);
        p.text(`${slug(firstName)}.${slug(lastName)}@${domain}`);
        p.text(`+35850${rng.int(1_000_000, 9_999_999)}`);
        p.text(street);
        p.text(postalCode);
        p.text(city);
        p.text('FI');
        p.text(contactPersonIds.length === 1 ? 'Pääyhteyshenkilö' : rng.pick(ROLES));
        p.text(rng.pick(POSITIONS));
        p.text('DATA_SUBJECT');
        p.null();
        p.timestamp(createdAt);
        p.timestamp(createdAt);
        p.timestamp(createdAt);
      }
    }

    // Contracts with catalogue services, SIM cards for the mobile ones.
    const contractCount = status === 'PROSPECT' ? 0 : rng.next() < 0.2 ? 2 : 1;
    let simSlot = 0;
    for (let k = 0; k < contractCount; k += 1) {
      const contractId = id('contract');
      const contractNumber = `SOP-${FIRST_NUMBER + g * 2 + k}`;
      const ended = status === 'TERMINATED';
      const startDate = dateAgo(Math.max(customerSinceDays - rng.int(0, 30), endedDaysAgo + 1));
      const endDate = ended ? dateAgo(endedDaysAgo) : rng.next() < 0.3 ? dateAgo(-rng.int(30, 700)) : null;
      const collectedAt = officeTime(startDate);
      const contractSource = sourceType === 'PARTNER' ? 'PARTNER' : 'DATA_SUBJECT';
      const contractPartner = contractSource === 'PARTNER' ? sourcePartner : null;
      const r = out.contract;
      r.row(11);
      r.uuid(contractId, salt);
      r.text(contractNumber);
      r.uuidBytes(customerUuid);
      r.text(ended ? 'ENDED' : 'ACTIVE');
      r.date(startDate);
      r.date(endDate);
      r.text(contractSource);
      r.text(contractPartner);
      r.timestamp(collectedAt);
      r.timestamp(collectedAt);
      r.timestamp(ended ? endedAt : collectedAt);
      const lineCount = Math.min(rng.int(1, 3), services.length);
      const chosen = new Set<number>();
      if (rng.next() < 0.8) chosen.add(services.indexOf(rng.pick(mobile)));
      while (chosen.size < lineCount) chosen.add(rng.int(0, services.length - 1));
      const names: string[] = [];
      for (const productIndex of chosen) {
        const product = services[productIndex]!;
        const quantity = product.kind === 'MOBILE' && rng.next() < 0.2 ? rng.int(2, 3) : 1;
        const price = rng.next() < 0.2 ? Math.round(product.monthlyPriceCents * 0.9) : product.monthlyPriceCents;
        const l = out.contract_line;
        l.row(12);
        l.uuid(id('contract_line'), salt);
        l.uuid(contractId, salt);
        l.uuidBytes(product.uuid);
        l.int4(quantity);
        l.int4(price);
        l.date(startDate);
        l.date(ended ? endDate : null);
        l.text(contractSource);
        l.text(contractPartner);
        l.timestamp(collectedAt);
        l.timestamp(collectedAt);
        l.timestamp(collectedAt);
        names.push(`${quantity} × ${product.name}`);
        if (product.kind !== 'MOBILE') continue;
        for (let q = 0; q < quantity && simSlot < SIMS_PER_CUSTOMER; q += 1, simSlot += 1) {
          const simId = id('sim_card');
          const simIndex = g * SIMS_PER_CUSTOMER + simSlot;
          const iccid = context.values.iccid(simIndex);
          const simStatus = ended ? 'CLOSED' : rng.next() < 0.05 ? 'SUSPENDED' : 'ACTIVE';
          const s = out.sim_card;
          s.row(13);
          s.uuid(simId, salt);
          s.uuid(contractId, salt);
          s.uuidBytes(customerUuid);
          s.text(iccid);
          s.text(context.values.mobileNumber(simIndex));
          s.text(simStatus);
          s.timestamp(collectedAt);
          s.timestamp(ended ? endedAt : null);
          s.text('SERVICE_DELIVERY');
          s.null();
          s.timestamp(collectedAt);
          s.timestamp(collectedAt);
          s.timestamp(ended ? endedAt : collectedAt);
          events.push({
            at: collectedAt, kind: 'SIM_ADDED', summary: `SIM card …${iccid.slice(-4)} (ACTIVE) added to contract ${contractNumber}`,
            before: null, after: SIM_ADDED_AFTER, channel: null, staff: staff.service, recordType: 'SimCard', recordId: simId,
            source: 'SERVICE_DELIVERY',
          });
        }
      }
      const startText = dayString(startDate);
      events.push({
        at: collectedAt, kind: 'CONTRACT_CREATED', summary: `Contract ${contractNumber} created (ACTIVE) from ${startText}: ${names.join(', ')}`,
        before: null, after: JSON.stringify({ contractNumber, status: 'ACTIVE', startDate: startText }), channel: null,
        staff: staff.service, recordType: 'Contract', recordId: contractId, source: 'SERVICE_DELIVERY',
      });
      if (ended) {
        const endText = dayString(endDate!);
        events.push({
          at: endedAt!, kind: 'CONTRACT_STATUS_CHANGED', summary: `Contract ${contractNumber} ACTIVE → ENDED on ${endText}`,
          before: JSON.stringify({ status: 'ACTIVE', endDate: null }), after: JSON.stringify({ status: 'ENDED', endDate: endText }),
          channel: null, staff: staff.service, recordType: 'Contract', recordId: contractId, source: 'SERVICE_DELIVERY',
        });
      }
    }

    // Orders: equipment and services, in every state.
    const orderCount = status === 'TERMINATED' ? 0 : rng.next() < 0.5 ? 1 : rng.next() < 0.2 ? 2 : 0;
    for (let o = 0; o < orderCount; o += 1) {
      const orderId = id('customer_order');
      const orderNumber = FIRST_NUMBER + g * 2 + o;
      const orderDate = dateAgo(rng.int(0, Math.min(customerSinceDays, 700)));
      const deliveryDate = orderDate + rng.int(1, 14);
      const roll = rng.next();
      const orderStatus = roll < 0.7 ? 'DELIVERED' : roll < 0.8 ? 'CANCELLED' : roll < 0.88 ? 'NEW' : roll < 0.95 ? 'CONFIRMED' : 'IN_DELIVERY';
      const orderSource = sourceType === 'PARTNER' ? 'PARTNER' : 'DATA_SUBJECT';
      let value = 0;
      const lines = out.customer_order_line;
      for (let n = 1, lineCount = rng.int(1, 2); n <= lineCount; n += 1) {
        const quantity = rng.int(1, 2);
        lines.row(8);
        lines.uuid(id('customer_order_line'), salt);
        lines.uuid(orderId, salt);
        lines.int2(n);
        if (rng.next() < 0.5) {
          const model = rng.pick(equipment);
          lines.null();
          lines.uuidBytes(model.uuid);
          lines.int4(quantity);
          lines.int4(model.priceCents);
          lines.int4(quantity * model.priceCents);
          value += quantity * model.priceCents;
        } else {
          const product = rng.pick(services);
          lines.uuidBytes(product.uuid);
          lines.null();
          lines.int4(quantity);
          lines.int4(product.monthlyPriceCents);
          lines.int4(quantity * product.monthlyPriceCents);
          value += quantity * product.monthlyPriceCents;
        }
      }
      const orderedAt = officeTime(orderDate);
      const r = out.customer_order;
      r.row(19);
      r.uuid(orderId, salt);
      r.int4(orderNumber);
      r.uuidBytes(customerUuid);
      r.date(orderDate);
      r.date(deliveryDate);
      r.date(orderStatus === 'DELIVERED' ? deliveryDate : null);
      r.text(orderStatus);
      r.text(street);
      r.text(postalCode);
      r.text(city);
      r.text('FI');
      r.text(name);
      r.emptyArray(TEXT_OID);
      r.int4(value);
      r.text(orderSource);
      r.text(orderSource === 'PARTNER' ? sourcePartner : null);
      r.timestamp(orderedAt);
      r.timestamp(orderedAt);
      r.timestamp(orderedAt);
      events.push({
        at: orderedAt, kind: 'ORDER', summary: `Order ${orderNumber} (${orderStatus}) of ${(value / 100).toFixed(2)} €`,
        before: null, after: JSON.stringify({ orderNumber, status: orderStatus, valueCents: value }), channel: null,
        staff: staff.sales, recordType: 'Order', recordId: orderId, source: 'SERVICE_DELIVERY',
      });
    }

    // Billing account and the last months' invoices in every state.
    if (status !== 'PROSPECT') {
      const accountId = id('billing_account');
      const methodRoll = rng.next();
      const a = out.billing_account;
      a.row(16);
      a.uuid(accountId, salt);
      a.uuidBytes(customerUuid);
      if (business && businessId && methodRoll < 0.75) {
        a.text('E_INVOICE');
        a.text(ovtFromBusinessId(businessId, ''));
        a.text(rng.pick(OPERATORS));
        a.null();
        a.text('Ostoreskontra');
        a.null();
        a.null();
        a.null();
      } else if (methodRoll < 0.5) {
        a.text('EMAIL');
        a.null();
        a.null();
        a.text(business ? `laskut@${email.split('@')[1]}` : email);
        a.null();
        a.null();
        a.null();
        a.null();
      } else if (methodRoll < 0.8) {
        a.text('PAPER');
        for (let n = 0; n < 4; n += 1) a.null();
        a.text(street);
        a.text(postalCode);
        a.text(city);
      } else {
        a.text('DIRECT_PAYMENT');
        for (let n = 0; n < 7; n += 1) a.null();
      }
      a.text('FI');
      a.text('DATA_SUBJECT');
      a.null();
      a.timestamp(createdAt);
      a.timestamp(createdAt);
      a.timestamp(createdAt);
      const invoiceCount = rng.int(1, 6);
      const lastIssueDaysAgo = status === 'TERMINATED' ? endedDaysAgo : rng.int(0, 29);
      for (let k = 0; k < invoiceCount && k < INVOICES_PER_CUSTOMER; k += 1) {
        const issuedDaysAgo = lastIssueDaysAgo + k * 30;
        if (issuedDaysAgo > customerSinceDays) break;
        const invoiceNumber = FIRST_NUMBER + g * INVOICES_PER_CUSTOMER + k;
        const issueDate = dateAgo(issuedDaysAgo);
        const dueDaysAgo = issuedDaysAgo - 14;
        const net = rng.int(990, 12_990);
        const vat = Math.round(net * (issueDate >= VAT_25_5_FROM ? 0.255 : 0.24));
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
        const issuedAt = issueDate * DAY + 4 * HOUR;
        const v = out.invoice;
        v.row(18);
        v.uuid(id('invoice'), salt);
        v.uuidBytes(customerUuid);
        v.uuid(accountId, salt);
        v.int4(invoiceNumber);
        v.text(context.values.invoiceReference(invoiceNumber));
        v.date(issueDate);
        v.date(dateAgo(dueDaysAgo));
        v.int4(net);
        v.int4(vat);
        v.int4(net + vat);
        v.text(invoiceStatus);
        v.date(paidDate);
        v.date(reminderDate);
        v.text(invoiceStatus === 'IN_COLLECTION' ? rng.pick(COLLECTION_AGENCIES) : null);
        v.text('SERVICE_DELIVERY');
        v.timestamp(issuedAt);
        v.timestamp(issuedAt);
        v.timestamp(issuedAt);
      }
    }

    // Customer service contacts fill the timeline to about ten events.
    const target = status === 'PROSPECT' ? rng.int(1, 4) : rng.int(7, 13);
    const contactSpan = Math.max(1, Math.min(customerSinceDays, 3 * 365) - endedDaysAgo);
    while (events.length < target) {
      const [channel, summary] = rng.pick(CONTACTS);
      events.push({
        at: officeTime(dateAgo(endedDaysAgo + rng.int(0, contactSpan))), kind: 'CONTACT', summary, before: null, after: null, channel,
        staff: staff.service, recordType: null, recordId: -1, source: 'DATA_SUBJECT',
      });
    }
    // In time order, so the history reads (and its ids run) oldest first.
    events.sort((x, y) => x.at - y.at);
    const e = out.customer_event;
    for (const event of events) {
      e.row(13);
      e.uuid(id('customer_event'), salt);
      e.uuidBytes(customerUuid);
      e.timestamp(event.at);
      e.text(event.kind);
      e.text(event.summary);
      e.jsonb(event.before);
      e.jsonb(event.after);
      e.text(event.channel);
      e.uuidBytes(event.staff);
      e.text(event.recordType);
      if (event.recordId < 0) e.null();
      else e.uuid(event.recordId, salt);
      e.text(event.source);
      e.timestamp(event.at);
    }

    // The marketing-permit ledger, oldest first, and the state the triggers would derive from it.
    const permitted = [business, business, true, true];
    const decidedAt: (number | null)[] = [null, null, null, null];
    const entryIds = [-1, -1, -1, -1];
    const ledgerSpan = Math.max(1, Math.min(customerSinceDays, 3 * 365) - endedDaysAgo);
    let recordedAt = todayMs - (endedDaysAgo + ledgerSpan) * DAY;
    const m = out.marketing_permit_entry;
    const record = (channel: Channel, decision: 'PERMIT' | 'PROHIBIT', source: string, evidence: string, personId = -1, partner: string | null = null) => {
      recordedAt += rng.int(1, Math.max(1, Math.floor((ledgerSpan * DAY) / 8 / 1000))) * 1000;
      const entryId = id('marketing_permit_entry');
      const recordedBy = decision === 'PERMIT' ? staff.service : rng.next() < 0.5 ? staff.service : staff.dpo;
      m.row(12);
      m.uuid(entryId, salt);
      m.uuidBytes(customerUuid);
      if (personId < 0) m.null();
      else m.uuid(personId, salt);
      m.text(channel);
      m.text(decision);
      m.timestamp(recordedAt);
      m.text(source);
      m.text(partner);
      m.text(partner ? 'PARTNER' : 'DATA_SUBJECT');
      m.timestamp(recordedAt);
      m.uuidBytes(recordedBy);
      m.text(evidence);
      // As marketing_permit_entry_apply: a customer's own entry wins when it is not older.
      const c = CHANNEL_INDEX[channel];
      const current = decidedAt[c]!;
      if (personId < 0 && (current === null || current <= recordedAt)) {
        permitted[c] = decision === 'PERMIT';
        decidedAt[c] = recordedAt;
        entryIds[c] = entryId;
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
        else if (roll < 0.9) record('EMAIL', 'PERMIT', 'PARTNER', 'Kumppanin kampanjalomakkeella annettu suostumus sähköpostimarkkinointiin.', -1, rng.pick(PARTNERS));
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
      const s = out.customer_marketing_state;
      for (let c = 0; c < CHANNELS.length; c += 1) {
        s.row(5);
        s.uuidBytes(customerUuid);
        s.text(CHANNELS[c]);
        s.bool(permitted[c]!);
        s.timestamp(decidedAt[c]!);
        if (entryIds[c]! < 0) s.null();
        else s.uuid(entryIds[c]!, salt);
      }
    }

    // Feedback from some.
    if (status !== 'PROSPECT' && rng.next() < 0.25) {
      const givenAt = officeTime(dateAgo(endedDaysAgo + rng.int(1, 500)));
      const roll = rng.next();
      const [kind, surveyName, question, score, body] =
        roll < 0.7 ? ['SURVEY_ANSWER', SURVEY.name, SURVEY.question, rng.int(0, 10), rng.next() < 0.4 ? rng.pick(FREE_FEEDBACK) : null]
          : roll < 0.9 ? ['FREE_FEEDBACK', null, null, null, rng.pick(FREE_FEEDBACK)]
            : ['COMPLAINT', null, null, null, rng.pick(COMPLAINTS)];
      const f = out.feedback;
      f.row(13);
      f.uuid(id('feedback'), salt);
      f.uuidBytes(customerUuid);
      f.text(kind);
      f.text(surveyName);
      f.text(question);
      if (score === null) f.null();
      else f.int2(score);
      f.text(body);
      f.timestamp(givenAt);
      f.text(SURVEY.consent);
      f.text('DATA_SUBJECT');
      f.timestamp(givenAt);
      f.timestamp(givenAt);
      f.timestamp(givenAt);
    }
  }
  const rows = {} as ChunkRows;
  for (const name of CHUNK_TABLE_NAMES) rows[name] = { rows: out[name].rows, data: out[name].finish() };
  return rows;
}
