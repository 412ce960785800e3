import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { formatCount } from '../../../../shared/text';
import { Pager } from '../../../components/Pager';
import { useSearchParams } from '../../../lib/router';
import { AppHeader } from '../../configuration/components/AppHeader';
import { usersExportHref } from '../api/export-users';
import { useUsers } from '../api/list-users';
import {
  filtersFromSearch,
  searchFromFilters,
  USER_PAGE_SIZES,
  type UserFilters,
  usersQueryFor,
} from '../utils/licence';
import { LicenceTotals } from './LicenceTotals';
import { SignInRefusals } from './SignInRefusals';
import { UserFiltersBar } from './UserFiltersBar';
import { UsersTable } from './UsersTable';

/** "/users": provisioned users, their licence and groups; filters live in the address. */
export default function UsersPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const users = useUsers(usersQueryFor(filters));

  const update = (change: Partial<UserFilters>) => {
    // Any change but the page itself starts again at page 1.
    const page = change.page ?? 1;
    setParams(searchFromFilters({ ...filters, ...change, page }), { replace: true });
  };

  const filtered = Boolean(filters.q || filters.licence || filters.status);
  const data = users.data;
  return (
    <>
      <title>Users · Okta SSO Console</title>
      <AppHeader />
      <Container component="main" maxWidth="lg" sx={{ py: 4 }}>
        <Typography variant="h4" component="h1" gutterBottom>
          Users
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          The people Okta provisioned over SCIM. A user's licence is Pro when they are in any group
          mapped to Pro, else Basic when in any group mapped to Basic, else none.
        </Typography>
        <LicenceTotals headingLevel="h2" />
        <Paper
          component="section"
          variant="outlined"
          aria-labelledby="users-list"
          sx={{ p: { xs: 2, sm: 3 } }}
        >
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, justifyContent: 'space-between' }}>
            <Typography id="users-list" variant="h5" component="h2">
              Provisioned users
            </Typography>
            <Button
              variant="outlined"
              component="a"
              href={usersExportHref(usersQueryFor(filters))}
              download
              aria-describedby="users-export-hint"
            >
              Export CSV
            </Button>
          </Box>
          <Typography id="users-export-hint" variant="body2" color="text.secondary">
            Export CSV downloads every user these filters select (email, name, status, licence,
            groups, last sign-in), not only this page: for billing.
          </Typography>
          <UserFiltersBar filters={filters} onChange={update} />
          <Typography role="status" variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {data &&
              `${formatCount(data.total)} ${data.total === 1 ? 'user' : 'users'}${filtered ? ' match' : ''}`}
          </Typography>
          {users.error && <Alert severity="error">{users.error.message}</Alert>}
          {users.isPending && <Skeleton variant="rounded" height={240} />}
          {data && (
            <>
              <UsersTable
                users={data.users}
                labelledBy="users-list"
                busy={users.isPlaceholderData}
                empty={
                  filtered
                    ? 'No user matches these filters.'
                    : 'No users yet. Okta provisions them when you assign people to the SCIM app.'
                }
              />
              <Pager
                total={data.total}
                page={filters.page}
                pageSize={filters.pageSize}
                pageSizes={USER_PAGE_SIZES}
                noun="Users"
                onChange={update}
              />
            </>
          )}
        </Paper>
        <SignInRefusals />
      </Container>
    </>
  );
}
