import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../index.js';

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceFiles = readdirSync(srcDir).filter((name) => name.endsWith('.ts'));

describe('package', () => {
  it('has kebab-case source file names', () => {
    expect(sourceFiles.length).toBeGreaterThan(5);
    for (const name of sourceFiles) {
      expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.ts$/);
    }
  });

  it('uses nothing that would not run in a browser and has no runtime dependencies', () => {
    for (const name of sourceFiles) {
      const text = readFileSync(join(srcDir, name), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      for (const specifier of imports) {
        expect(specifier, `${name} imports ${specifier}`).toMatch(/^\.\/[a-z0-9-]+\.js$/);
      }
      expect(text, name).not.toMatch(/\b(process|Buffer|require|__dirname)\b|console\./);
    }
  });

  it('exports the documented functions', () => {
    const functions = [
      'parsePersonalIdentityNumber',
      'isValidPersonalIdentityNumber',
      'maskPersonalIdentityNumber',
      'personalIdentityNumberCheckCharacter',
      'formatPersonalIdentityNumber',
      'parseBusinessId',
      'isValidBusinessId',
      'businessIdCheckDigit',
      'formatBusinessId',
      'parseIccid',
      'isValidIccid',
      'iccidCheckDigit',
      'parseInvoiceReference',
      'isValidInvoiceReference',
      'invoiceReferenceCheckDigit',
      'createInvoiceReference',
      'formatInvoiceReference',
      'parseRfReference',
      'isValidRfReference',
      'createRfReference',
      'formatRfReference',
      'parseAnyInvoiceReference',
      'isValidAnyInvoiceReference',
      'parseOvt',
      'isValidOvt',
      'ovtFromBusinessId',
      'parseEInvoiceAddress',
      'isValidEInvoiceAddress',
      'parsePostalCode',
      'isValidPostalCode',
    ].sort();
    const exported = Object.entries(api)
      .filter(([, value]) => typeof value === 'function')
      .map(([key]) => key)
      .sort();
    expect(exported).toEqual(functions);
  });
});
