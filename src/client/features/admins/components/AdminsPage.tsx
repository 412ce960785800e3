import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useRef, useState } from 'react';
import type { AdminView } from '../../../../shared/api/admins';
import { closed, type Opening, reopen, shut } from '../../../components/dialog-opening';
import { Notice } from '../../../components/Notice';
import { AppHeader } from '../../configuration/components/AppHeader';
import { useAdmins } from '../api/list-admins';
import { AdminsTable } from './AdminsTable';

const loadAddDialog = () => import('./AddAdminDialog');
const AddAdminDialog = lazy(loadAddDialog);
const loadRemoveDialog = () => import('./RemoveAdminDialog');
const RemoveAdminDialog = lazy(loadRemoveDialog);
const loadPasswordDialog = () => import('./ChangePasswordDialog');
const ChangePasswordDialog = lazy(loadPasswordDialog);

/** "/admins": who can use this console, adding and removing them, and your own password. */
export default function AdminsPage() {
  const admins = useAdmins();
  const addButton = useRef<HTMLButtonElement>(null);
  const [add, setAdd] = useState<Opening>(closed);
  const [remove, setRemove] = useState<Opening<AdminView>>(closed);
  const [password, setPassword] = useState<Opening>(closed);
  const [notice, setNotice] = useState<string>();
  const target = remove.target;

  return (
    <>
      <title>Administrators · Okta SSO Console</title>
      <AppHeader />
      <Container component="main" maxWidth="lg" sx={{ py: 4 }}>
        <Typography variant="h4" component="h1" gutterBottom>
          Administrators
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          The people who can sign in to this console and change its settings. People who sign in to
          the application with Okta are on the Users page.
        </Typography>

        <Paper
          component="section"
          variant="outlined"
          aria-labelledby="your-password"
          sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}
        >
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography id="your-password" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
              Your password
            </Typography>
            <Button
              variant="contained"
              onPointerEnter={loadPasswordDialog}
              onFocus={loadPasswordDialog}
              onClick={() => setPassword(reopen())}
            >
              Change password
            </Button>
          </Box>
          <Typography sx={{ mt: 1 }}>
            If the console made your password (the one printed in its log at first start), change it
            now.
          </Typography>
        </Paper>

        <Paper
          component="section"
          variant="outlined"
          aria-labelledby="admins-list"
          sx={{ p: { xs: 2, sm: 3 } }}
        >
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
            <Typography id="admins-list" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
              Console administrators
            </Typography>
            <Button
              ref={addButton}
              variant="contained"
              onPointerEnter={loadAddDialog}
              onFocus={loadAddDialog}
              onClick={() => setAdd(reopen())}
            >
              Add administrator
            </Button>
          </Box>
          {admins.error && <Alert severity="error">{admins.error.message}</Alert>}
          {admins.isPending && <Skeleton variant="rounded" height={96} />}
          {admins.data && (
            <AdminsTable
              admins={admins.data.admins}
              labelledBy="admins-list"
              onRemove={(admin) => {
                void loadRemoveDialog();
                setRemove(reopen(admin));
              }}
            />
          )}
        </Paper>
      </Container>

      <Suspense fallback={null}>
        {add.key > 0 && (
          <AddAdminDialog key={add.key} open={add.open} onClose={() => setAdd(shut)} />
        )}
        {target && (
          <RemoveAdminDialog
            key={remove.key}
            open={remove.open}
            admin={target}
            onClose={() => setRemove(shut)}
            onRemoved={() => {
              setRemove(shut);
              setNotice(`${target.email} removed.`);
            }}
            onExited={(removed) => {
              if (removed) addButton.current?.focus();
            }}
          />
        )}
        {password.key > 0 && (
          <ChangePasswordDialog
            key={password.key}
            open={password.open}
            onClose={() => setPassword(shut)}
            onChanged={() => {
              setPassword(shut);
              setNotice('Password changed. Your other sessions have ended.');
            }}
          />
        )}
      </Suspense>
      <Notice open={Boolean(notice)} message={notice} onClose={() => setNotice(undefined)} />
    </>
  );
}
