import { HttpError } from 'react-admin';
import { describe, expect, test } from 'vitest';
import { toHttpError } from '../errors';

const apolloError = (...graphQLErrors: { message: string; extensions?: Record<string, unknown> }[]) =>
  new HttpError('x', 200, { graphQLErrors });

describe('toHttpError', () => {
  test('one bad input becomes a field error without the field prefix', () => {
    const error = toHttpError(
      apolloError({ message: 'phone: must be a phone number', extensions: { code: 'BAD_USER_INPUT', field: 'phone' } }),
    );
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({ code: 'BAD_USER_INPUT', errors: { phone: 'must be a phone number' } });
  });

  test('several problems become several field errors', () => {
    const error = toHttpError(
      apolloError({
        message: 'name: is required; email: must be an e-mail address',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'name',
          problems: [
            { field: 'name', message: 'is required' },
            { field: 'email', message: 'must be an e-mail address' },
          ],
        },
      }),
    );
    expect(error.body.errors).toMatchObject({ name: 'is required', email: 'must be an e-mail address' });
  });

  test('codes become the statuses react-admin acts on', () => {
    const status = (code: string) => toHttpError(apolloError({ message: code, extensions: { code } })).status;
    expect(status('UNAUTHENTICATED')).toBe(401);
    expect(status('FORBIDDEN')).toBe(403);
    expect(status('NOT_FOUND')).toBe(404);
    expect(status('TOO_MANY_REQUESTS')).toBe(429);
    expect(status('INTERNAL_SERVER_ERROR')).toBe(500);
  });

  test('a network failure keeps its HTTP status', () => {
    const error = toHttpError(new HttpError('Failed to fetch', 502));
    expect(error.status).toBe(502);
    expect(error.body).toEqual({ code: 'NETWORK_ERROR' });
  });
});
