import Alert from '@mui/material/Alert';
import type { FieldErrors, FieldValues } from 'react-hook-form';

/** The form-level error (one with no field to sit next to), when there is one. */
export function FormErrorAlert<T extends FieldValues>({ errors }: { errors: FieldErrors<T> }) {
  const message = errors.root?.server?.message;
  if (!message) return null;
  return (
    <Alert severity="error" sx={{ mt: 2 }}>
      {message}
    </Alert>
  );
}
