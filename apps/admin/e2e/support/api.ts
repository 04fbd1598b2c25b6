/**
 * The register's GraphQL API as one of the demo staff users, for setting up what a browser test
 * needs (the demo seed holds customers and the catalogue only): each record is made by the role
 * that makes it in real life, through the same operations the admin app uses.
 */
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './server';

export interface ApiSession {
  /** Runs an operation; fails the test on any GraphQL error. */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export async function apiAs(baseUrl: string, username: string): Promise<ApiSession> {
  const post = (body: unknown, cookie?: string) =>
    fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const login = await post({
    query: 'mutation ($username: String!, $password: String!) { login(username: $username, password: $password) { id } }',
    variables: { username, password: DEMO_PASSWORD },
  });
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  expect(cookie, `signing in as ${username}`).not.toBe('');
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}) {
      const response = await post({ query, variables }, cookie);
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length) throw new Error(`${username}: ${body.errors.map((error) => error.message).join('; ')}`);
      return body.data as T;
    },
  };
}

/** Letters only (names are searched from three characters on), different on every run. */
export function uniqueWord(prefix: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let word = '';
  for (let index = 0; index < 6; index += 1) word += letters[Math.floor(Math.random() * letters.length)];
  return `${prefix}${word}`;
}

export interface NewCustomer {
  id: string;
  name: string;
}

/** A private customer entered by customer service, with e-mail, phone and postal address. */
export async function createPrivateCustomer(service: ApiSession, name: string): Promise<NewCustomer> {
  const digits = String(1_000_000 + Math.floor(Math.random() * 8_999_999));
  const { createCustomer } = await service.request<{ createCustomer: NewCustomer }>(
    `mutation ($name: String, $email: String, $phone: String) {
      createCustomer(kind: PRIVATE, name: $name, email: $email, phone: $phone,
        streetAddress: "Testikatu 1", postalCode: "00100", city: "HELSINKI", country: "FI") { id name }
    }`,
    { name, email: `${name.toLowerCase().replace(/[^a-z]/g, '.')}@example.fi`, phone: `+35840${digits}` },
  );
  return createCustomer;
}

export const MARKETING_CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'POST'] as const;
export type Channel = (typeof MARKETING_CHANNELS)[number];

/** Appends a permit or a prohibition to the ledger, as the given role. */
export async function recordDecision(
  session: ApiSession,
  customerId: string,
  channel: Channel,
  decision: 'PERMIT' | 'PROHIBIT',
): Promise<void> {
  await session.request(
    `mutation ($customerId: ID!, $channel: MarketingChannel!, $decision: MarketingDecision!) {
      recordMarketingDecision(customerId: $customerId, channel: $channel, decision: $decision,
        source: PHONE_CALL, evidence: "Browser test: the customer said so on the phone.") { id }
    }`,
    { customerId, channel, decision },
  );
}
