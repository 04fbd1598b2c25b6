/** The staff list follows schema.graphql through the typed operations of @register/schema. */
export { StaffUserListDocument, type StaffUserFieldsFragment as StaffUserRow } from '@register/schema';

export const STAFF_USER_SORT_FIELDS = ['username', 'displayName', 'createdAt'];
