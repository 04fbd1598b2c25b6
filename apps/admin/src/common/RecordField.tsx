import { Box, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import {
  BooleanField,
  EmailField,
  FunctionField,
  NumberField,
  ReferenceField,
  SelectField,
  TextField,
  useResourceDefinitions,
} from 'react-admin';
import { choicesOf } from './choices';
import type { FieldSpec } from './fieldSpec';
import { LocalDateField } from './LocalDateField';
import { MoneyField } from './money';
import { WithheldOr } from './Withheld';

/** Before/after values of a history event, as "quantity: 2" lines (never raw JSON). */
function JsonValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return <span>{String(value)}</span>;
  return (
    <Box component="span" sx={{ display: 'inline-flex', flexDirection: 'column' }}>
      {Object.entries(value as Record<string, unknown>).map(([key, item]) => (
        <Typography key={key} component="span" variant="body2">
          {key}: {typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item)}
        </Typography>
      ))}
    </Box>
  );
}

function Reference({ source, reference }: { source: string; reference: string }) {
  const definitions = useResourceDefinitions();
  const definition = definitions[reference];
  // A resource the roles have no screens for: the key alone (it is all they may know).
  if (!definition) return <TextField source={source} />;
  return <ReferenceField source={source} reference={reference} link={definition.hasShow ? 'show' : false} />;
}

/** The value of one field of the record in context, as its spec says; a withheld one says so. */
export function RecordField({ source, spec, compact = false }: { source: string; spec: FieldSpec; compact?: boolean }) {
  let field: ReactElement;
  if (spec.display) {
    const display = spec.display;
    field = (
      <FunctionField
        source={source}
        render={(record: Record<string, unknown>) => (record[source] == null ? '' : display(record[source]))}
      />
    );
  } else {
    switch (spec.kind) {
      case 'email':
        field = <EmailField source={source} />;
        break;
      case 'date':
        field = <LocalDateField source={source} />;
        break;
      case 'dateTime':
        field = <LocalDateField source={source} showTime />;
        break;
      case 'money':
        field = <MoneyField source={source} />;
        break;
      case 'integer':
        field = <NumberField source={source} />;
        break;
      case 'boolean':
        field = <BooleanField source={source} />;
        break;
      case 'enum':
        field = <SelectField source={source} choices={choicesOf(spec.enumName)} />;
        break;
      case 'reference':
        field = <Reference source={source} reference={spec.reference} />;
        break;
      case 'json':
        field = <FunctionField source={source} render={(record: Record<string, unknown>) => <JsonValue value={record[source]} />} />;
        break;
      case 'textList':
        field = (
          <FunctionField
            source={source}
            render={(record: Record<string, unknown>) =>
              Array.isArray(record[source]) ? (record[source] as string[]).join(', ') : ''
            }
          />
        );
        break;
      case 'longText':
        field = <TextField source={source} sx={{ whiteSpace: 'pre-wrap' }} />;
        break;
      default:
        field = <TextField source={source} />;
    }
  }
  return (
    <WithheldOr source={source} compact={compact}>
      {field}
    </WithheldOr>
  );
}
