import type { InputProblems } from '../../common/errors.js';
import { boundedText } from '../contact-person/contact-person.validation.js';
import { FeedbackKind } from './feedback.enums.js';
import type { Feedback } from './feedback.entity.js';
import type { FeedbackFieldsArgs } from './feedback.input.js';

export const MAX_TEXT = 4000;

/** Checks each given field; returns the values to set (undefined = unchanged). */
export function feedbackFields(problems: InputProblems, args: FeedbackFieldsArgs, now = new Date()) {
  if (args.kind === null) problems.add('kind', 'cannot be empty: SURVEY_ANSWER, FREE_FEEDBACK or COMPLAINT');
  let score: number | null | undefined = args.score;
  if (score !== undefined && score !== null && (score < 0 || score > 10)) {
    problems.add('score', `must be a whole number from 0 to 10 (got ${score})`);
    score = undefined;
  }
  if (args.givenAt === null) problems.add('givenAt', 'cannot be empty: when the feedback was given');
  if (args.givenAt && args.givenAt > now) problems.add('givenAt', 'cannot be in the future');
  return {
    kind: args.kind ?? undefined,
    surveyName: boundedText(problems, 'surveyName', args.surveyName, 200),
    question: boundedText(problems, 'question', args.question, 500),
    score,
    text: boundedText(problems, 'text', args.text, MAX_TEXT, { multiline: true }),
    givenAt: args.givenAt ?? undefined,
    consent: boundedText(problems, 'consent', args.consent, 500, { required: true }) ?? undefined,
  };
}

type Values = Partial<Pick<Feedback, 'kind' | 'surveyName' | 'question' | 'score' | 'text'>>;

/** What each kind needs, checked on the record as it will be. */
export function checkKind(problems: InputProblems, values: Values, current: Values) {
  const value = <K extends keyof Values>(field: K) => (values[field] !== undefined ? values[field] : current[field]);
  const kind = value('kind');
  if (!kind) return; // reported as required by the caller
  if (kind === FeedbackKind.SURVEY_ANSWER) {
    if (!value('surveyName')) problems.add('surveyName', 'is required for a survey answer: the survey it answers');
    if ((value('score') ?? null) === null && !value('text')) {
      problems.add('score', 'a survey answer needs a score (0–10) or a text answer');
    }
    return;
  }
  const what = kind === FeedbackKind.COMPLAINT ? 'a complaint' : 'free feedback';
  if (!value('text')) problems.add('text', `is required for ${what}: the customer's own words`);
  for (const field of ['surveyName', 'question', 'score'] as const) {
    const given = value(field);
    if (given !== undefined && given !== null) {
      problems.add(field, `is only for survey answers (kind SURVEY_ANSWER); clear it for ${what}`);
    }
  }
}
