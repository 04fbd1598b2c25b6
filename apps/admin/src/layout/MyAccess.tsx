import CheckIcon from '@mui/icons-material/Check';
import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { dataMap, type StaffRole } from '@register/schema';
import { Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { customerAccess } from '../access/access';

/** What the signed-in roles may read and write of a customer, straight from the data map. */
export function MyAccess() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<StaffRole[]>();
  const access = customerAccess(permissions ?? []);
  const mark = (allowed: boolean) => (allowed ? <CheckIcon fontSize="small" aria-label="✓" /> : '—');
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="register.access.title" />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('register.access.intro')}
        </Typography>
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
            {Object.entries(dataMap.Customer.fields).map(([field, classification]) => (
              <TableRow key={field}>
                <TableCell>{classification.label[locale === 'fi' ? 'fi' : 'en']}</TableCell>
                <TableCell>{mark(access.readable.has(field))}</TableCell>
                <TableCell>{mark(access.creatable.has(field))}</TableCell>
                <TableCell>{mark(access.updatable.has(field))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
