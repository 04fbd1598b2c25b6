import AddIcon from '@mui/icons-material/Add';
import { Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Button, ReferenceManyField, useRecordContext, useResourceDefinitions, useTranslate, type SortPayload } from 'react-admin';
import { Link } from 'react-router-dom';
import { useResourceAccess } from '../../access/access';
import type { FieldSpecs } from '../../common/fieldSpec';
import { ResourceTable } from '../../common/ResourceTable';
import type { ResourceName } from '../../resources';

export interface RelatedListProps {
  resource: ResourceName;
  specs: FieldSpecs;
  columns: readonly string[];
  sort: SortPayload;
  /** The field of the related records that names the customer. */
  target?: string;
  /** A create button that starts the new record with this customer. */
  createLabel?: string;
  title?: string;
  perPage?: number;
  children?: ReactNode;
}

/**
 * The records of one resource that belong to the customer in context (react-admin's
 * ReferenceManyField, filtered by customerId), or nothing where the roles may not read them.
 */
export function RelatedList({
  resource,
  specs,
  columns,
  sort,
  target = 'customerId',
  createLabel,
  title,
  perPage = 10,
  children,
}: RelatedListProps) {
  const customer = useRecordContext();
  const translate = useTranslate();
  const access = useResourceAccess(resource);
  const definitions = useResourceDefinitions();
  if (!customer || !access.canList) return null;
  return (
    <Card variant="outlined" component="section" data-testid={`related-${resource}`}>
      <CardContent>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {translate(title ?? `resources.${resource}.name`, { smart_count: 2 })}
          </Typography>
          {createLabel && access.canCreate ? (
            <Button
              component={Link}
              to={{ pathname: `/${resource}/create`, state: { record: { [target]: customer.id } } }}
              label={createLabel}
              data-testid={`related-${resource}-create`}
            >
              <AddIcon />
            </Button>
          ) : null}
        </Box>
        <ReferenceManyField reference={resource} target={target} sort={sort} perPage={perPage}>
          <ResourceTable
            specs={specs}
            columns={columns}
            readable={access.readable}
            rowClick={definitions[resource]?.hasShow ? 'show' : false}
            testId={`related-${resource}-table`}
          />
        </ReferenceManyField>
        {children}
      </CardContent>
    </Card>
  );
}
