import TextField, { type TextFieldProps } from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { type Control, type FieldPath, type FieldValues, useController } from 'react-hook-form';

export type ControlProps<T extends FieldValues, TOut> = Omit<
  TextFieldProps,
  'name' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'error' | 'helperText' | 'label'
> & {
  control: Control<T, unknown, TOut>;
  name: FieldPath<T>;
  /** Visible label; also the field's accessible name. */
  label: string;
  /** Shown under the field when it has no error. */
  hint?: ReactNode;
};

/** A MUI text field bound to react-hook-form: the field's error replaces the hint under it. */
export function TextFieldControl<T extends FieldValues, TOut = T>({
  control,
  name,
  hint,
  ...props
}: ControlProps<T, TOut>) {
  const { field, fieldState } = useController({ control, name });
  return (
    <TextField
      fullWidth
      margin="normal"
      {...props}
      name={field.name}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
      error={fieldState.invalid}
      helperText={fieldState.error?.message ?? hint}
    />
  );
}
