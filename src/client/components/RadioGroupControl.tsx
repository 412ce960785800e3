import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { type ReactNode, useId } from 'react';
import { type Control, type FieldPath, type FieldValues, useController } from 'react-hook-form';

export interface RadioOption {
  value: string;
  label: string;
  /** A line under the label, part of the radio's description. */
  detail?: ReactNode;
}

/** A labelled radio group bound to react-hook-form; the field's error replaces the hint. */
export function RadioGroupControl<T extends FieldValues, TOut = T>({
  control,
  name,
  label,
  options,
  hint,
  row,
  disabled,
}: {
  control: Control<T, unknown, TOut>;
  name: FieldPath<T>;
  /** The group's accessible name, shown as its legend. */
  label: string;
  options: readonly RadioOption[];
  hint?: ReactNode;
  row?: boolean;
  disabled?: boolean;
}) {
  const { field, fieldState } = useController({ control, name });
  const id = useId();
  const helperText = fieldState.error?.message ?? hint;
  return (
    <FormControl
      component="fieldset"
      margin="normal"
      error={fieldState.invalid}
      disabled={disabled}
      fullWidth
    >
      <FormLabel component="legend" id={`${id}-label`}>
        {label}
      </FormLabel>
      <RadioGroup
        row={row}
        aria-labelledby={`${id}-label`}
        aria-describedby={helperText ? `${id}-helper-text` : undefined}
        name={field.name}
        value={field.value ?? ''}
        onChange={(_, value) => field.onChange(value)}
        onBlur={field.onBlur}
        ref={field.ref}
      >
        {options.map((option) => (
          <FormControlLabel
            key={option.value}
            value={option.value}
            control={<Radio />}
            label={option.label}
          />
        ))}
      </RadioGroup>
      {helperText && <FormHelperText id={`${id}-helper-text`}>{helperText}</FormHelperText>}
    </FormControl>
  );
}
