import BarChartIcon from '@mui/icons-material/BarChart';
import type { StaffRole } from '@register/schema';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const StatisticsPage = lazy(() => import('./StatisticsPage').then((m) => ({ default: m.StatisticsPage })));

/** apps/api/src/modules/statistics/statistics.rules.ts: aggregates for the analyst and the dpo. */
export const STATISTICS_ROLES: readonly StaffRole[] = ['analyst', 'dpo'];

/** The aggregate statistics page (tables and bar charts), loaded on demand, for those roles only. */
export function statisticsResource(roles: readonly StaffRole[]): ResourceProps | undefined {
  if (!roles.some((role) => STATISTICS_ROLES.includes(role))) return undefined;
  return { name: 'statistics', icon: BarChartIcon, list: StatisticsPage };
}
