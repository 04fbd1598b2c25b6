import { Typography } from '@mui/material';
import { memo } from 'react';
import { useFieldValue, useLocaleState } from 'react-admin';
import { formatLocalDate } from './formatDate';

export { formatLocalDate };

/** A date (or date and time) in the format of the chosen UI language (d.m.yyyy in Finnish). */
export const LocalDateField = memo(function LocalDateField({ source, showTime = false }: { source: string; showTime?: boolean }) {
  const [locale] = useLocaleState();
  const value: unknown = useFieldValue({ source });
  const text = formatLocalDate(value, locale, showTime);
  if (text === undefined) return null;
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
});
