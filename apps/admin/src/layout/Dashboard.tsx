import BadgeIcon from '@mui/icons-material/Badge';
import CampaignIcon from '@mui/icons-material/Campaign';
import HistoryIcon from '@mui/icons-material/History';
import PeopleIcon from '@mui/icons-material/People';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { StaffRole } from '@register/schema';
import type { ReactElement } from 'react';
import { Loading, Title, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { customerAccess, resourceAccess } from '../access/access';
import type { ResourceName } from '../resources';

/** Where a role's daily work starts: lists with the filter it usually needs. */
const SHORTCUTS: readonly { resource: ResourceName; filter?: Record<string, unknown>; label: string; icon: ReactElement }[] = [
  { resource: 'invoices', filter: { overdue: true }, label: 'register.dashboard.overdueInvoices', icon: <ReceiptLongIcon /> },
  { resource: 'orders', filter: { open: true }, label: 'register.dashboard.openOrders', icon: <ShoppingCartIcon /> },
  { resource: 'quotations', filter: { status: 'SENT' }, label: 'register.dashboard.sentQuotations', icon: <RequestQuoteIcon /> },
  { resource: 'marketingPermitEntries', label: 'register.dashboard.marketingLedger', icon: <CampaignIcon /> },
];

function Shortcuts({ roles }: { roles: StaffRole[] }) {
  const translate = useTranslate();
  const visible = SHORTCUTS.filter(({ resource }) => resourceAccess(roles, resource).canList);
  if (visible.length === 0) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 2 }} data-testid="dashboard-shortcuts">
      {visible.map(({ resource, filter, label, icon }) => (
        <Button
          key={resource}
          component={Link}
          to={{ pathname: `/${resource}`, search: filter ? `?${new URLSearchParams({ filter: JSON.stringify(filter) })}` : '' }}
          variant="outlined"
          startIcon={icon}
        >
          {translate(label)}
        </Button>
      ))}
    </Stack>
  );
}

/** Home: who you are, which roles you hold and where they let you go. */
export function Dashboard() {
  const translate = useTranslate();
  const { identity, isPending: identityPending } = useGetIdentity();
  const { permissions, isPending: permissionsPending } = usePermissions<StaffRole[]>();
  if (identityPending || permissionsPending) return <Loading />;
  const roles = permissions ?? [];
  const access = customerAccess(roles);
  const name = identity?.fullName ?? '';

  return (
    <Box sx={{ mt: 2, maxWidth: 880 }}>
      <Title title="register.dashboard.title" />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom data-testid="dashboard-greeting">
            {translate('register.dashboard.greeting', { name })}
          </Typography>
          <Typography variant="subtitle2" color="text.secondary" component="h2">
            {translate('register.dashboard.roles')}
          </Typography>
          {roles.length > 0 ? (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', my: 1 }} data-testid="dashboard-roles">
              {roles.map((role) => (
                <Chip key={role} label={translate(`register.roles.${role}`)} data-testid={`role-${role}`} />
              ))}
            </Stack>
          ) : (
            <Alert severity="warning" sx={{ my: 1 }}>
              {translate('register.dashboard.noRoles')}
            </Alert>
          )}

          {access.canList ? (
            <Box sx={{ mt: 3 }}>
              <Button component={Link} to="/customers" variant="contained" startIcon={<PeopleIcon />}>
                {translate('register.dashboard.customers')}
              </Button>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {translate('register.dashboard.customersHint')}
              </Typography>
            </Box>
          ) : (
            <Alert severity="info" sx={{ mt: 3 }} data-testid="no-customer-access">
              <div>{translate('register.dashboard.noCustomerAccess')}</div>
              {roles.includes('admin') ? <div>{translate('register.dashboard.adminNote')}</div> : null}
              {roles.includes('analyst') ? <div>{translate('register.dashboard.analystNote')}</div> : null}
            </Alert>
          )}

          <Shortcuts roles={roles} />

          {roles.includes('admin') ? (
            <Box sx={{ mt: 2 }}>
              <Button component={Link} to="/staffUsers" variant="outlined" startIcon={<BadgeIcon />}>
                {translate('resources.staffUsers.name', { smart_count: 2 })}
              </Button>
            </Box>
          ) : null}

          {access.canReadAuditLog ? (
            <Box sx={{ mt: 2 }}>
              <Button component={Link} to="/auditEvents" variant="outlined" startIcon={<HistoryIcon />}>
                {translate('register.dashboard.auditLog')}
              </Button>
            </Box>
          ) : null}

          {access.canList ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 3 }}>
              {translate('register.dashboard.privacy')}
            </Typography>
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
}
