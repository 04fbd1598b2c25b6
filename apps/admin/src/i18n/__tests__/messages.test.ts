import { dataMap } from '@register/schema';
import { describe, expect, test } from 'vitest';
import { ENUMS } from '../../common/choices';
import { RESOURCE_NAMES } from '../../resources';
import { en } from '../en';
import { fi } from '../fi';
import { CLASSIFIED_RESOURCES } from '../fieldLabels';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

describe('messages in Finnish and English', () => {
  test('every message of the app exists in both languages', () => {
    // English shows the identifier parsers' own sentences for their codes; Finnish translates them.
    const english = keys(en as unknown as Tree).filter((key) => !key.startsWith('register.validation.'));
    const finnish = keys(fi as unknown as Tree).filter((key) => !key.startsWith('register.validation.'));
    expect(finnish.sort()).toEqual(english.sort());
  });

  test('every value of every enum has a label in both languages', () => {
    for (const messages of [en, fi]) {
      for (const [name, values] of Object.entries(ENUMS)) {
        const labels = (messages.register.enums as Record<string, Record<string, string>>)[name];
        expect(Object.keys(labels ?? {}).sort(), name).toEqual([...values].sort());
      }
    }
  });

  test('every resource has a name, and the field labels of data-map types come from the data map', () => {
    for (const messages of [en, fi]) {
      for (const name of RESOURCE_NAMES) {
        expect((messages.resources as Record<string, { name?: string }>)[name]?.name, name).toBeTruthy();
      }
    }
    expect(en.resources.invoices.fields?.dueDate).toBe(dataMap.Invoice.fields.dueDate?.label.en);
    expect(fi.resources.simCards.fields?.iccid).toBe(dataMap.SimCard.fields.iccid?.label.fi);
    // Amounts are shown in euros, so their labels say so.
    expect(en.resources.invoices.fields?.totalAmountCents).toBe('Total with VAT (€)');
    expect(fi.resources.orders.fields?.valueCents).toBe('Tilauksen arvo (€)');
    expect(Object.keys(CLASSIFIED_RESOURCES).length).toBeGreaterThan(10);
  });
});
