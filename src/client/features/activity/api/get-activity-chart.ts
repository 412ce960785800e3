import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  CHART_HOURS,
  getActivityChart as getActivityChartEndpoint,
} from '../../../../shared/api/activity';
import { apiRequest } from '../../../lib/api-client';
import { allActivityKey } from './list-provisioning-activity';

export const getActivityChart = (hours: number) =>
  apiRequest(getActivityChartEndpoint, { query: { hours } });

export const activityChartQueryOptions = (hours = CHART_HOURS) =>
  queryOptions({
    queryKey: [...allActivityKey(), 'chart', hours] as const,
    queryFn: () => getActivityChart(hours),
    refetchInterval: 60_000,
  });

export const useActivityChart = () => useQuery(activityChartQueryOptions());
