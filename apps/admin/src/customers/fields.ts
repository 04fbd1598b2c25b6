/** Which customer fields each screen shows, in order; each is shown only where readable. */
export const SHOW_SECTIONS = {
  identity: ['id', 'name', 'kind', 'status', 'dateOfBirth', 'businessId'],
  contact: ['email', 'phone', 'streetAddress', 'postalCode', 'city', 'country'],
  provenance: ['sourceType', 'sourcePartner', 'collectedAt'],
  lifecycle: ['relationshipEndedAt', 'createdAt', 'updatedAt'],
} as const;

/** Columns of the list (no identity numbers or dates of birth: a list needs none). */
export const LIST_COLUMNS = ['name', 'kind', 'status', 'email', 'phone', 'postalCode', 'city', 'businessId', 'updatedAt'];

export const SORTABLE = new Set(['name', 'createdAt', 'updatedAt', 'status', 'kind', 'city', 'postalCode']);

/** The list's first page: by name, 25 rows (the list and the early request of boot.ts). */
export const LIST_SORT = { field: 'name', order: 'ASC' } as const;
export const LIST_PER_PAGE = 25;
