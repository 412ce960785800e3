import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import { useId, useState } from 'react';
import { endsBeforeStart, RANGE_BACKWARDS_MESSAGE } from '../../../../shared/api/activity';
import { FilterSelect } from '../../../components/FilterSelect';
import {
  isoToLocalInput,
  localInputToIso,
  RANGE_OPTIONS,
  type RangeChoice,
  type TimeRange,
} from '../utils/time-range';

function DateTimeField({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: string | undefined;
  /** The server's message about this bound, shown under the field. */
  error?: string;
  onChange(iso: string | undefined): void;
}) {
  const id = useId();
  const helperId = `${id}-helper-text`;
  const shown = isoToLocalInput(value);
  // What the field holds, relative to the bound it was typed over. Browsers report a half-typed
  // date-time as '', so '' only clears the bound when the person leaves the field.
  const [draft, setDraft] = useState({ text: shown, over: shown });
  const text = draft.over === shown ? draft.text : shown;
  return (
    <FormControl size="small" error={Boolean(error)} sx={{ minWidth: 220 }}>
      <InputLabel htmlFor={id} shrink>
        {label}
      </InputLabel>
      <OutlinedInput
        id={id}
        type="datetime-local"
        notched
        label={label}
        value={text}
        aria-describedby={error ? helperId : undefined}
        onChange={(event) => {
          const typed = event.target.value;
          const iso = localInputToIso(typed);
          setDraft({ text: typed, over: iso ? isoToLocalInput(iso) : shown });
          if (iso) onChange(iso);
        }}
        onBlur={() => {
          if (text === '' && value) onChange(undefined);
        }}
      />
      {error && <FormHelperText id={helperId}>{error}</FormHelperText>}
    </FormControl>
  );
}

export const BACKWARDS = RANGE_BACKWARDS_MESSAGE;

/** "Time": any time, a preset counting back from now, or custom From and To (local time). */
export function TimeRangeFilter({
  value,
  errors,
  onChange,
}: {
  value: TimeRange;
  /** Field messages of a 400 answer, by query parameter. */
  errors: Record<string, string>;
  onChange(range: TimeRange): void;
}) {
  // Said at once, whether or not the server answers with a message of its own.
  const backwards = value.range === 'custom' && endsBeforeStart(value);
  return (
    <>
      <FilterSelect
        label="Time"
        value={value.range}
        onChange={(range) =>
          onChange(
            range === 'custom'
              ? { range, from: value.from, to: value.to }
              : { range: range as RangeChoice },
          )
        }
      >
        {RANGE_OPTIONS.map(([choice, label]) => (
          <option key={choice} value={choice}>
            {label}
          </option>
        ))}
      </FilterSelect>
      {value.range === 'custom' && (
        <>
          <DateTimeField
            label="From"
            value={value.from}
            error={errors.from}
            onChange={(from) => onChange({ ...value, from })}
          />
          <DateTimeField
            label="To"
            value={value.to}
            error={errors.to ?? (backwards ? BACKWARDS : undefined)}
            onChange={(to) => onChange({ ...value, to })}
          />
        </>
      )}
    </>
  );
}
