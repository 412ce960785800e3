import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  previewSeatEffect as previewSeatEffectEndpoint,
  type SeatEffectQuery,
} from '../../../../shared/api/directory-groups';
import { apiRequest } from '../../../lib/api-client';
import { directoryGroupsQueryOptions } from './list-directory-groups';

/** Who would move between Pro, Basic and no licence, before anything is saved. */
export const previewSeatEffect = (query: SeatEffectQuery, signal?: AbortSignal) =>
  apiRequest(previewSeatEffectEndpoint, { query, signal });

export const seatEffectQueryOptions = (query: SeatEffectQuery) =>
  queryOptions({
    queryKey: [directoryGroupsQueryOptions().queryKey[0], 'seat-effect', query] as const,
    queryFn: ({ signal }) => previewSeatEffect(query, signal),
    // Memberships change as Okta pushes: count again each time a dialog asks.
    staleTime: 0,
  });

export const useSeatEffect = (query: SeatEffectQuery, { enabled = true } = {}) =>
  useQuery({ ...seatEffectQueryOptions(query), enabled });
