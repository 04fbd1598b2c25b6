import { Box, Card, CardContent, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { ENUMS } from '../common/choices';
import { requestStatistics, type RequestStatistics } from './api';

/** Requests by month of receipt, stacked by status, and the open ones past their due date (loaded lazily). */
export default function RequestChart() {
  const translate = useTranslate();
  const [statistics, setStatistics] = useState<RequestStatistics | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    requestStatistics().then(
      (result) => live && setStatistics(result),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  if (failed) return null;
  if (!statistics) return null;
  const months = [...new Set(statistics.byMonth.map((row) => row.month))].sort();
  const series = ENUMS.DataSubjectRequestStatus.map((status) => ({
    label: translate(`register.enums.DataSubjectRequestStatus.${status}`),
    stack: 'status',
    data: months.map((month) => statistics.byMonth.find((row) => row.month === month && row.status === status)?.count ?? 0),
  })).filter((s) => s.data.some((count) => count > 0));
  return (
    <Card variant="outlined" data-testid="dsr-chart">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('register.dataSubjectRequests.chart')}
        </Typography>
        <Typography variant="body2" color={statistics.overdue > 0 ? 'error' : 'text.secondary'} data-testid="dsr-overdue-count">
          {statistics.overdue > 0
            ? translate('register.dataSubjectRequests.overdueCount', { smart_count: statistics.overdue })
            : translate('register.dataSubjectRequests.overdueNone')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', my: 1 }}>
          {statistics.byStatus.map((row) => (
            <Typography key={row.status} variant="body2">
              {translate(`register.enums.DataSubjectRequestStatus.${row.status}`)}: <b>{row.count}</b>
            </Typography>
          ))}
        </Box>
        {months.length > 0 ? (
          <BarChart height={260} xAxis={[{ scaleType: 'band', data: months }]} series={series} margin={{ left: 40, right: 10, top: 40, bottom: 30 }} />
        ) : null}
      </CardContent>
    </Card>
  );
}
