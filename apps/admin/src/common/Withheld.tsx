import { Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { withheldFields } from '../dataProvider/fieldErrors';

/**
 * A field the API withheld from this record (a row rule of the data map: e.g. marketing sees a
 * customer's e-mail only while e-mail marketing is permitted) says so, instead of looking empty.
 */
export function WithheldOr({ source, compact = false, children }: { source: string; compact?: boolean; children: ReactNode }) {
  const record = useRecordContext();
  if (!withheldFields(record).includes(source)) return <>{children}</>;
  return <Withheld source={source} compact={compact} />;
}

/** The note shown instead of a withheld field's value. */
export function Withheld({ source, compact = false }: { source: string; compact?: boolean }) {
  const translate = useTranslate();
  return (
    <Typography
      component="span"
      variant="body2"
      color="text.secondary"
      sx={{ fontStyle: 'italic' }}
      data-testid={`withheld-${source}`}
      title={translate('register.withheld.long')}
    >
      {translate(compact ? 'register.withheld.short' : 'register.withheld.long')}
    </Typography>
  );
}
