import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import NativeSelect from '@mui/material/NativeSelect';
import OutlinedInput from '@mui/material/OutlinedInput';
import { type ReactNode, useId, useState } from 'react';
import { FILTER_DEBOUNCE_MS, useDebouncedCallback } from '../../../lib/use-debounced-callback';
import type { LicenceFilter, StatusFilter, UserFilters } from '../utils/licence';

function FilterSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <FormControl size="small" sx={{ minWidth: 140 }}>
      <InputLabel htmlFor={id} shrink>
        {label}
      </InputLabel>
      <NativeSelect
        value={value}
        onChange={(event) => onChange(event.target.value)}
        input={<OutlinedInput notched label={label} />}
        inputProps={{ id }}
      >
        {children}
      </NativeSelect>
    </FormControl>
  );
}

/** Search, licence and status: each change goes into the address, and from there to the server. */
export function UserFiltersBar({
  filters,
  onChange,
}: {
  filters: UserFilters;
  onChange(change: Partial<UserFilters>): void;
}) {
  const searchId = useId();
  // The text as typed, relative to the search in the address: a link that drops the search
  // (a licence total, say) empties the field.
  const [draft, setDraft] = useState({ text: filters.q, q: filters.q });
  const text = draft.q === filters.q ? draft.text : filters.q;
  const search = useDebouncedCallback((value: string) => {
    setDraft({ text: value, q: value.trim() });
    onChange({ q: value.trim() });
  }, FILTER_DEBOUNCE_MS);

  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', my: 2 }}>
      <FormControl size="small" sx={{ flex: '1 1 280px' }}>
        <InputLabel htmlFor={searchId}>Search by name or email</InputLabel>
        <OutlinedInput
          id={searchId}
          type="search"
          label="Search by name or email"
          autoComplete="off"
          inputProps={{ maxLength: 320 }}
          value={text}
          onChange={(event) => {
            setDraft({ text: event.target.value, q: filters.q });
            search(event.target.value);
          }}
        />
      </FormControl>
      <FilterSelect
        label="Licence"
        value={filters.licence ?? ''}
        onChange={(value) => onChange({ licence: (value || undefined) as LicenceFilter })}
      >
        <option value="">All</option>
        <option value="pro">Pro</option>
        <option value="basic">Basic</option>
        <option value="none">None</option>
      </FilterSelect>
      <FilterSelect
        label="Status"
        value={filters.status ?? ''}
        onChange={(value) => onChange({ status: (value || undefined) as StatusFilter })}
      >
        <option value="">All</option>
        <option value="active">Active</option>
        <option value="deactivated">Deactivated</option>
      </FilterSelect>
    </Box>
  );
}
