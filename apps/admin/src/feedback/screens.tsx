import { SelectInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { ResourceCreate, ResourceEdit, ResourceInputs } from '../common/ResourceForm';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { RecordTitle, ResourceShow } from '../common/ResourceShow';
import { FEEDBACK_COLUMNS, FEEDBACK_SECTIONS, FEEDBACK_SPECS, SURVEY_ONLY } from './fields';
import { feedbackQuery } from './query';

const represent = (record: Record<string, unknown>) => `${record.surveyName ?? record.kind ?? ''}`;

export function FeedbackList() {
  const { readable } = useResourceAccess('feedback');
  const filters = filtersFor(readable, [
    [['kind'], <SelectInput key="kind" source="kind" choices={choicesOf('FeedbackKind')} alwaysOn sx={{ minWidth: 200 }} />],
  ]);
  return <ResourceList resource="feedback" query={feedbackQuery} specs={FEEDBACK_SPECS} columns={FEEDBACK_COLUMNS} filters={filters} />;
}

export function FeedbackShow() {
  return <ResourceShow resource="feedback" specs={FEEDBACK_SPECS} sections={FEEDBACK_SECTIONS} represent={represent} />;
}

/** Survey fields for survey answers only (the API refuses them on other feedback). */
function FeedbackInputs({ writable, creating }: { writable: ReadonlySet<string>; creating: boolean }) {
  const kind = useWatch({ name: 'kind' }) as string | undefined;
  return (
    <ResourceInputs
      specs={FEEDBACK_SPECS}
      sections={FEEDBACK_SECTIONS}
      writable={writable}
      options={{
        required: [...(creating ? ['customerId', 'kind'] : []), 'consent'],
        hide: kind === 'SURVEY_ANSWER' ? [] : SURVEY_ONLY,
      }}
    />
  );
}

export function FeedbackCreate() {
  return (
    <ResourceCreate
      resource="feedback"
      specs={FEEDBACK_SPECS}
      sections={FEEDBACK_SECTIONS}
      defaultValues={{ kind: 'FREE_FEEDBACK' }}
      renderInputs={(writable) => <FeedbackInputs writable={writable} creating />}
    />
  );
}

export function FeedbackEdit() {
  return (
    <ResourceEdit
      resource="feedback"
      specs={FEEDBACK_SPECS}
      sections={FEEDBACK_SECTIONS}
      title={<RecordTitle resource="feedback" represent={represent} />}
      renderInputs={(writable) => <FeedbackInputs writable={writable} creating={false} />}
    />
  );
}
