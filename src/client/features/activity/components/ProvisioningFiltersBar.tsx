import Box from '@mui/material/Box';
import type { ProvisioningAction, ProvisioningOutcome } from '../../../../shared/api/activity';
import { FilterSelect } from '../../../components/FilterSelect';
import { SearchFilter } from '../../../components/SearchFilter';
import type { ProvisioningFilters } from '../utils/activity-filters';
import { optionsOf, outcomeLabels, provisioningActionLabels } from '../utils/labels';
import { TimeRangeFilter } from './TimeRangeFilter';

/** Action, status, time and user or group: each change goes into the address, then the server. */
export function ProvisioningFiltersBar({
  filters,
  errors,
  onChange,
}: {
  filters: ProvisioningFilters;
  errors: Record<string, string>;
  onChange(change: Partial<ProvisioningFilters>): void;
}) {
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start', my: 2 }}>
      <SearchFilter
        label="User or group"
        value={filters.subject}
        onSearch={(subject) => onChange({ subject })}
      />
      <FilterSelect
        label="Action"
        value={filters.action ?? ''}
        onChange={(value) => onChange({ action: (value || undefined) as ProvisioningAction })}
      >
        <option value="">All</option>
        {optionsOf(provisioningActionLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label="Status"
        value={filters.outcome ?? ''}
        onChange={(value) => onChange({ outcome: (value || undefined) as ProvisioningOutcome })}
      >
        <option value="">All</option>
        {optionsOf(outcomeLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <TimeRangeFilter value={filters} errors={errors} onChange={(range) => onChange(range)} />
    </Box>
  );
}
