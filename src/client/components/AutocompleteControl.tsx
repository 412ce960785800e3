import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { type Control, type FieldPath, type FieldValues, useController } from 'react-hook-form';

export interface Suggestion {
  value: string;
  /** Said after the value in the list, for example "already mapped". */
  note?: string;
}

/**
 * A text field bound to react-hook-form that suggests values as the person types (MUI Autocomplete,
 * freeSolo): any text is allowed, a suggestion only fills it in. The field holds the typed text.
 */
export function AutocompleteControl<T extends FieldValues, TOut = T>({
  control,
  name,
  label,
  hint,
  suggestions,
  loading,
  onTextChange,
  autoFocus,
  required,
}: {
  control: Control<T, unknown, TOut>;
  name: FieldPath<T>;
  /** Visible label; also the field's accessible name. */
  label: string;
  hint?: ReactNode;
  suggestions: readonly Suggestion[];
  loading?: boolean;
  /** Each change of the text, typed or picked: where the caller asks for new suggestions. */
  onTextChange?(text: string): void;
  autoFocus?: boolean;
  required?: boolean;
}) {
  const { field, fieldState } = useController({ control, name });
  return (
    <Autocomplete<Suggestion, false, false, true>
      freeSolo
      options={suggestions}
      filterOptions={(options) => options}
      getOptionLabel={(option) => (typeof option === 'string' ? option : option.value)}
      inputValue={field.value ?? ''}
      onInputChange={(_, text, reason) => {
        // 'reset' also fires when the options change under an unchanged value: only typing and
        // picking change the text.
        if (reason === 'reset' && text === (field.value ?? '')) return;
        field.onChange(text);
        onTextChange?.(text);
      }}
      loading={loading}
      loadingText="Looking for groups…"
      renderOption={({ key, ...props }, option) => (
        <li key={key} {...props}>
          {option.value}
          {option.note && (
            <span style={{ marginLeft: 'auto', paddingLeft: 16, opacity: 0.7 }}>{option.note}</span>
          )}
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          name={field.name}
          inputRef={field.ref}
          onBlur={field.onBlur}
          autoFocus={autoFocus}
          required={required}
          margin="normal"
          error={fieldState.invalid}
          helperText={fieldState.error?.message ?? hint}
          slotProps={{
            ...params.slotProps,
            htmlInput: {
              ...params.slotProps?.htmlInput,
              spellCheck: false,
              autoCapitalize: 'none',
            },
          }}
        />
      )}
    />
  );
}
