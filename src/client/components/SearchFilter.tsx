import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import { useId, useState } from 'react';
import { FILTER_DEBOUNCE_MS, useDebouncedCallback } from '../lib/use-debounced-callback';

/**
 * A search box for a filter bar whose value lives in the address: `onSearch` gets the trimmed text
 * once typing pauses. A link that changes the search (or drops it) replaces what was typed.
 */
export function SearchFilter({
  label,
  value,
  onSearch,
  maxLength = 320,
}: {
  label: string;
  /** The search as the address has it. */
  value: string;
  onSearch(value: string): void;
  maxLength?: number;
}) {
  const id = useId();
  // The text as typed, relative to the search it was typed over.
  const [draft, setDraft] = useState({ text: value, q: value });
  const text = draft.q === value ? draft.text : value;
  const search = useDebouncedCallback((typed: string) => {
    setDraft({ text: typed, q: typed.trim() });
    onSearch(typed.trim());
  }, FILTER_DEBOUNCE_MS);

  return (
    <FormControl size="small" sx={{ flex: '1 1 280px' }}>
      <InputLabel htmlFor={id}>{label}</InputLabel>
      <OutlinedInput
        id={id}
        type="search"
        label={label}
        autoComplete="off"
        inputProps={{ maxLength }}
        value={text}
        onChange={(event) => {
          setDraft({ text: event.target.value, q: value });
          search(event.target.value);
        }}
      />
    </FormControl>
  );
}
