import {
  RetentionDryRunDocument,
  RetentionRunListDocument,
  type RetentionDryRunQuery,
  type RetentionRunFieldsFragment,
} from '@register/schema';
import { toHttpError } from '../dataProvider';
import { graphqlClient } from '../graphqlClient';

export type RetentionRun = RetentionRunFieldsFragment;
export type RetentionReport = RetentionDryRunQuery['retentionDryRun'];

async function call<T>(run: () => Promise<{ data?: T | null }>): Promise<T> {
  try {
    const { data } = await run();
    if (!data) throw new Error('The register gave no answer.');
    return data;
  } catch (error) {
    throw toHttpError(error);
  }
}

export async function retentionDryRun(asOf?: string): Promise<RetentionReport> {
  const data = await call(() => graphqlClient.query({ query: RetentionDryRunDocument, variables: { asOf: asOf || null }, fetchPolicy: 'no-cache' }));
  return data.retentionDryRun;
}

export async function retentionRuns(page: number, perPage: number) {
  return call(() =>
    graphqlClient.query({
      query: RetentionRunListDocument,
      variables: { page, perPage, sortField: 'startedAt', sortOrder: 'DESC' },
      fetchPolicy: 'no-cache',
    }),
  );
}
