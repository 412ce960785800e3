import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useRef, useState } from 'react';
import type { AccessKeyView } from '../../../../shared/api/access-keys';
import { useAccessKeys } from '../api/list-access-keys';
import { atActiveLimit, keyLabel } from '../utils/access-keys';
import { AccessKeysTable } from './AccessKeysTable';

const loadCreateDialog = () => import('./CreateAccessKeyDialog');
const CreateAccessKeyDialog = lazy(loadCreateDialog);
const loadRevokeDialog = () => import('./RevokeAccessKeyDialog');
const RevokeAccessKeyDialog = lazy(loadRevokeDialog);

interface RevokeState {
  open: boolean;
  /** Changes on every opening, so the dialog starts again with a fresh mutation. */
  key: number;
  target?: AccessKeyView;
}

/** "Access keys": the list, "Create access key" and "Revoke", each dialog loaded on demand. */
export function AccessKeysPanel({ onNotice }: { onNotice(message: string): void }) {
  const keys = useAccessKeys();
  const createButton = useRef<HTMLButtonElement>(null);
  const [create, setCreate] = useState({ open: false, key: 0 });
  const [revoke, setRevoke] = useState<RevokeState>({ open: false, key: 0 });
  const full = keys.data ? atActiveLimit(keys.data) : false;
  const target = revoke.target;

  return (
    <>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography id="access-keys" variant="h6" component="h3" sx={{ flexGrow: 1 }}>
          Access keys
        </Typography>
        <Button
          ref={createButton}
          variant="contained"
          disabled={!keys.data}
          aria-describedby={full ? 'access-key-limit' : undefined}
          onPointerEnter={loadCreateDialog}
          onFocus={loadCreateDialog}
          onClick={() => setCreate(({ key }) => ({ open: true, key: key + 1 }))}
        >
          Create access key
        </Button>
      </Box>
      {full && keys.data && (
        <Typography id="access-key-limit" variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {keys.data.maxActive} keys are active, the most allowed. Revoke one before creating
          another.
        </Typography>
      )}
      {keys.error && <Alert severity="error">{keys.error.message}</Alert>}
      {keys.isPending && <Skeleton variant="rounded" height={96} />}
      {keys.data && (
        <AccessKeysTable
          keys={keys.data.keys}
          labelledBy="access-keys"
          onRevoke={(target) => {
            void loadRevokeDialog();
            setRevoke(({ key }) => ({ open: true, key: key + 1, target }));
          }}
        />
      )}
      {create.key > 0 && keys.data && (
        <Suspense fallback={null}>
          <CreateAccessKeyDialog
            key={create.key}
            open={create.open}
            maxActive={keys.data.maxActive}
            onClose={() => setCreate((c) => ({ ...c, open: false }))}
          />
        </Suspense>
      )}
      {target && (
        <Suspense fallback={null}>
          <RevokeAccessKeyDialog
            key={revoke.key}
            open={revoke.open}
            accessKey={target}
            onClose={() => setRevoke((r) => ({ ...r, open: false }))}
            onRevoked={() => {
              setRevoke((r) => ({ ...r, open: false }));
              onNotice(`Access key ${keyLabel(target)} revoked.`);
            }}
            onExited={(revoked) => {
              if (revoked) createButton.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
