import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { UserRow } from '../../../../shared/api/users';
import { Badge } from '../../../components/Badge';
import { FormattedDate } from '../../../components/FormattedDate';
import { PagedTableBody } from '../../../components/PagedTableBody';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { Link as RouterLink } from '../../../lib/router';
import { licenceLabel } from '../utils/licence';

const secondary = { display: 'block', color: 'text.secondary', typography: 'body2' } as const;

function Groups({ user }: { user: UserRow }) {
  if (user.groupCount === 0) return <Box sx={secondary}>No groups</Box>;
  const more = user.groupCount - user.groups.length;
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {user.groups.map((group) => (
        <li key={group.name}>
          {group.name}
          {group.capability && (
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {' '}
              ({licenceLabel[group.capability]})
            </Box>
          )}
        </li>
      ))}
      {more > 0 && (
        <Box component="li" sx={{ color: 'text.secondary' }}>
          and {more} more
        </Box>
      )}
    </Box>
  );
}

/** One page of users with their licence and the groups that give it. */
export function UsersTable({
  users,
  labelledBy,
  busy,
  empty,
}: {
  users: UserRow[];
  labelledBy: string;
  busy: boolean;
  empty: string;
}) {
  return (
    <ScrollableTable>
      <Table size="small" aria-labelledby={labelledBy} aria-busy={busy}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>User name / email</TableCell>
            <TableCell>Active</TableCell>
            <TableCell>Licence</TableCell>
            <TableCell>Groups</TableCell>
            <TableCell>Last sign-in</TableCell>
          </TableRow>
        </TableHead>
        <PagedTableBody rows={users.length} columns={6} busy={busy} empty={empty}>
          {users.map((user) => (
            <TableRow key={user.id}>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                <Link component={RouterLink} to={`/users/${encodeURIComponent(user.id)}`}>
                  {user.name}
                </Link>
              </TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                {user.userName}
                {user.email && user.email.toLowerCase() !== user.userName.toLowerCase() && (
                  <Box component="span" sx={secondary}>
                    {user.email}
                  </Box>
                )}
              </TableCell>
              <TableCell>{user.active ? 'Active' : 'Deactivated'}</TableCell>
              <TableCell>
                <Badge
                  variant={user.licence === 'none' ? 'outlined' : 'filled'}
                  color={user.licence === 'pro' ? 'primary' : 'default'}
                  label={licenceLabel[user.licence]}
                />
              </TableCell>
              <TableCell>
                <Groups user={user} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {user.lastSignInAt ? <FormattedDate iso={user.lastSignInAt} /> : 'Never'}
              </TableCell>
            </TableRow>
          ))}
        </PagedTableBody>
      </Table>
    </ScrollableTable>
  );
}
