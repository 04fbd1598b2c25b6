import { HttpError } from 'react-admin';

/** Error codes the API puts in `extensions.code`, and the HTTP status react-admin knows them by. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
};

export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | undefined;
}

export interface ApiErrorBody {
  code: string;
  /** Field errors for react-admin's server-side validation: `{ phone: 'must be …' }`. */
  errors?: Record<string, unknown>;
}

interface Problem {
  field: string;
  message: string;
}

function graphQLErrorsOf(error: unknown): GraphQLErrorLike[] {
  const candidates = [error, (error as { body?: unknown } | null)?.body];
  for (const candidate of candidates) {
    const list = (candidate as { graphQLErrors?: unknown } | null)?.graphQLErrors;
    if (Array.isArray(list) && list.length > 0) return list as GraphQLErrorLike[];
  }
  return [];
}

/** "phone: must be a phone number…" → "must be a phone number…" (the field shows its own label). */
function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function problemsOf(error: GraphQLErrorLike): Problem[] {
  const extensions = error.extensions ?? {};
  const listed = extensions.problems;
  if (Array.isArray(listed)) {
    return listed.filter(
      (problem): problem is Problem =>
        typeof problem?.field === 'string' && typeof problem?.message === 'string',
    );
  }
  if (typeof extensions.field === 'string') {
    return [{ field: extensions.field, message: withoutFieldPrefix(error.message, extensions.field) }];
  }
  return [];
}

/**
 * Turns what ra-data-graphql or Apollo reject with into react-admin's HttpError: the status says
 * what kind of failure it is (401 signs out, 403 does not), and input errors carry
 * `body.errors` keyed by field, which react-admin shows on the inputs of that name
 * (server-side validation, pessimistic forms).
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError && (error.body as ApiErrorBody | undefined)?.code) return error;
  const graphQLErrors = graphQLErrorsOf(error);
  const first = graphQLErrors[0];
  if (!first) {
    const status = (error as { status?: number } | null)?.status;
    const message = error instanceof Error ? error.message : String(error);
    return new HttpError(message || 'ra.notification.http_error', status && status !== 200 ? status : 500, {
      code: 'NETWORK_ERROR',
    } satisfies ApiErrorBody);
  }
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
  const status = STATUS_BY_CODE[code] ?? 500;
  const body: ApiErrorBody = { code };
  if (code === 'BAD_USER_INPUT') {
    const problems = graphQLErrors.flatMap(problemsOf);
    if (problems.length > 0) {
      const errors: Record<string, unknown> = {};
      for (const problem of problems) errors[problem.field] ??= problem.message;
      errors.root = { serverError: first.message };
      body.errors = errors;
    }
  }
  return new HttpError(first.message, status, body);
}

export function errorCode(error: unknown): string | undefined {
  return ((error as { body?: ApiErrorBody } | null)?.body)?.code;
}
