import { GraphQLError } from 'graphql';

/**
 * Errors that reach a user say what was wrong and how to fix it, in the user's terms, with a
 * stable code (BAD_USER_INPUT with the field, FORBIDDEN, NOT_FOUND, …).
 */
export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', field },
  });
}

export function forbidden(message = 'You do not have the rights for this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function unauthenticated(message = 'Sign in first.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} was not found.`, {
    extensions: { code: 'NOT_FOUND', id },
  });
}

export function tooManyRequests(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'TOO_MANY_REQUESTS' } });
}

/** Collects every problem of an input before failing, so the user can fix them all at once. */
export class InputProblems {
  private readonly problems: { field: string; message: string }[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(): void {
    const [first, ...rest] = this.problems;
    if (!first) return;
    const message =
      rest.length === 0
        ? `${first.field}: ${first.message}`
        : this.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new GraphQLError(message, {
      extensions: {
        code: 'BAD_USER_INPUT',
        field: first.field,
        problems: this.problems.map((p) => ({ ...p })),
      },
    });
  }
}
