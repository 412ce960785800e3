import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/** Only answers that may change on their own are worth retrying: no answer, or a 5xx. */
function isTransient(error: unknown): boolean {
  return !isApiError(error) || error.status === 0 || error.status >= 500;
}

export interface QueryClientOptions {
  /** Tests turn retries off so an error shows at once. */
  retry?: boolean;
}

export function createQueryClient({ retry = true }: QueryClientOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => retry && failures < 2 && isTransient(error),
      },
      mutations: { retry: false },
    },
  });
}
