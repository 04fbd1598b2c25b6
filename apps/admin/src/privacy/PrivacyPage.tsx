import { Alert, Box, Card, CardContent, Link, Tab, Tabs, Typography } from '@mui/material';
import {
  RecordOfProcessingDocument,
  RegistryDescriptionDocument,
  type PrivacyDocumentFieldsFragment,
  type StaffRole,
} from '@register/schema';
import { useEffect, useState } from 'react';
import { Loading, Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { graphqlClient } from '../graphqlClient';
import { RECORD_OF_PROCESSING_ROLES } from './roles';

type Which = 'description' | 'record';

/** A generated document, section by section; React escapes every text. */
function DocumentView({ document }: { document: PrivacyDocumentFieldsFragment }) {
  return (
    <Box component="article" data-testid={`privacy-${document.kind}`}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {document.title}
      </Typography>
      {document.sections.map((section) => (
        <Box component="section" key={section.key} sx={{ mb: 3 }} data-testid={`privacy-section-${section.key}`}>
          <Typography variant="h6" component="h2">
            {section.number}. {section.title}
          </Typography>
          {section.paragraphs.map((paragraph) => (
            <Typography key={paragraph} sx={{ my: 1 }}>
              {paragraph}
            </Typography>
          ))}
          {section.lists.map((list, index) => (
            <Box key={`${list.heading ?? ''}-${index}`}>
              {list.heading ? (
                <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
                  {list.heading}
                </Typography>
              ) : null}
              <Box component="ul" sx={{ mt: 0.5 }}>
                {list.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </Box>
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
}

/** The registry description in the UI language, and the Art. 30 record for the dpo and admins. */
export function PrivacyPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const language = locale === 'fi' ? 'fi' : 'en';
  const { permissions } = usePermissions<StaffRole[]>();
  const mayReadRecord = (permissions ?? []).some((role) => RECORD_OF_PROCESSING_ROLES.includes(role));
  const [which, setWhich] = useState<Which>('description');
  const [document, setDocument] = useState<PrivacyDocumentFieldsFragment | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setDocument(null);
    const request =
      which === 'record' && mayReadRecord
        ? graphqlClient.query({ query: RecordOfProcessingDocument, variables: { language } }).then(({ data }) => data?.recordOfProcessing)
        : graphqlClient.query({ query: RegistryDescriptionDocument, variables: { language } }).then(({ data }) => data?.registryDescription);
    request.then(
      (loaded) => {
        if (!current) return;
        setDocument(loaded ?? null);
        setError(null);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [which, language, mayReadRecord]);

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="register.privacy.title" />
      <Tabs value={which} onChange={(_event, value: Which) => setWhich(value)} sx={{ mb: 2 }}>
        <Tab value="description" label={translate('register.privacy.description')} data-testid="privacy-tab-description" />
        {mayReadRecord ? <Tab value="record" label={translate('register.privacy.record')} data-testid="privacy-tab-record" /> : null}
      </Tabs>
      <Card variant="outlined">
        <CardContent>
          {which === 'description' ? (
            <Typography variant="body2" sx={{ mb: 2 }}>
              {translate('register.privacy.public')}{' '}
              <Link href={`/privacy?lang=${language}`} target="_blank" rel="noopener">
                /privacy?lang={language}
              </Link>
            </Typography>
          ) : (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('register.privacy.internal')}
            </Alert>
          )}
          {error ? <Alert severity="error">{error}</Alert> : document ? <DocumentView document={document} /> : <Loading />}
        </CardContent>
      </Card>
    </Box>
  );
}
