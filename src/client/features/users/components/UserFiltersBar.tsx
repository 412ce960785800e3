import Box from '@mui/material/Box';
import { FilterSelect } from '../../../components/FilterSelect';
import { SearchFilter } from '../../../components/SearchFilter';
import type { LicenceFilter, StatusFilter, UserFilters } from '../utils/licence';

/** Search, licence and status: each change goes into the address, and from there to the server. */
export function UserFiltersBar({
  filters,
  onChange,
}: {
  filters: UserFilters;
  onChange(change: Partial<UserFilters>): void;
}) {
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', my: 2 }}>
      <SearchFilter
        label="Search by name or email"
        value={filters.q}
        onSearch={(q) => onChange({ q })}
      />
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
