import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useRef, useState } from 'react';
import type { ApplicationView } from '../../../../shared/api/applications';
import { closed, type Opening, reopen, shut } from '../../../components/dialog-opening';
import { Notice } from '../../../components/Notice';
import { ApplicationsTable } from './ApplicationsTable';

const loadAddDialog = () => import('./AddApplicationDialog');
const AddApplicationDialog = lazy(loadAddDialog);
const loadRotateDialog = () => import('./RotateSecretDialog');
const RotateSecretDialog = lazy(loadRotateDialog);
const loadRemoveDialog = () => import('./RemoveApplicationDialog');
const RemoveApplicationDialog = lazy(loadRemoveDialog);

/** The applications, "Add application", and per application "Rotate secret" and "Remove". */
export function ApplicationsSection({ applications }: { applications: ApplicationView[] }) {
  const addButton = useRef<HTMLButtonElement>(null);
  const [add, setAdd] = useState<Opening>(closed);
  const [rotate, setRotate] = useState<Opening<ApplicationView>>(closed);
  const [remove, setRemove] = useState<Opening<ApplicationView>>(closed);
  const [notice, setNotice] = useState<string>();
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="applications-list"
      sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography id="applications-list" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Applications
        </Typography>
        <Button
          ref={addButton}
          variant="contained"
          onPointerEnter={loadAddDialog}
          onFocus={loadAddDialog}
          onClick={() => setAdd(reopen())}
        >
          Add application
        </Button>
      </Box>
      {applications.length === 0 ? (
        <Alert severity="info">No application yet. Add one to get its client ID and secret.</Alert>
      ) : (
        <ApplicationsTable
          applications={applications}
          labelledBy="applications-list"
          onRotate={(a) => setRotate(reopen(a))}
          onRemove={(a) => setRemove(reopen(a))}
        />
      )}
      <Suspense fallback={null}>
        {add.key > 0 && (
          <AddApplicationDialog
            key={`add-${add.key}`}
            open={add.open}
            onClose={() => setAdd(shut)}
          />
        )}
        {rotate.target && (
          <RotateSecretDialog
            key={`rotate-${rotate.key}`}
            open={rotate.open}
            application={rotate.target}
            onClose={() => setRotate(shut)}
          />
        )}
        {remove.target && (
          <RemoveApplicationDialog
            key={`remove-${remove.key}`}
            open={remove.open}
            application={remove.target}
            onClose={() => setRemove(shut)}
            onRemoved={() => {
              setRemove(shut);
              setNotice(`${remove.target?.name} removed.`);
            }}
            onExited={(removed) => {
              if (removed) addButton.current?.focus();
            }}
          />
        )}
      </Suspense>
      <Notice open={Boolean(notice)} message={notice} onClose={() => setNotice(undefined)} />
    </Paper>
  );
}
