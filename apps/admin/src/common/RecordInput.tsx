import {
  AutocompleteInput,
  BooleanInput,
  DateInput,
  DateTimeInput,
  NumberInput,
  ReferenceInput,
  required as requiredValue,
  SelectInput,
  TextInput,
  useResourceDefinitions,
  type Validator,
} from 'react-admin';
import type { ResourceName } from '../resources';
import { choicesOf } from './choices';
import type { FieldSpec } from './fieldSpec';
import { MoneyInput } from './money';

const SEARCHABLE: Partial<Record<ResourceName, true>> = {
  customers: true,
  contactPersons: true,
  serviceProducts: true,
  equipmentModels: true,
};

/** "89358…\n89358…" in a text area ↔ the API's list of strings. */
const linesToList = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(/[\n,;]+/)
        .map((item) => item.trim())
        .filter(Boolean)
    : value;
const listToLines = (value: unknown) => (Array.isArray(value) ? value.join('\n') : ((value as string | null) ?? ''));

export interface RecordInputProps {
  source: string;
  spec: FieldSpec;
  required?: boolean;
  /** Only some values of an enum (e.g. the statuses a role may set). */
  only?: readonly string[];
  /** A filter of the records a reference may point at (e.g. business customers only). */
  referenceFilter?: Record<string, unknown>;
  disabled?: boolean;
  helperText?: string;
}

/** The input of one field, as its spec says: identifiers checked as they are typed. */
export function RecordInput({ source, spec, required = false, only, referenceFilter, disabled, helperText }: RecordInputProps) {
  const definitions = useResourceDefinitions();
  const validators: Validator[] = [
    ...(required ? [requiredValue()] : []),
    ...(spec.validate ? (Array.isArray(spec.validate) ? spec.validate : [spec.validate]) : []),
  ];
  const common = {
    source,
    validate: validators,
    fullWidth: true,
    disabled,
    helperText: helperText ?? spec.helperText,
    slotProps: { htmlInput: { 'data-testid': `input-${source}` } },
  };
  switch (spec.kind) {
    case 'enum':
      return <SelectInput {...common} choices={choicesOf(spec.enumName, only)} />;
    case 'reference': {
      const { slotProps: _ignored, ...rest } = common;
      // A resource without screens for the roles: its key typed as it is.
      if (!definitions[spec.reference]) return <TextInput {...common} />;
      return (
        <ReferenceInput source={source} reference={spec.reference} filter={referenceFilter} perPage={25}>
          <AutocompleteInput
            {...rest}
            filterToQuery={(search: string) => (SEARCHABLE[spec.reference] && search.trim().length >= 3 ? { q: search.trim() } : {})}
          />
        </ReferenceInput>
      );
    }
    case 'money':
      return <MoneyInput {...common} />;
    case 'integer':
      return <NumberInput {...common} step={1} />;
    case 'boolean':
      return <BooleanInput source={source} disabled={disabled} helperText={common.helperText} />;
    case 'date':
      return <DateInput {...common} />;
    case 'dateTime':
      return <DateTimeInput {...common} />;
    case 'longText':
      return <TextInput {...common} multiline minRows={3} />;
    case 'textList':
      return <TextInput {...common} multiline minRows={2} format={listToLines} parse={linesToList} />;
    case 'email':
      return <TextInput {...common} type="email" />;
    case 'phone':
      return <TextInput {...common} type="tel" />;
    default:
      return <TextInput {...common} />;
  }
}
