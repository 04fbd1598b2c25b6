import { ArgsType, Field, Int } from 'type-graphql';
import { badInput } from '../common/errors.js';

export const MAX_PER_PAGE = 500;

/** Paging and sorting arguments of every `allX` / `_allXMeta` query (ra-data-graphql-simple). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page number, from 0' })
  page?: number;

  @Field(() => Int, { nullable: true, description: `Rows per page (1–${MAX_PER_PAGE}, default 25)` })
  perPage?: number;

  @Field(() => String, { nullable: true })
  sortField?: string;

  @Field(() => String, { nullable: true, description: 'ASC or DESC' })
  sortOrder?: string;
}

export interface ListOptions {
  limit: number;
  offset: number;
  orderBy: Record<string, 'asc' | 'desc'>;
}

/**
 * Checks paging and sorting and turns them into find options, with a unique tie-breaker so that
 * pages never overlap. Bad values are refused with the field named, never silently clamped.
 */
export function listOptions(
  args: PageArgs,
  sortable: readonly string[],
  defaults: { sortField: string; sortOrder?: 'ASC' | 'DESC'; tieBreaker?: string; perPage?: number },
): ListOptions {
  const page = args.page ?? 0;
  const perPage = args.perPage ?? defaults.perPage ?? 25;
  if (!Number.isInteger(page) || page < 0) throw badInput('page', 'must be 0 or more (pages count from 0)');
  if (perPage < 1 || perPage > MAX_PER_PAGE) throw badInput('perPage', `must be between 1 and ${MAX_PER_PAGE}`);
  const sortField = args.sortField ?? defaults.sortField;
  if (!sortable.includes(sortField)) {
    throw badInput('sortField', `cannot sort by "${sortField}"; use one of ${sortable.join(', ')}`);
  }
  const sortOrder = (args.sortOrder ?? defaults.sortOrder ?? 'ASC').toUpperCase();
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC') throw badInput('sortOrder', 'must be ASC or DESC');
  const direction = sortOrder === 'ASC' ? 'asc' : 'desc';
  const tieBreaker = defaults.tieBreaker ?? 'id';
  const orderBy: Record<string, 'asc' | 'desc'> = { [sortField]: direction };
  if (sortField !== tieBreaker) orderBy[tieBreaker] = direction;
  return { limit: perPage, offset: page * perPage, orderBy };
}
