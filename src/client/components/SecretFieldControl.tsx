import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import { useState } from 'react';
import type { FieldValues } from 'react-hook-form';
import { VisibilityIcon, VisibilityOffIcon } from './icons';
import { type ControlProps, TextFieldControl } from './TextFieldControl';

/**
 * A password-type field with a show/hide toggle. Autocomplete is off by default so a browser does
 * not offer saved passwords; callers pass `current-password` for real sign-in passwords.
 */
export function SecretFieldControl<T extends FieldValues, TOut = T>({
  autoComplete = 'off',
  ...props
}: ControlProps<T, TOut>) {
  const [visible, setVisible] = useState(false);
  return (
    <TextFieldControl
      {...props}
      type={visible ? 'text' : 'password'}
      autoComplete={autoComplete}
      slotProps={{
        htmlInput: { spellCheck: false, autoCapitalize: 'none', autoCorrect: 'off' },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                // Not "Show Client secret": a label search for the field would find this button too.
                aria-label={visible ? 'Hide characters' : 'Show characters'}
                onClick={() => setVisible((shown) => !shown)}
                edge="end"
              >
                {visible ? <VisibilityOffIcon /> : <VisibilityIcon />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
