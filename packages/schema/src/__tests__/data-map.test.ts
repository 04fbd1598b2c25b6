import { describe, expect, it } from 'vitest';
import {
  canRead,
  canWrite,
  dataMap,
  DATA_CATEGORIES,
  LEGAL_HOLDS,
  PARTNER_SCOPES,
  PURPOSES,
  readableFields,
  STAFF_ROLES,
  staff,
  partner,
  writableFields,
} from '../index.js';

const everyField = Object.entries(dataMap).flatMap(([typeName, type]) =>
  Object.entries(type.fields).map(([fieldName, field]) => ({ typeName, fieldName, field })),
);

describe('the data map', () => {
  it.each(everyField)('$typeName.$fieldName is fully classified', ({ field }) => {
    expect(field.label.en.trim()).not.toBe('');
    expect(field.label.fi.trim()).not.toBe('');
    expect(DATA_CATEGORIES).toContain(field.category);
    expect(field.purposes.length).toBeGreaterThan(0);
    for (const purpose of field.purposes) expect(Object.keys(PURPOSES)).toContain(purpose);
    for (const role of [...field.read.roles, ...field.write.roles, ...(field.write.onCreate ?? [])]) {
      expect(STAFF_ROLES).toContain(role);
    }
    for (const scope of [...(field.read.scopes ?? []), ...(field.write.scopes ?? [])]) {
      expect(PARTNER_SCOPES).toContain(scope);
    }
    if (field.erasure.strategy === 'hold') expect(Object.keys(LEGAL_HOLDS)).toContain(field.erasure.hold);
  });

  it('names the data subject of every type by one of its fields', () => {
    for (const type of Object.values(dataMap)) expect(Object.keys(type.fields)).toContain(type.subject);
  });

  it('denies what it does not classify, to everyone', () => {
    for (const role of STAFF_ROLES) {
      expect(canRead(staff(role), 'Customer', 'notAField')).toBe(false);
      expect(canRead(staff(role), 'NoSuchType', 'id')).toBe(false);
      expect(canWrite(staff(role), 'Customer', 'notAField', 'create')).toBe(false);
    }
    expect(canRead({ kind: 'anonymous' }, 'Customer', 'name')).toBe(false);
  });

  it('applies the union of a user’s roles', () => {
    const both = staff('marketing', 'billing');
    expect(canRead(both, 'Customer', 'personalIdentityNumber')).toBe(true);
    expect(canRead(staff('marketing'), 'Customer', 'personalIdentityNumber')).toBe(false);
    expect(readableFields(both, 'Customer').length).toBeGreaterThan(readableFields(staff('marketing'), 'Customer').length);
  });

  it('lets service write the identity number on entry only', () => {
    expect(canWrite(staff('service'), 'Customer', 'personalIdentityNumber', 'create')).toBe(true);
    expect(canWrite(staff('service'), 'Customer', 'personalIdentityNumber', 'update')).toBe(false);
    expect(writableFields(staff('billing'), 'Customer', 'update')).toContain('personalIdentityNumber');
  });

  it('gives partners only what their scopes name', () => {
    expect(readableFields(partner('delivery'), 'Customer')).toEqual([]);
  });
});
