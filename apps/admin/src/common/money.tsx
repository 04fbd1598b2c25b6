import { Typography } from '@mui/material';
import { NumberInput, useFieldValue, useLocaleState, type NumberInputProps } from 'react-admin';
import { intlLocale } from '../i18n';

/** Euro cents as euros in the user's language: 1 234,50 € in Finnish, €1,234.50 in English. */
export function formatEuros(cents: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** An amount the API keeps in euro cents, shown in euros. */
export function MoneyField({ source }: { source: string; label?: string; sortable?: boolean }) {
  const value = useFieldValue({ source }) as number | null | undefined;
  const [locale] = useLocaleState();
  if (value === null || value === undefined) return null;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {formatEuros(value, locale)}
    </Typography>
  );
}

const toEuros = (cents: unknown) => (typeof cents === 'number' && !Number.isNaN(cents) ? String(cents / 100) : '');
const toCents = (euros: unknown) => {
  if (euros === '' || euros === null || euros === undefined) return null;
  const number = typeof euros === 'number' ? euros : Number(String(euros).replace(',', '.'));
  return Number.isNaN(number) ? null : Math.round(number * 100);
};

/** An amount typed in euros (with cents), stored in euro cents. */
export function MoneyInput(props: NumberInputProps) {
  return <NumberInput step={0.01} {...props} format={toEuros} parse={toCents} />;
}
