import {
  CreateFeedbackDocument,
  DeleteFeedbackDocument,
  FeedbackListDocument,
  FeedbackOneDocument,
  UpdateFeedbackDocument,
} from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

export const feedbackQuery: ResourceQuery = {
  typeName: 'Feedback',
  documents: {
    list: FeedbackListDocument,
    one: FeedbackOneDocument,
    create: CreateFeedbackDocument,
    update: UpdateFeedbackDocument,
    delete: DeleteFeedbackDocument,
  },
  sortFields: ['givenAt', 'kind', 'score', 'createdAt'],
  defaultSort: { field: 'givenAt', order: 'DESC' },
  filters: { customerId: ['customerId'], kind: ['kind'], ids: ['id'] },
};
