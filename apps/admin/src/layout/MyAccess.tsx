import CheckIcon from '@mui/icons-material/Check';
import {
  Card,
  CardContent,
  MenuItem,
  TextField,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { canRead, canWrite, dataMap, rowCondition, type StaffRole } from '@register/schema';
import { useState } from 'react';
import { Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { principalOf } from '../access/session';

type TypeName = keyof typeof dataMap;

/**
 * What the signed-in roles may read and write of each kind of record, straight from the data map
 * (the API enforces the same map). A read that holds only on some records says under which
 * condition (e.g. marketing: only while the customer permits the channel).
 */
export function MyAccess() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const language = locale === 'fi' ? 'fi' : 'en';
  const { permissions } = usePermissions<StaffRole[]>();
  const principal = principalOf(permissions ?? []);
  const types = (Object.keys(dataMap) as TypeName[]).filter((type) =>
    Object.keys(dataMap[type].fields).some((field) => canRead(principal, type, field) || canWrite(principal, type, field, 'create')),
  );
  const [chosen, setChosen] = useState<TypeName>('Customer');
  const type = types.includes(chosen) ? chosen : types[0];
  const mark = (allowed: boolean) => (allowed ? <CheckIcon fontSize="small" aria-label="✓" /> : '—');
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="register.access.title" />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('register.access.intro')}
        </Typography>
        {type ? (
          <>
            <TextField
              select
              size="small"
              label={translate('register.access.recordType')}
              value={type}
              onChange={(event) => setChosen(event.target.value as TypeName)}
              sx={{ minWidth: 360, mb: 2 }}
              slotProps={{ htmlInput: { 'data-testid': 'my-access-type' } }}
            >
              {types.map((name) => (
                <MenuItem key={name} value={name}>
                  {dataMap[name].label[language]}
                </MenuItem>
              ))}
            </TextField>
            <Table size="small" data-testid="my-access">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('register.access.field')}</TableCell>
                  <TableCell>{translate('register.access.read')}</TableCell>
                  <TableCell>{translate('register.access.create')}</TableCell>
                  <TableCell>{translate('register.access.update')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {Object.entries(dataMap[type].fields).map(([field, classification]) => {
                  const conditions = rowCondition(principal, type, field);
                  return (
                    <TableRow key={field}>
                      <TableCell>{classification.label[language]}</TableCell>
                      <TableCell>
                        {mark(canRead(principal, type, field))}
                        {conditions && canRead(principal, type, field) ? (
                          <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                            {translate('register.access.onlyWhen', {
                              conditions: conditions.map((condition) => translate(`register.access.conditions.${condition}`)).join(', '),
                            })}
                          </Typography>
                        ) : null}
                      </TableCell>
                      <TableCell>{mark(canWrite(principal, type, field, 'create'))}</TableCell>
                      <TableCell>{mark(canWrite(principal, type, field, 'update'))}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
