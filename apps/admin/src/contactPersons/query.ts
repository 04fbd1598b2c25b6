import {
  ContactPersonListDocument,
  ContactPersonOneDocument,
  CreateContactPersonDocument,
  DeleteContactPersonDocument,
  UpdateContactPersonDocument,
} from '@register/schema';
import { searchValue, type ResourceQuery } from '../dataProvider/resourceQuery';

export const contactPersonQuery: ResourceQuery = {
  typeName: 'ContactPerson',
  documents: {
    list: ContactPersonListDocument,
    one: ContactPersonOneDocument,
    create: CreateContactPersonDocument,
    update: UpdateContactPersonDocument,
    delete: DeleteContactPersonDocument,
  },
  sortFields: ['name', 'createdAt', 'updatedAt', 'city', 'position'],
  defaultSort: { field: 'name', order: 'ASC' },
  filters: { customerId: ['customerId'], q: ['name', 'email', 'phone'], ids: ['id'] },
  filterValues: { q: searchValue },
};
