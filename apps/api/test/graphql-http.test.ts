/**
 * The GraphQL endpoint over HTTP: what the Express integration (patched, patches/) hands to Apollo,
 * and what every response carries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ customers: 1 });
});
afterAll(() => app?.close());

describe('the GraphQL endpoint', () => {
  it('takes a query from the query string of a GET (the search the integration passes on)', async () => {
    const query = encodeURIComponent('query Hello { __typename }');
    const response = await fetch(`${app.url}/graphql?query=${query}&operationName=Hello`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    // Without a query string there is nothing to run: Apollo's own answer, not a crash.
    const empty = await fetch(`${app.url}/graphql`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(empty.status).toBe(400);
  });

  it('sends no ETag: responses hold personal data and are never cached', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
