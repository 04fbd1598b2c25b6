import {
  CompleteDataSubjectRequestDocument,
  DataSubjectRequestStatisticsDocument,
  ExtendDataSubjectRequestDocument,
  LiftRestrictionDocument,
  ProcessingRestrictionsDocument,
  RefuseDataSubjectRequestDocument,
  RestrictProcessingDocument,
  UpdateDataSubjectRequestDocument,
  type DataSubjectRequestStatisticsQuery,
  type ProcessingRestrictionsQuery,
} from '@register/schema';
import { toHttpError } from '../dataProvider';
import { graphqlClient } from '../graphqlClient';

export type RequestStatistics = DataSubjectRequestStatisticsQuery['dataSubjectRequestStatistics'];
export type Restriction = ProcessingRestrictionsQuery['processingRestrictions'][number];

async function call<T>(run: () => Promise<{ data?: T | null }>): Promise<T> {
  try {
    const { data } = await run();
    if (!data) throw new Error('The register gave no answer.');
    return data;
  } catch (error) {
    throw toHttpError(error);
  }
}

const mutate = <T>(mutation: Parameters<typeof graphqlClient.mutate>[0]['mutation'], variables: Record<string, unknown>) =>
  call(() => graphqlClient.mutate({ mutation, variables, fetchPolicy: 'no-cache' }) as Promise<{ data?: T | null }>);

export const verifyIdentity = (id: string, identityVerificationMethod: string) =>
  mutate(UpdateDataSubjectRequestDocument, { id, identityVerificationMethod });
export const startHandling = (id: string) => mutate(UpdateDataSubjectRequestDocument, { id, status: 'IN_PROGRESS' });
export const extendRequest = (id: string, newDueDate: string, reason: string) =>
  mutate(ExtendDataSubjectRequestDocument, { id, newDueDate, reason });
export const completeRequest = (id: string, notes: string | null) => mutate(CompleteDataSubjectRequestDocument, { id, notes });
export const refuseRequest = (id: string, reason: string) => mutate(RefuseDataSubjectRequestDocument, { id, reason });
export const restrictProcessing = (requestId: string) => mutate(RestrictProcessingDocument, { requestId });
export const liftRestriction = (requestId: string) => mutate(LiftRestrictionDocument, { requestId });

export async function restrictionsOf(subjectId: string): Promise<Restriction[]> {
  const data = await call(() =>
    graphqlClient.query({ query: ProcessingRestrictionsDocument, variables: { subjectId }, fetchPolicy: 'no-cache' }),
  );
  return data.processingRestrictions;
}

export async function requestStatistics(): Promise<RequestStatistics> {
  const data = await call(() => graphqlClient.query({ query: DataSubjectRequestStatisticsDocument, fetchPolicy: 'no-cache' }));
  return data.dataSubjectRequestStatistics;
}

/** The printable report and the JSON downloads, served by the API for the dpo's session. */
export const reportUrl = (id: string, lang: 'fi' | 'en') => `/privacy/requests/${encodeURIComponent(id)}/report.html?lang=${lang}`;
export const reportJsonUrl = (id: string) => `/privacy/requests/${encodeURIComponent(id)}/report.json`;
export const portabilityUrl = (id: string) => `/privacy/requests/${encodeURIComponent(id)}/portability.json`;
