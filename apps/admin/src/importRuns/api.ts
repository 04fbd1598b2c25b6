import {
  ImportPartnerCustomersDocument,
  ImportRowErrorListDocument,
  ImportRunListDocument,
  ImportRunOneDocument,
  type ImportRunFieldsFragment,
  type ImportRowErrorListQuery,
} from '@register/schema';
import { graphqlClient } from '../graphqlClient';
import { toHttpError } from '../dataProvider';

export type ImportRun = ImportRunFieldsFragment;
export type ImportRowError = ImportRowErrorListQuery['items'][number];

/** The API's limit (apps/api/src/modules/import/import.csv.ts); checked here before uploading. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export const isRunning = (run: Pick<ImportRun, 'status'>) => run.status === 'VALIDATING' || run.status === 'IMPORTING';

async function call<T>(run: () => Promise<{ data?: T | null }>): Promise<T> {
  try {
    const { data } = await run();
    if (!data) throw new Error('The register gave no answer.');
    return data;
  } catch (error) {
    throw toHttpError(error);
  }
}

/** Sent to the API's import path, the one that accepts a file-sized request. */
export async function startImport(input: {
  partnerRegister: string;
  fileName: string;
  csv: string;
  dryRun: boolean;
}): Promise<ImportRun> {
  const data = await call(() =>
    graphqlClient.mutate({ mutation: ImportPartnerCustomersDocument, variables: { input }, context: { uri: '/graphql/import' } }),
  );
  return data.importPartnerCustomers;
}

export async function importRun(id: string): Promise<ImportRun | null> {
  const data = await call(() => graphqlClient.query({ query: ImportRunOneDocument, variables: { id } }));
  return data.ImportRun ?? null;
}

export async function importRuns(page: number, perPage: number) {
  return call(() =>
    graphqlClient.query({ query: ImportRunListDocument, variables: { page, perPage, sortField: 'startedAt', sortOrder: 'DESC' } }),
  );
}

export async function importRowErrors(runId: string, page: number, perPage: number) {
  return call(() => graphqlClient.query({ query: ImportRowErrorListDocument, variables: { runId, page, perPage } }));
}
