import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ImportRun } from './api';

const COLOR = { VALIDATING: 'info', IMPORTING: 'info', COMPLETED: 'success', FAILED: 'error' } as const;

export function ImportStatusChip({ run }: { run: Pick<ImportRun, 'status' | 'invalidRows'> }) {
  const translate = useTranslate();
  const color = run.status === 'COMPLETED' && run.invalidRows > 0 ? 'warning' : COLOR[run.status];
  return <Chip size="small" color={color} label={translate(`register.imports.status.${run.status}`)} data-testid="import-status" />;
}
