import { StaffUserListDocument } from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

/** Staff users, for the `admin` role only (an operation rule); read-only here for now. */
export const staffUserQuery: ResourceQuery = {
  typeName: 'StaffUser',
  documents: { list: StaffUserListDocument },
  sortFields: ['username', 'displayName', 'createdAt'],
  defaultSort: { field: 'username', order: 'ASC' },
  filters: {},
};
