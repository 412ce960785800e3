import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { UserDetails } from '../../../../shared/api/user-details';
import { FormattedDate } from '../../../components/FormattedDate';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { Link as RouterLink } from '../../../lib/router';
import { licenceLabel } from '../utils/licence';

/** A titled card of the person's page, labelled by its heading. */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={id}
      sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}
    >
      <Typography id={id} variant="h5" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** The licence, and which mapped group gives it, or why none does. */
export function LicenceWhy({ user }: { user: UserDetails }) {
  const reason = user.licenceReason;
  return (
    <Section id="user-licence" title="Licence">
      <Typography>
        {reason.kind === 'group' ? (
          <>
            <strong>{licenceLabel[user.licence]}</strong>, from the group{' '}
            <strong>{reason.groupName}</strong>, mapped to {licenceLabel[reason.capability]}
            {user.licence === 'pro' ? ' (Pro wins over Basic).' : '.'}
          </>
        ) : (
          <>
            <strong>None</strong>:{' '}
            {reason.groupCount === 0
              ? 'Okta has put this person in no group.'
              : reason.groupCount === 1
                ? 'their one group is not mapped to Basic or Pro.'
                : `none of their ${reason.groupCount} groups is mapped to Basic or Pro.`}{' '}
            They are refused at sign-in.{' '}
            <Link component={RouterLink} to="/#directory-groups">
              Map a group under Directory groups
            </Link>
          </>
        )}
      </Typography>
      {!user.active && (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          Deactivated by Okta: they hold no seat and cannot sign in until Okta reactivates them.
        </Typography>
      )}
    </Section>
  );
}

const none = (
  <Box component="span" sx={{ color: 'text.secondary' }}>
    Not sent
  </Box>
);

/** What Okta sent over SCIM, as a list of terms and values. */
export function UserAttributes({ user }: { user: UserDetails }) {
  const rows: Array<[string, ReactNode]> = [
    ['userName', user.userName],
    ['Given name', user.givenName ?? none],
    ['Family name', user.familyName ?? none],
    [
      'Emails',
      user.emails.length === 0
        ? none
        : user.emails.map((e) => (
            <Box key={e.value}>
              {e.value}
              {e.type || e.primary
                ? ` (${[e.type, e.primary && 'primary'].filter(Boolean).join(', ')})`
                : ''}
            </Box>
          )),
    ],
    ['externalId (Okta)', user.externalId ?? none],
    ['Locale', user.locale ?? none],
    ['Status', user.active ? 'Active' : 'Deactivated'],
    ['Created', <FormattedDate key="c" iso={user.createdAt} />],
    ['Updated', <FormattedDate key="u" iso={user.updatedAt} />],
    [
      'Last sign-in',
      user.lastSignInAt ? <FormattedDate key="l" iso={user.lastSignInAt} /> : 'Never',
    ],
    ['SCIM id', user.id],
  ];
  return (
    <Section id="user-attributes" title="SCIM attributes">
      <Box
        component="dl"
        sx={{
          display: 'grid',
          gridTemplateColumns: { sm: 'max-content 1fr' },
          gap: 1,
          columnGap: 3,
          m: 0,
        }}
      >
        {rows.map(([term, value]) => (
          <Box key={term} sx={{ display: 'contents' }}>
            <Box component="dt" sx={{ color: 'text.secondary' }}>
              {term}
            </Box>
            <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
              {value}
            </Box>
          </Box>
        ))}
      </Box>
    </Section>
  );
}

export function UserGroups({ user }: { user: UserDetails }) {
  return (
    <Section id="user-groups" title="Groups">
      {user.groups.length === 0 ? (
        <Typography color="text.secondary">In no group.</Typography>
      ) : (
        <ScrollableTable>
          <Table size="small" aria-labelledby="user-groups">
            <TableHead>
              <TableRow>
                <TableCell>Group</TableCell>
                <TableCell>Tier</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {user.groups.map((g) => (
                <TableRow key={g.id}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{g.name}</TableCell>
                  <TableCell>{g.capability ? licenceLabel[g.capability] : 'Not mapped'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollableTable>
      )}
    </Section>
  );
}
