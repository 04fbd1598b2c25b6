import ChatIcon from '@mui/icons-material/Chat';
import DescriptionIcon from '@mui/icons-material/Description';
import EmailIcon from '@mui/icons-material/Email';
import EventNoteIcon from '@mui/icons-material/EventNote';
import PhoneIcon from '@mui/icons-material/Phone';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import SimCardIcon from '@mui/icons-material/SimCard';
import StorefrontIcon from '@mui/icons-material/Storefront';
import TuneIcon from '@mui/icons-material/Tune';
import { Avatar, Box, List, ListItem, ListItemAvatar, ListItemText, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import { Pagination, RecordContextProvider, useListContext, useLocaleState, useTranslate } from 'react-admin';
import { intlLocale } from '../i18n';
import { RecordField } from '../common/RecordField';
import { CUSTOMER_EVENT_SPECS } from './fields';

const KIND_ICONS: Readonly<Record<string, ReactElement>> = {
  CONTRACT_CREATED: <DescriptionIcon />,
  CONTRACT_CHANGED: <DescriptionIcon />,
  CONTRACT_STATUS_CHANGED: <DescriptionIcon />,
  SERVICE_ADDED: <TuneIcon />,
  SERVICE_CHANGED: <TuneIcon />,
  SERVICE_REMOVED: <TuneIcon />,
  SIM_ADDED: <SimCardIcon />,
  SIM_STATUS_CHANGED: <SimCardIcon />,
  QUOTATION: <RequestQuoteIcon />,
  ORDER: <ShoppingCartIcon />,
};

const CHANNEL_ICONS: Readonly<Record<string, ReactElement>> = {
  PHONE: <PhoneIcon />,
  EMAIL: <EmailIcon />,
  VISIT: <StorefrontIcon />,
  CHAT: <ChatIcon />,
};

interface EventRecord {
  id: string;
  at?: string | null;
  kind?: string | null;
  channel?: string | null;
  summary?: string | null;
  before?: unknown;
  after?: unknown;
}

/** The customer's history, newest first: one line per event, with what changed. */
export function Timeline() {
  const { data, isPending, total } = useListContext<EventRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (isPending) return null;
  if (!data || data.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="timeline-empty">
        {translate('register.history.empty')}
      </Typography>
    );
  }
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <List dense data-testid="timeline">
        {data.map((event) => (
          <RecordContextProvider key={event.id} value={event}>
            <ListItem alignItems="flex-start" divider data-testid="timeline-event">
              <ListItemAvatar>
                <Avatar sx={{ bgcolor: event.kind === 'CONTACT' ? 'secondary.main' : 'primary.main' }}>
                  {(event.kind === 'CONTACT' ? CHANNEL_ICONS[event.channel ?? ''] : KIND_ICONS[event.kind ?? '']) ?? <EventNoteIcon />}
                </Avatar>
              </ListItemAvatar>
              <ListItemText
                primary={
                  <Box component="span" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'baseline' }}>
                    <Typography component="span" variant="subtitle2">
                      {event.kind ? translate(`register.enums.CustomerEventKind.${event.kind}`) : ''}
                      {event.channel ? ` · ${translate(`register.enums.ContactChannel.${event.channel}`)}` : ''}
                    </Typography>
                    <Typography component="span" variant="caption" color="text.secondary">
                      {event.at ? format.format(new Date(event.at)) : ''}
                    </Typography>
                  </Box>
                }
                secondary={
                  <Box component="span" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
                    <Typography component="span" variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                      <RecordField source="summary" spec={CUSTOMER_EVENT_SPECS.summary!} />
                    </Typography>
                    {event.before || event.after ? (
                      <Box component="span" sx={{ display: 'flex', gap: 3 }}>
                        {event.before ? (
                          <Box component="span">
                            <Typography component="span" variant="caption" color="text.secondary">
                              {translate('resources.customerEvents.fields.before')}:{' '}
                            </Typography>
                            <RecordField source="before" spec={CUSTOMER_EVENT_SPECS.before!} />
                          </Box>
                        ) : null}
                        {event.after ? (
                          <Box component="span">
                            <Typography component="span" variant="caption" color="text.secondary">
                              {translate('resources.customerEvents.fields.after')}:{' '}
                            </Typography>
                            <RecordField source="after" spec={CUSTOMER_EVENT_SPECS.after!} />
                          </Box>
                        ) : null}
                      </Box>
                    ) : null}
                  </Box>
                }
                slotProps={{ secondary: { component: 'div' } }}
              />
            </ListItem>
          </RecordContextProvider>
        ))}
      </List>
      {(total ?? 0) > data.length ? <Pagination rowsPerPageOptions={[10, 25, 50]} /> : null}
    </>
  );
}
