import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { SeatEffectQuery } from '../../../../shared/api/directory-groups';
import { useSeatEffect } from '../api/preview-seat-effect';
import { describeSeatEffect } from '../utils/seat-effect';

/**
 * "12 users move from Basic to Pro": what saving would do to seats, counted by the server before
 * anything is saved. A polite live region, so the count is heard when it arrives.
 */
export function SeatEffectPreview({
  query,
  enabled = true,
}: {
  query: SeatEffectQuery;
  enabled?: boolean;
}) {
  const effect = useSeatEffect(query, { enabled });
  let text = '';
  if (enabled && effect.isPending) text = 'Counting the seats this changes…';
  if (enabled && effect.data) text = `${describeSeatEffect(effect.data).join('. ')}.`;
  return (
    <>
      <Box role="status">
        {text && (
          <Alert severity="info" icon={false} sx={{ py: 0, mt: 2 }}>
            <strong>Effect on seats:</strong> {text}
          </Alert>
        )}
      </Box>
      {enabled && effect.error && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          Could not count the seats this changes: {effect.error.message}
        </Alert>
      )}
    </>
  );
}
