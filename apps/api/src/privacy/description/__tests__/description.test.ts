import { dataMap, type DataMap } from '@register/schema';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { contentsOf, recordOfProcessing, registryDescription } from '../description.document.js';
import { escapeHtml, renderDocumentHtml } from '../description.html.js';
import { pickLanguage } from '../description.routes.js';

const env = {
  NODE_ENV: 'test',
  DATABASE_URL: 'postgres://unused/unused',
  PIN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  PIN_ENCRYPTION_KEY_ID: 'unit',
  BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
  SESSION_SECRET: 'x'.repeat(40),
};
const facts = { processors: [{ partner: 'Posti <Oy>', scopes: ['delivery' as const] }], sourcePartners: ['Kumppani & co'] };

describe('the controller profile', () => {
  it("defaults to Lesec Oy's published details and is overridable", () => {
    expect(loadConfig(env).controller).toMatchObject({ name: 'Lesec Oy', streetAddress: 'Ristipellontie 17', postalCode: '00390', city: 'Helsinki' });
    const custom = loadConfig({ ...env, CONTROLLER_NAME: 'Toinen Oy', PRIVACY_CONTACT_EMAIL: 'dpo@toinen.example' }).controller;
    expect(custom).toMatchObject({ name: 'Toinen Oy', privacyContactEmail: 'dpo@toinen.example' });
  });

  it('refuses bad values with the variable named', () => {
    expect(() => loadConfig({ ...env, CONTROLLER_EMAIL: 'not an address' })).toThrow(/CONTROLLER_EMAIL: must be an e-mail address/);
    expect(() => loadConfig({ ...env, CONTROLLER_BUSINESS_ID: '123' })).toThrow(/CONTROLLER_BUSINESS_ID/);
  });
});

describe('the documents', () => {
  const controller = loadConfig(env).controller;

  it('put every field of the data map under its category, once', () => {
    for (const language of ['fi', 'en'] as const) {
      const named = contentsOf(language).flatMap((entry) => entry.types.flatMap((type) => type.fields.map((field) => `${type.type}.${field.name}`)));
      const all = Object.entries(dataMap as DataMap).flatMap(([type, c]) => Object.keys(c.fields).map((field) => `${type}.${field}`));
      expect(named.sort()).toEqual(all.sort());
    }
  });

  it('follow the map: a field added to it appears, a field removed disappears', () => {
    const map: DataMap = {
      Thing: {
        label: { en: 'Thing', fi: 'Esine' },
        subject: 'id',
        fields: {
          id: { ...(dataMap as DataMap).Customer!.fields.id!, label: { en: 'Thing number', fi: 'Esineen numero' } },
          colour: { ...(dataMap as DataMap).Customer!.fields.email!, label: { en: 'Favourite colour', fi: 'Lempiväri' } },
        },
      },
    };
    const text = JSON.stringify(registryDescription('en', { controller, facts, map }));
    expect(text).toContain('Favourite colour');
    expect(text).not.toContain('E-mail address');
  });

  it('name partners as processors and the authorities of the disclosure bases', () => {
    const record = recordOfProcessing('fi', { controller, facts });
    const recipients = record.sections.find((s) => s.key === 'recipients')!.lists;
    expect(recipients[0]!.items[0]).toContain('Posti <Oy>');
    expect(recipients[1]!.items.join('\n')).toContain('Poliisi');
  });

  it('render as escaped HTML', () => {
    const html = renderDocumentHtml(registryDescription('en', { controller: { ...controller, name: '<b>Evil</b> & Co' }, facts }));
    expect(html).toContain('&lt;b&gt;Evil&lt;/b&gt; &amp; Co');
    expect(html).toContain('Posti &lt;Oy&gt;');
    expect(html).toContain('Kumppani &amp; co');
    expect(html).not.toMatch(/<b>|<script/);
    expect(escapeHtml('"\'')).toBe('&quot;&#39;');
  });
});

describe('the language of the public page', () => {
  it('is ?lang first, then Accept-Language by quality, then Finnish', () => {
    expect(pickLanguage('en', 'fi')).toBe('en');
    expect(pickLanguage(undefined, 'de-DE, en;q=0.7, fi;q=0.6')).toBe('en');
    expect(pickLanguage(undefined, 'fi;q=0.9, en;q=0.8')).toBe('fi');
    expect(pickLanguage(undefined, 'de')).toBe('fi');
    expect(pickLanguage(undefined, undefined)).toBe('fi');
    expect(pickLanguage(undefined, 'en;q=0')).toBe('fi');
    expect(pickLanguage('sv', undefined)).toEqual({ error: expect.stringMatching(/^lang: use one of fi, en/) });
    expect(pickLanguage(['en', 'fi'], undefined)).toEqual({ error: expect.any(String) });
  });
});
