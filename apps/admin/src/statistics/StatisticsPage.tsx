import {
  Alert,
  Box,
  Card,
  CardContent,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  InputLabel,
  ListItemText,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import {
  CustomerStatisticsDocument,
  type CustomerStatisticsQuery,
  type StatisticsDimension,
  type StatisticsFilter,
} from '@register/schema';
import { useEffect, useMemo, useState } from 'react';
import { Loading, Title, useLocaleState, useTranslate } from 'react-admin';
import { ENUMS, type EnumName } from '../common/choices';
import { formatEuros } from '../common/money';
import { graphqlClient } from '../graphqlClient';

type Group = CustomerStatisticsQuery['customerStatistics']['groups'][number];

/** Each dimension: the group's field, the filter's argument and the enum its values come from. */
const DIMENSIONS: readonly { dimension: StatisticsDimension; field: keyof Group; filter: keyof StatisticsFilter; enumName: EnumName }[] = [
  { dimension: 'SEGMENT', field: 'segment', filter: 'segments', enumName: 'CustomerSegment' },
  { dimension: 'SERVICE', field: 'service', filter: 'services', enumName: 'StatisticsService' },
  { dimension: 'REGION', field: 'region', filter: 'regions', enumName: 'FinnishRegion' },
  { dimension: 'AGE_BAND', field: 'ageBand', filter: 'ageBands', enumName: 'AgeBand' },
  { dimension: 'KIND', field: 'kind', filter: 'kinds', enumName: 'CustomerKind' },
];

/**
 * Aggregate statistics of current customers: choose what to group by and whom to count, see a
 * table and a bar chart. The API never counts a group of fewer than five people.
 */
export function StatisticsPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [groupBy, setGroupBy] = useState<StatisticsDimension[]>(['SEGMENT']);
  const [filter, setFilter] = useState<Partial<Record<keyof StatisticsFilter, string[]>>>({});
  const [result, setResult] = useState<CustomerStatisticsQuery['customerStatistics'] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const given = Object.fromEntries(Object.entries(filter).filter(([, values]) => values && values.length > 0));
    graphqlClient
      .query({ query: CustomerStatisticsDocument, variables: { groupBy, filter: given as StatisticsFilter } })
      .then(
        ({ data }) => {
          if (!current) return;
          setResult(data?.customerStatistics ?? null);
          setError(null);
        },
        (failure: Error) => current && setError(failure.message),
      );
    return () => {
      current = false;
    };
  }, [groupBy, filter]);

  const valueName = (enumName: EnumName, value: string | null | undefined) =>
    value ? translate(`register.enums.${enumName}.${value}`) : translate('register.statistics.notShown');
  const label = (group: Group) =>
    groupBy.length === 0
      ? translate('register.statistics.everyone')
      : DIMENSIONS.filter((d) => groupBy.includes(d.dimension))
          .map((d) => valueName(d.enumName, group[d.field] as string | null))
          .join(' · ');
  const groups = useMemo(() => result?.groups ?? [], [result]);

  const toggle = (dimension: StatisticsDimension) =>
    setGroupBy((current) => (current.includes(dimension) ? current.filter((d) => d !== dimension) : [...current, dimension]));

  return (
    <Box sx={{ mt: 2 }} data-testid="statistics-page">
      <Title title="register.statistics.title" />
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('register.statistics.rule', { minimum: result?.minimumGroupSize ?? 5 })}
      </Alert>
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <FormControl component="fieldset">
            <FormLabel component="legend">{translate('register.statistics.groupBy')}</FormLabel>
            <FormGroup row>
              {DIMENSIONS.map(({ dimension }) => (
                <FormControlLabel
                  key={dimension}
                  control={<Checkbox checked={groupBy.includes(dimension)} onChange={() => toggle(dimension)} data-testid={`group-${dimension}`} />}
                  label={translate(`register.enums.StatisticsDimension.${dimension}`)}
                />
              ))}
            </FormGroup>
          </FormControl>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 2 }}>
            {DIMENSIONS.map(({ dimension, filter: key, enumName }) => (
              <FormControl key={key} size="small" sx={{ flex: '1 1 200px', maxWidth: 320 }}>
                <InputLabel id={`filter-${key}`}>{translate(`register.enums.StatisticsDimension.${dimension}`)}</InputLabel>
                <Select
                  labelId={`filter-${key}`}
                  multiple
                  value={filter[key] ?? []}
                  label={translate(`register.enums.StatisticsDimension.${dimension}`)}
                  onChange={(event) => setFilter((current) => ({ ...current, [key]: event.target.value as string[] }))}
                  renderValue={(selected) => (selected as string[]).map((value) => valueName(enumName, value)).join(', ')}
                >
                  {(ENUMS[enumName] as readonly string[]).map((value) => (
                    <MenuItem key={value} value={value}>
                      <Checkbox checked={(filter[key] ?? []).includes(value)} />
                      <ListItemText primary={valueName(enumName, value)} />
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
            ))}
          </Box>
        </CardContent>
      </Card>
      {error ? <Alert severity="error">{error}</Alert> : null}
      {!result && !error ? <Loading /> : null}
      {result ? (
        <Card variant="outlined">
          <CardContent>
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }} data-testid="statistics-total">
              {translate('register.statistics.total', { people: result.people })}
            </Typography>
            {groups.length === 0 ? (
              <Typography sx={{ mt: 1 }} data-testid="statistics-empty">
                {translate('register.statistics.none')}
              </Typography>
            ) : (
              <>
                <BarChart
                  height={320}
                  xAxis={[{ scaleType: 'band', data: groups.map(label) }]}
                  series={[{ data: groups.map((group) => group.people), label: translate('register.statistics.people') }]}
                />
                <Table size="small" data-testid="statistics-table">
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('register.statistics.group')}</TableCell>
                      <TableCell align="right">{translate('register.statistics.people')}</TableCell>
                      <TableCell align="right">{translate('register.statistics.monthlyValue')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {groups.map((group) => (
                      <TableRow key={label(group)}>
                        <TableCell>{label(group)}</TableCell>
                        <TableCell align="right">{group.people}</TableCell>
                        <TableCell align="right">{formatEuros(group.monthlyValueCents, locale)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </>
            )}
          </CardContent>
        </Card>
      ) : null}
    </Box>
  );
}
