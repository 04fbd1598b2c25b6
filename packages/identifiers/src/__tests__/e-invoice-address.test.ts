import { describe, expect, it } from 'vitest';
import { isValidEInvoiceAddress, parseEInvoiceAddress } from '../index.js';

describe('parseEInvoiceAddress: valid addresses', () => {
  it.each([
    ['003715728600', '003723327487', 'ovt', '1572860-0', 'ovt'],
    ['003715728600001', 'E204503', 'ovt', '1572860-0', 'code'],
    ['003707375462', 'HELSFIHH', 'ovt', '0737546-2', 'bic'],
    ['003707375462', 'OKOYFIHHXXX', 'ovt', '0737546-2', 'bic'],
    ['003723327487', 'INEXCHANGE', 'ovt', '2332748-7', 'code'],
    ['FI4950009420028730', 'OKOYFIHH', 'iban', undefined, 'bic'],
    ['SE4550000000058398257466', 'ESSESESS', 'iban', undefined, 'bic'],
    ['GB29NWBK60161331926819', 'NWBKGB2L', 'iban', undefined, 'bic'],
  ] as const)('%s via %s', (address, operatorId, addressKind, businessId, operatorIdKind) => {
    const result = parseEInvoiceAddress({ address, operatorId });
    expect(result).toEqual({
      ok: true,
      value: {
        address,
        addressKind,
        operatorId,
        operatorIdKind,
        ...(businessId === undefined ? {} : { businessId }),
      },
    });
    if (result.ok && addressKind === 'iban') {
      expect('businessId' in result.value).toBe(false);
    }
    expect(isValidEInvoiceAddress({ address, operatorId })).toBe(true);
  });
});

describe('parseEInvoiceAddress: invalid input names the field', () => {
  const ovt = '003715728600';
  const operator = 'HELSFIHH';
  const addressChoice = 'must be an OVT code like 003715728600 or an IBAN like FI4950009420028730';
  it.each([
    // [address, operatorId, field, code, error]
    ['', operator, 'address', 'required', 'e-invoice address: is empty'],
    [
      ` ${ovt}`,
      operator,
      'address',
      'whitespace',
      'e-invoice address: remove the space at the start',
    ],
    ['fi4950009420028730', operator, 'address', 'case', 'e-invoice address: use capital letters'],
    [
      'FI49 5000 9420 0287 30',
      operator,
      'address',
      'format',
      'e-invoice address: write it without spaces',
    ],
    ['HELLO', operator, 'address', 'format', `e-invoice address: ${addressChoice}`],
    [
      'FI4950009420028731',
      operator,
      'address',
      'checksum',
      'e-invoice address: the IBAN check digits do not match: check the number',
    ],
    [
      'FI495000942002873',
      operator,
      'address',
      'length',
      'e-invoice address: an IBAN must have 18 characters (got 17)',
    ],
    [
      'SE45500000000583982',
      operator,
      'address',
      'checksum',
      'e-invoice address: the IBAN check digits do not match: check the number',
    ],
    [
      '003715728601',
      operator,
      'address',
      'checksum',
      'e-invoice address: the business ID in it (1572860-1) is not valid: check digit should be 0',
    ],
    ['12345678', operator, 'address', 'prefix', 'e-invoice address: must start with 0037'],
    [ovt, '', 'operatorId', 'required', 'operator ID: is empty'],
    [ovt, 'HELSFIHH ', 'operatorId', 'whitespace', 'operator ID: remove the space at the end'],
    [ovt, 'helsfihh', 'operatorId', 'case', 'operator ID: use capital letters'],
    [
      ovt,
      'HELS-FIHH',
      'operatorId',
      'format',
      'operator ID: use only digits and capital letters, without spaces, like 003723327487 or HELSFIHH',
    ],
    [
      ovt,
      'ABC',
      'operatorId',
      'length',
      'operator ID: must be an OVT code like 003723327487, a BIC like HELSFIHH or an operator code of 5–20 characters (got 3)',
    ],
    [
      ovt,
      'A'.repeat(21),
      'operatorId',
      'length',
      'operator ID: must be an OVT code like 003723327487, a BIC like HELSFIHH or an operator code of 5–20 characters (got 21)',
    ],
    [
      ovt,
      '003723327488',
      'operatorId',
      'checksum',
      'operator ID: the business ID in it (2332748-8) is not valid: check digit should be 7',
    ],
    [ovt, '12345', 'operatorId', 'prefix', 'operator ID: must start with 0037'],
    // Both wrong: the address is reported first.
    ['HELLO', 'ABC', 'address', 'format', `e-invoice address: ${addressChoice}`],
  ])('%j / %j → %s %s', (address, operatorId, field, code, error) => {
    expect(parseEInvoiceAddress({ address, operatorId })).toEqual({
      ok: false,
      field,
      code,
      error,
    });
    expect(isValidEInvoiceAddress({ address, operatorId })).toBe(false);
  });
});
