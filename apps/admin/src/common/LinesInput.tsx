import { Typography } from '@mui/material';
import {
  ArrayInput,
  AutocompleteInput,
  NumberInput,
  ReferenceInput,
  required,
  SimpleFormIterator,
  useTranslate,
  type Validator,
} from 'react-admin';
import { MoneyInput } from './money';

const search = (text: string) => (text.trim().length >= 3 ? { q: text.trim() } : {});

/** At least one line, and each names a service or an equipment model (not both). */
const validateLines: Validator = (value: unknown) => {
  if (!Array.isArray(value) || value.length === 0) return 'register.lines.atLeastOne';
  for (const line of value as Record<string, unknown>[]) {
    const service = Boolean(line?.serviceProductId);
    const equipment = Boolean(line?.equipmentModelId);
    if (service === equipment) return 'register.lines.serviceOrEquipment';
  }
  return undefined;
};

const validateContractLines: Validator = (value: unknown) => {
  if (!Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>[]).every((line) => line?.serviceProductId) ? undefined : 'register.lines.serviceRequired';
};

const positive: Validator = (value: unknown) =>
  value === null || value === undefined || value === '' || (Number.isInteger(Number(value)) && Number(value) >= 1)
    ? undefined
    : 'register.lines.quantity';

/**
 * Lines of an order or a quotation: a service or an equipment model from the catalogue, a
 * quantity, optionally a price (the catalogue's when left empty).
 */
export function SalesLinesInput({ lineResource }: { lineResource: 'orderLines' | 'quotationLines' }) {
  const parent = lineResource === 'orderLines' ? 'orders' : 'quotations';
  const translate = useTranslate();
  const label = (field: string) => `resources.${lineResource}.fields.${field}`;
  return (
    <>
      <ArrayInput source="lines" label={`resources.${parent}.fields.lines`} validate={validateLines} fullWidth>
        <SimpleFormIterator inline disableReordering data-testid="lines">
          <ReferenceInput source="serviceProductId" reference="serviceProducts" filter={{ active: true }}>
            <AutocompleteInput label={label('serviceProductId')} filterToQuery={search} sx={{ minWidth: 260 }} />
          </ReferenceInput>
          <ReferenceInput source="equipmentModelId" reference="equipmentModels" filter={{ active: true }}>
            <AutocompleteInput label={label('equipmentModelId')} filterToQuery={search} sx={{ minWidth: 260 }} />
          </ReferenceInput>
          <NumberInput
            source="quantity"
            label={label('quantity')}
            step={1}
            min={1}
            defaultValue={1}
            validate={positive}
            sx={{ minWidth: 120 }}
          />
          <MoneyInput source="unitPriceCents" label={label('unitPriceCents')} sx={{ minWidth: 170 }} />
        </SimpleFormIterator>
      </ArrayInput>
      <Typography variant="caption" color="text.secondary">
        {translate('register.lines.priceHint')}
      </Typography>
    </>
  );
}

/** Services of a new contract: a service, a quantity, optionally the agreed monthly price. */
export function ContractLinesInput() {
  const translate = useTranslate();
  return (
    <>
      <ArrayInput source="lines" label="resources.contracts.fields.lines" validate={validateContractLines} fullWidth>
        <SimpleFormIterator inline disableReordering data-testid="lines">
          <ReferenceInput source="serviceProductId" reference="serviceProducts" filter={{ active: true }}>
            <AutocompleteInput
              label="resources.contractLines.fields.serviceProductId"
              filterToQuery={search}
              validate={required()}
              sx={{ minWidth: 280 }}
            />
          </ReferenceInput>
          <NumberInput
            source="quantity"
            label="resources.contractLines.fields.quantity"
            step={1}
            min={1}
            defaultValue={1}
            validate={positive}
            sx={{ minWidth: 120 }}
          />
          <MoneyInput source="monthlyPriceCents" label="resources.contractLines.fields.monthlyPriceCents" sx={{ minWidth: 170 }} />
        </SimpleFormIterator>
      </ArrayInput>
      <Typography variant="caption" color="text.secondary">
        {translate('register.lines.priceHint')}
      </Typography>
    </>
  );
}
