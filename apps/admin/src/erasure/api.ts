import {
  EraseDataSubjectDocument,
  ErasurePlanDocument,
  type EraseDataSubjectMutation,
  type ErasurePlanQuery,
} from '@register/schema';
import { toHttpError } from '../dataProvider';
import { graphqlClient } from '../graphqlClient';

export type ErasurePlan = ErasurePlanQuery['erasurePlan'];
export type ErasureResult = EraseDataSubjectMutation['eraseDataSubject'];
export interface ErasureSubject {
  customerId?: string;
  contactPersonId?: string;
}

async function call<T>(run: () => Promise<{ data?: T | null }>): Promise<T> {
  try {
    const { data } = await run();
    if (!data) throw new Error('The register gave no answer.');
    return data;
  } catch (error) {
    throw toHttpError(error);
  }
}

/** The plan, computed now (never cached: it must describe the data as it is). */
export async function erasurePlan(subject: ErasureSubject): Promise<ErasurePlan> {
  const data = await call(() => graphqlClient.query({ query: ErasurePlanDocument, variables: subject, fetchPolicy: 'no-cache' }));
  return data.erasurePlan;
}

/** Executes the plan whose fingerprint the dpo reviewed; the API refuses a plan that went stale. */
export async function eraseDataSubject(subject: ErasureSubject, confirm: string, requestId?: string): Promise<ErasureResult> {
  const data = await call(() =>
    graphqlClient.mutate({
      mutation: EraseDataSubjectDocument,
      variables: { ...subject, confirm, requestId: requestId || null },
      fetchPolicy: 'no-cache',
    }),
  );
  return data.eraseDataSubject;
}
