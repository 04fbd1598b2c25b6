import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { DeleteButton, EditButton, Labeled, ListButton, Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { useResourceAccess } from '../access/access';
import type { ResourceName } from '../resources';
import type { FieldSpecs } from './fieldSpec';
import { RecordField } from './RecordField';

export interface Section {
  /** An i18n key. */
  title: string;
  fields: readonly string[];
}

/** Fields of the record in context, in titled groups; only readable ones, no empty group. */
export function FieldSections({
  resource,
  specs,
  sections,
  readable,
  hide = [],
}: {
  resource: string;
  specs: FieldSpecs;
  sections: readonly Section[];
  readable: ReadonlySet<string>;
  hide?: readonly string[];
}) {
  const translate = useTranslate();
  return (
    <>
      {sections.map((section) => {
        const fields = section.fields.filter((field) => readable.has(field) && specs[field] && !hide.includes(field));
        if (fields.length === 0) return null;
        return (
          <Box component="section" key={section.title} sx={{ mb: 3 }}>
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
              {translate(section.title)}
            </Typography>
            <Box
              sx={{
                display: 'grid',
                gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(3, 1fr)' },
                columnGap: 3,
                rowGap: 1.5,
              }}
            >
              {fields.map((field) => (
                <Labeled key={field} source={field} data-testid={`${resource}-field-${field}`}>
                  <RecordField source={field} spec={specs[field]!} />
                </Labeled>
              ))}
            </Box>
          </Box>
        );
      })}
    </>
  );
}

function Title({ resource, represent }: { resource: string; represent: (record: Record<string, unknown>) => string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const type = translate(`resources.${resource}.name`, { smart_count: 1 });
  return <span>{record ? `${type} ${represent(record)}` : type}</span>;
}

export interface ResourceShowProps {
  resource: ResourceName;
  specs: FieldSpecs;
  sections: readonly Section[];
  /** The record's name in the title (e.g. its number). */
  represent: (record: Record<string, unknown>) => string;
  /** Buttons next to list/edit/delete (e.g. "mark paid"). */
  actions?: ReactNode;
  /** More below the fields (lines, SIM cards, related records). */
  children?: ReactNode;
}

/** A record page: its readable fields in sections, the actions the roles may take. */
export function ResourceShow({ resource, specs, sections, represent, actions, children }: ResourceShowProps) {
  const access = useResourceAccess(resource);
  return (
    <Show
      title={<Title resource={resource} represent={represent} />}
      component="div"
      actions={
        <TopToolbar>
          <ListButton />
          {actions}
          {access.canEdit ? <EditButton /> : null}
          {access.canDelete ? <DeleteButton mutationMode="pessimistic" /> : null}
        </TopToolbar>
      }
    >
      <Stack spacing={2}>
        <Card variant="outlined">
          <CardContent>
            <FieldSections resource={resource} specs={specs} sections={sections} readable={access.readable} />
          </CardContent>
        </Card>
        {children}
      </Stack>
    </Show>
  );
}

export { Title as RecordTitle };
