import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  Create,
  Edit,
  SaveButton,
  ShowButton,
  SimpleForm,
  Toolbar,
  TopToolbar,
  useTranslate,
  type CreateProps,
  type EditProps,
} from 'react-admin';
import { useLocation } from 'react-router-dom';
import { useResourceAccess } from '../access/access';
import type { ResourceName } from '../resources';
import type { FieldSpecs } from './fieldSpec';
import { RecordInput, type RecordInputProps } from './RecordInput';
import type { Section } from './ResourceShow';

export interface InputOptions {
  required?: readonly string[];
  /** Per field: extra props of its input (enum values, reference filters, hints). */
  props?: Readonly<Record<string, Partial<RecordInputProps>>>;
  /** Fields not to offer now (e.g. depending on another value). */
  hide?: readonly string[];
}

/**
 * The inputs of a form, in titled groups: one for each field the roles may write in this
 * operation (`writable`, from the data map), none for the others.
 */
export function ResourceInputs({
  specs,
  sections,
  writable,
  options = {},
}: {
  specs: FieldSpecs;
  sections: readonly Section[];
  writable: ReadonlySet<string>;
  options?: InputOptions;
}) {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', maxWidth: 960 }}>
      {sections.map((section) => {
        const fields = section.fields.filter(
          (field) => writable.has(field) && specs[field] && !(options.hide ?? []).includes(field),
        );
        if (fields.length === 0) return null;
        return (
          <Box component="fieldset" key={section.title} sx={{ border: 0, p: 0, m: 0, mb: 2, width: '100%' }}>
            <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
              {translate(section.title)}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' }, columnGap: 2 }}>
              {fields.map((field) => (
                <RecordInput
                  key={field}
                  source={field}
                  spec={specs[field]!}
                  required={(options.required ?? []).includes(field)}
                  {...options.props?.[field]}
                />
              ))}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

function FormToolbar({ resource }: { resource: string }) {
  return (
    <Toolbar>
      <SaveButton data-testid={`${resource}-save`} />
    </Toolbar>
  );
}

export interface ResourceCreateProps {
  resource: ResourceName;
  specs: FieldSpecs;
  sections: readonly Section[];
  options?: InputOptions;
  defaultValues?: Record<string, unknown>;
  transform?: CreateProps['transform'];
  redirect?: CreateProps['redirect'];
  /** Inputs of its own instead of the generic ones (e.g. groups that depend on a value). */
  renderInputs?: (writable: ReadonlySet<string>) => ReactNode;
  /** Inputs of its own (lines, conditional groups), after the generic ones. */
  children?: ReactNode;
}

/** Pessimistic: the API's input errors appear on their fields, and nothing shows as saved that was not. */
export function ResourceCreate({
  resource,
  specs,
  sections,
  options,
  defaultValues,
  transform,
  redirect = 'show',
  renderInputs,
  children,
}: ResourceCreateProps) {
  const access = useResourceAccess(resource);
  // A create button elsewhere (a customer's page) may start the record: `state.record`.
  const fromLocation = (useLocation().state as { record?: Record<string, unknown> } | null)?.record;
  const initial = fromLocation ? { ...defaultValues, ...fromLocation } : defaultValues;
  return (
    <Create redirect={redirect} mutationMode="pessimistic" transform={transform}>
      <SimpleForm mode="onChange" reValidateMode="onChange" defaultValues={initial} toolbar={<FormToolbar resource={resource} />}>
        {renderInputs ? (
          renderInputs(access.creatable)
        ) : (
          <ResourceInputs specs={specs} sections={sections} writable={access.creatable} options={options} />
        )}
        {children}
      </SimpleForm>
    </Create>
  );
}

export interface ResourceEditProps {
  resource: ResourceName;
  specs: FieldSpecs;
  sections: readonly Section[];
  options?: InputOptions;
  title?: EditProps['title'];
  transform?: EditProps['transform'];
  renderInputs?: (writable: ReadonlySet<string>) => ReactNode;
  children?: ReactNode;
}

export function ResourceEdit({ resource, specs, sections, options, title, transform, renderInputs, children }: ResourceEditProps) {
  const access = useResourceAccess(resource);
  return (
    <Edit
      title={title}
      mutationMode="pessimistic"
      redirect="show"
      transform={transform}
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <SimpleForm mode="onChange" reValidateMode="onChange" toolbar={<FormToolbar resource={resource} />}>
        {renderInputs ? (
          renderInputs(access.updatable)
        ) : (
          <ResourceInputs specs={specs} sections={sections} writable={access.updatable} options={options} />
        )}
        {children}
      </SimpleForm>
    </Edit>
  );
}
