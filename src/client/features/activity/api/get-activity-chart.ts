import { queryOptions, useQuery } from '@tanstack/react-query';
import { getActivityChart as getActivityChartEndpoint } from '../../../../shared/api/activity';
import { apiRequest } from '../../../lib/api-client';
import { allActivityKey } from './list-provisioning-activity';

/** The chart on the main page covers the last 7 days, hour by hour. */
export const CHART_HOURS = 168;

export const getActivityChart = (hours: number) =>
  apiRequest(getActivityChartEndpoint, { query: { hours } });

export const activityChartQueryOptions = (hours = CHART_HOURS) =>
  queryOptions({
    queryKey: [...allActivityKey(), 'chart', hours] as const,
    queryFn: () => getActivityChart(hours),
    refetchInterval: 60_000,
  });

export const useActivityChart = () => useQuery(activityChartQueryOptions());
