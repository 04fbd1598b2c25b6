import { CustomerListDocument, CustomerOneDocument, staff } from '@register/schema';
import { describe, expect, test } from 'vitest';
import { acceptWithheldFields, GraphQLResponseError, withheldFields } from '../fieldErrors';
import { toHttpError } from '../errors';

const withheld = (path: (string | number)[]) => ({
  message: 'You may read this only where the data subject’s current permissions allow it, and here they do not.',
  path,
  extensions: { code: 'FORBIDDEN' },
});

describe('withheld fields (errorPolicy all)', () => {
  const marketing = staff('marketing');
  const data = {
    items: [
      { id: 'a', name: 'A', email: 'a@example.fi', phone: null },
      { id: 'b', name: 'B', email: null, phone: '+358401' },
    ],
    total: { count: 2 },
  };

  test("marketing: a channel the customer has not permitted leaves that field empty, the rest stands", () => {
    const result = acceptWithheldFields(
      { data, errors: [withheld(['items', 0, 'phone']), withheld(['items', 1, 'email'])] },
      CustomerListDocument,
      marketing,
    );
    expect(result.items[0]).toMatchObject({ id: 'a', email: 'a@example.fi', phone: null });
    expect(withheldFields(result.items[0])).toEqual(['phone']);
    expect(withheldFields(result.items[1])).toEqual(['email']);
    // The answer itself is never changed (Apollo may share it).
    expect(withheldFields(data.items[0])).toEqual([]);
  });

  test('a nested record: the current permissions of one customer', () => {
    const one = { data: { id: 'a', marketingPermissions: { customerId: 'a', email: null } } };
    const result = acceptWithheldFields({ data: one, errors: [withheld(['data', 'marketingPermissions', 'email'])] }, CustomerOneDocument, marketing);
    expect(withheldFields(result.data.marketingPermissions)).toEqual(['email']);
  });

  test('the same error on a field whose read has no row condition for the role fails the call', () => {
    // Customer service reads e-mail on every record: a FORBIDDEN there is a real denial.
    expect(() =>
      acceptWithheldFields({ data, errors: [withheld(['items', 1, 'email'])] }, CustomerListDocument, staff('service')),
    ).toThrow(GraphQLResponseError);
  });

  test('operation-level errors fail the call and keep their code', () => {
    const denied = { message: 'You do not have the rights to read or change this.', path: ['items'], extensions: { code: 'FORBIDDEN' } };
    let thrown: unknown;
    try {
      acceptWithheldFields({ data: null, errors: [denied] }, CustomerListDocument, marketing);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLResponseError);
    expect(toHttpError(thrown).status).toBe(403);

    const input = { message: 'filter.q: type at least 3 characters', extensions: { code: 'BAD_USER_INPUT', field: 'filter.q' } };
    expect(() => acceptWithheldFields({ data: null, errors: [input] }, CustomerListDocument, marketing)).toThrow();
  });

  test('no errors: the data as it is', () => {
    expect(acceptWithheldFields({ data }, CustomerListDocument, marketing)).toBe(data);
  });
});
