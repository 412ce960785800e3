import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { isApiError } from './api-error';

const UNKNOWN_FAILURE = 'Something went wrong. Try again.';

/**
 * Puts a failed request's messages where the person will look: each server field error on its
 * field (the first one focused), and anything without a field as the form's own error.
 */
export function showServerError<T extends FieldValues>(
  error: unknown,
  fieldNames: readonly FieldPath<T>[],
  setError: UseFormSetError<T>,
): void {
  if (!isApiError(error)) {
    setError('root.server', { type: 'server', message: UNKNOWN_FAILURE });
    return;
  }
  const unplaced: string[] = [];
  let placed = 0;
  for (const [name, message] of Object.entries(error.fields)) {
    const field = fieldNames.find((candidate) => candidate === name);
    if (field) {
      setError(field, { type: 'server', message }, { shouldFocus: placed === 0 });
      placed += 1;
    } else {
      unplaced.push(message);
    }
  }
  if (placed === 0 || unplaced.length > 0) {
    const detail = unplaced.filter((message) => message !== error.message);
    setError('root.server', { type: 'server', message: [error.message, ...detail].join(' ') });
  }
}
