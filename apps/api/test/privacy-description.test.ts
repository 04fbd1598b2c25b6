import { classification, dataMap, DATA_CATEGORY_LABELS, type DataMap } from '@register/schema';
import type { EntityMetadata } from '@mikro-orm/core';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBaseSchema } from '../src/graphql/schema.js';
import { escapeHtml } from '../src/privacy/description/description.html.js';
import type { PrivacyDocument } from '../src/privacy/description/description.document.js';
import { onlyError } from './support/helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The registry description and the Art. 30 record (promise 8): public, in Finnish and English,
 * generated from the data map — so a stored field missing from them, or a field named in them
 * that does not exist, fails here.
 */

const map = dataMap as DataMap;
let app: TestApp;

/** Entities outside the data map whose tables hold customer data, and the type that describes them. */
const DESCRIBED_THROUGH: Record<string, string> = {
  CustomerMarketingState: 'MarketingPermissions',
};
const CHANNELS = ['email', 'sms', 'phone', 'post'];
/** Columns of those entities that a differently shaped type presents (one row per channel → fields per channel). */
const PRESENTED_AS: Record<string, Record<string, string[]>> = {
  CustomerMarketingState: {
    channel: CHANNELS,
    permitted: CHANNELS,
    decidedAt: CHANNELS.map((c) => `${c}DecidedAt`),
    entry: CHANNELS.map((c) => `${c}Source`),
  },
};
/** Tables that name people by id only and are described as a whole in a section, with the words that must appear there. */
const DESCRIBED_IN_SECTION: Record<string, { section: string; text: RegExp }> = {
  AuditEvent: { section: 'security', text: /append-only, hash-chained audit log \(who, when, whose data, which fields\)/ },
  ProcessingRestriction: { section: 'deleting', text: /restriction of processing .* is recorded: whose data, why, when, and who restricted it or lifted it/ },
};

beforeAll(async () => {
  app = await startTestApp({ customers: 3, config: { CONTROLLER_EMAIL: 'tietosuoja@lesec.example', PRIVACY_CONTACT_NAME: 'Rekisteriasiat <Lesec> & "muut"' } });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}${path}`, { headers });
  return { response, body: await response.text() };
}

async function json(language: 'fi' | 'en'): Promise<PrivacyDocument> {
  const { response, body } = await page(`/privacy.json?lang=${language}`);
  expect(response.status).toBe(200);
  return JSON.parse(body) as PrivacyDocument;
}

describe('GET /privacy (public)', () => {
  it('serves the ten sections in Finnish by default, to anyone, with security headers', async () => {
    const { response, body } = await page('/privacy');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-language')).toBe('fi');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('vary')).toMatch(/Accept-Language/i);
    expect(body).toContain('<html lang="fi">');
    expect(body).not.toContain('<script');
    for (const title of ['1. Rekisterinpitäjä', '2. Rekisterin nimi', '3. Rekisterin käyttötarkoitus', '4. Rekisterin tietosisältö', '10. Tarkastusoikeus']) {
      expect(body).toContain(title);
    }
    // Section 1 from the controller profile: Lesec Oy's published details by default.
    expect(body).toContain('Lesec Oy');
    expect(body).toContain('Ristipellontie 17');
    expect(body).toContain('00390 Helsinki');
    expect(body).toContain('tietosuoja@lesec.example');
  });

  it('chooses English by ?lang and by Accept-Language, and refuses an unknown language clearly', async () => {
    const byQuery = await page('/privacy?lang=en');
    expect(byQuery.body).toContain('<html lang="en">');
    expect(byQuery.body).toContain('1. The controller');
    expect(byQuery.body).toContain('Article 15');
    expect(byQuery.body).not.toContain('Personal Data Act');
    const byHeader = await page('/privacy', { 'accept-language': 'sv-FI;q=1, en-GB;q=0.8, fi;q=0.5' });
    expect(byHeader.response.headers.get('content-language')).toBe('en');
    const finnishFirst = await page('/privacy', { 'accept-language': 'fi-FI, en;q=0.9' });
    expect(finnishFirst.response.headers.get('content-language')).toBe('fi');
    const unknown = await page('/privacy?lang=sv');
    expect(unknown.response.status).toBe(400);
    expect(unknown.body).toMatch(/^lang: use one of fi, en/);
  });

  it('escapes every configured and stored text it shows', async () => {
    const { body } = await page('/privacy?lang=en');
    expect(body).toContain('Rekisteriasiat &lt;Lesec&gt; &amp; &quot;muut&quot;');
    expect(body).not.toContain('<Lesec>');
    expect(escapeHtml(`<img src=x onerror='a'>&`)).toBe('&lt;img src=x onerror=&#39;a&#39;&gt;&amp;');
  });

  it('serves JSON at /privacy.json and /privacy?format=json', async () => {
    const document = await json('en');
    expect(document.kind).toBe('registry-description');
    expect(document.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const { response, body } = await page('/privacy?format=json&lang=fi');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((JSON.parse(body) as PrivacyDocument).language).toBe('fi');
  });

  it('keeps the promises of the published text where the law allows, and says what the law requires', async () => {
    const document = await json('en');
    const text = (key: string) => {
      const section = document.sections.find((s) => s.key === key)!;
      return [...section.paragraphs, ...section.lists.flatMap((l) => [l.heading ?? '', ...l.items])].join('\n');
    };
    expect(text('purposes')).toContain('Direct marketing');
    expect(text('purposes')).toContain('statistics');
    expect(text('sources')).toMatch(/partners/);
    expect(text('disclosures')).toContain("only in Lesec Oy's own customer management");
    expect(text('disclosures')).toContain('The police');
    expect(text('deleting')).toMatch(/customer’s request/);
    expect(text('deleting')).toContain('Accounting Act');
    expect(text('confidentiality')).toContain('duty of confidentiality');
    expect(text('confidentiality')).toContain('Aggregate statistics only');
    expect(text('security')).toContain('password-protected on the cloud server');
    expect(text('inspection')).toContain('a signed letter is not required');
  });
});

describe('completeness: every stored field is described, and nothing else', () => {
  it('names every field of the data map, in both languages, as JSON and on the page', async () => {
    for (const language of ['fi', 'en'] as const) {
      const document = await json(language);
      const described = new Set(document.contents.flatMap((c) => c.types.flatMap((t) => t.fields.map((f) => `${t.type}.${f.name}`))));
      const { body } = await page(`/privacy?lang=${language}`);
      for (const [typeName, type] of Object.entries(map)) {
        for (const [field, classified] of Object.entries(type.fields)) {
          expect(described.has(`${typeName}.${field}`), `${typeName}.${field} in ${language}`).toBe(true);
          expect(body, `${typeName}.${field} label on the ${language} page`).toContain(escapeHtml(classified.label[language]));
        }
      }
      for (const entry of document.contents) expect(body).toContain(escapeHtml(DATA_CATEGORY_LABELS[entry.category][language]));
    }
  });

  it('names no field that does not exist in the data map and in the GraphQL schema', async () => {
    const schema = await buildBaseSchema();
    for (const language of ['fi', 'en'] as const) {
      const document = await json(language);
      for (const entry of document.contents) {
        for (const type of entry.types) {
          const graphqlType = schema.getType(type.type);
          expect(isObjectType(graphqlType), type.type).toBe(true);
          for (const field of type.fields) {
            expect(classification(type.type)?.fields[field.name], `${type.type}.${field.name}`).toBeDefined();
            expect(isObjectType(graphqlType) && graphqlType.getFields()[field.name], `${type.type}.${field.name} in the schema`).toBeTruthy();
          }
        }
      }
    }
  });

  it('covers every stored column of every table that holds customer data (MikroORM metadata)', async () => {
    const document = await json('en');
    const described = new Set(document.contents.flatMap((c) => c.types.flatMap((t) => t.fields.map((f) => `${t.type}.${f.name}`))));
    const missing: string[] = [];
    const unclassifiedTables: string[] = [];
    const all = app.orm.getMetadata().getAll() as unknown;
    const metas = (all instanceof Map ? [...all.values()] : Object.values(all as object)) as EntityMetadata[];
    const checked: string[] = [];
    for (const meta of metas) {
      if (meta.embeddable || meta.virtual || !meta.tableName) continue;
      const typeName = meta.className in map ? meta.className : DESCRIBED_THROUGH[meta.className];
      const holdsCustomerData = Object.values(meta.properties).some(
        (prop) => ['Customer', 'ContactPerson'].includes(String(prop.type)) || (prop.fieldNames ?? []).some((c) => c === 'customer_id' || c === 'subject_id'),
      );
      const inSection = DESCRIBED_IN_SECTION[meta.className];
      if (inSection) {
        const section = document.sections.find((s) => s.key === inSection.section)!;
        expect(section.paragraphs.join(' '), meta.className).toMatch(inSection.text);
        continue;
      }
      if (!typeName) {
        if (holdsCustomerData) unclassifiedTables.push(`${meta.className} (${meta.tableName})`);
        continue;
      }
      const type = map[typeName]!;
      checked.push(meta.className);
      const storage = new Set(Object.entries(type.fields).flatMap(([name, field]) => [name, ...(field.storage ?? [])]));
      for (const prop of Object.values(meta.properties)) {
        if (prop.persist === false || prop.kind === '1:m' || prop.kind === 'm:n') continue;
        const columns = prop.fieldNames ?? [];
        if (columns.length === 0) continue;
        const presented = PRESENTED_AS[meta.className]?.[prop.name];
        if (presented) {
          for (const field of presented) if (!described.has(`${typeName}.${field}`)) missing.push(`${meta.className}.${prop.name} as ${typeName}.${field}`);
          continue;
        }
        const candidates = [prop.name, `${prop.name}Id`, ...columns, ...columns.map((c) => c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase()))];
        const covering = candidates.find((candidate) => storage.has(candidate) || storage.has(candidate.replace(/Ciphertext|KeyId|BlindIndex$/, '')));
        const field = covering && (type.fields[covering] ? covering : Object.keys(type.fields).find((f) => f === covering || type.fields[f]!.storage?.includes(covering)) ?? covering.replace(/Ciphertext|KeyId|BlindIndex$/, ''));
        if (!field || !described.has(`${typeName}.${field}`)) missing.push(`${meta.className}.${prop.name} (${columns.join(', ')})`);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['Customer', 'ContactPerson', 'Invoice', 'Disclosure', 'CustomerMarketingState']));
    expect(missing, 'stored columns the registry description does not name').toEqual([]);
    expect(unclassifiedTables, 'tables with customer data that neither the data map nor the description covers').toEqual([]);
  });
});

describe('the Art. 30 record of processing', () => {
  const RECORD = `query($language: DocumentLanguage) { recordOfProcessing(language: $language) { kind language title sections { number key title paragraphs lists { heading items } } } }`;

  it('is for the dpo and admins, and names every category and field of the data map', async () => {
    for (const role of ['dpo', 'admin']) {
      const client = await app.as(role);
      for (const language of ['fi', 'en'] as const) {
        const result = await client.gql<{ recordOfProcessing: PrivacyDocument }>(RECORD, { language });
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        const record = result.data!.recordOfProcessing;
        expect(record.kind).toBe('record-of-processing');
        expect(record.sections.map((s) => s.key)).toEqual(['controller', 'purposes', 'subjects', 'categories', 'recipients', 'transfers', 'erasure', 'security']);
        const categories = record.sections.find((s) => s.key === 'categories')!.lists.flatMap((l) => l.items).join('\n');
        for (const type of Object.values(map)) {
          for (const field of Object.values(type.fields)) expect(categories).toContain(field.label[language]);
        }
        const transfers = record.sections.find((s) => s.key === 'transfers')!.paragraphs.join(' ');
        expect(transfers).toMatch(language === 'fi' ? /Ei siirtoja/ : /No transfers/);
      }
    }
    for (const role of ['service', 'sales', 'billing', 'marketing', 'analyst']) {
      onlyError(await (await app.as(role)).gql(RECORD, { language: 'fi' }), 'FORBIDDEN');
    }
    onlyError(await app.anonymous().gql(RECORD, { language: 'fi' }), 'UNAUTHENTICATED');
  });
});
