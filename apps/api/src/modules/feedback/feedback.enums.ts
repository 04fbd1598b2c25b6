import { registerEnumType } from 'type-graphql';

export enum FeedbackKind {
  SURVEY_ANSWER = 'SURVEY_ANSWER',
  FREE_FEEDBACK = 'FREE_FEEDBACK',
  COMPLAINT = 'COMPLAINT',
}

registerEnumType(FeedbackKind, {
  name: 'FeedbackKind',
  description: 'A customer survey answer, free feedback, or a complaint',
});
