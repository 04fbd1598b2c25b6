import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client/core';

/**
 * One client for the session and the data provider. Same-origin POSTs with JSON bodies (the API's
 * CSRF prevention refuses anything else); the httpOnly session cookie rides along.
 *
 * Nothing is cached: every screen asks the API again, so what a role sees is always what the API
 * allows now, and no personal data lingers in memory after it left the screen.
 */
export const graphqlClient = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
  cache: new InMemoryCache(),
  defaultOptions: {
    query: { fetchPolicy: 'no-cache', errorPolicy: 'none' },
    mutate: { fetchPolicy: 'no-cache', errorPolicy: 'none' },
    watchQuery: { fetchPolicy: 'no-cache' },
  },
});
