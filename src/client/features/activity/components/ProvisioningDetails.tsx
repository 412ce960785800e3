import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ProvisioningEntry } from '../../../../shared/api/activity';

const term = { fontWeight: 600, mt: 1.5, '&:first-of-type': { mt: 0 } } as const;
const cell = { textAlign: 'left', px: 1, py: 0.5, verticalAlign: 'top' } as const;

function Value({ value }: { value: string | null }) {
  if (value === null) {
    return (
      <Box component="span" sx={{ color: 'text.secondary' }}>
        (none)
      </Box>
    );
  }
  return (
    <Box component="code" sx={{ overflowWrap: 'anywhere' }}>
      {value}
    </Box>
  );
}

/** What one SCIM request was, what it changed, what was not applied and why it failed. */
export function ProvisioningDetails({ entry }: { entry: ProvisioningEntry }) {
  return (
    <Box component="dl" sx={{ m: 0, py: 1 }}>
      <Typography component="dt" variant="body2" sx={term}>
        Request
      </Typography>
      <Box component="dd" sx={{ m: 0 }}>
        <Box component="code" sx={{ overflowWrap: 'anywhere' }}>
          {entry.method} {entry.path}
        </Box>
        {entry.resourceId && (
          <Typography variant="body2" color="text.secondary">
            SCIM id {entry.resourceId}
          </Typography>
        )}
      </Box>
      {entry.error && (
        <>
          <Typography component="dt" variant="body2" sx={term}>
            Error
          </Typography>
          <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {entry.error}
          </Typography>
        </>
      )}
      {entry.notApplied.length > 0 && (
        <>
          <Typography component="dt" variant="body2" sx={term}>
            Accepted but not applied
          </Typography>
          <Box component="dd" sx={{ m: 0 }}>
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {entry.notApplied.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </Box>
          </Box>
        </>
      )}
      <Typography component="dt" variant="body2" sx={term}>
        What changed
      </Typography>
      <Box component="dd" sx={{ m: 0 }}>
        {entry.changes.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            Nothing was changed.
          </Typography>
        ) : (
          <Box
            component="table"
            aria-label="What changed"
            sx={{ borderCollapse: 'collapse', typography: 'body2', '& th': { fontWeight: 600 } }}
          >
            <thead>
              <tr>
                <Box component="th" scope="col" sx={cell}>
                  Attribute
                </Box>
                <Box component="th" scope="col" sx={cell}>
                  Before
                </Box>
                <Box component="th" scope="col" sx={cell}>
                  After
                </Box>
              </tr>
            </thead>
            <tbody>
              {entry.changes.map((change) => (
                <tr key={change.attribute}>
                  <Box component="th" scope="row" sx={cell}>
                    {change.attribute}
                  </Box>
                  <Box component="td" sx={cell}>
                    <Value value={change.before} />
                  </Box>
                  <Box component="td" sx={cell}>
                    <Box component="span" aria-hidden sx={{ color: 'text.secondary', mr: 1 }}>
                      →
                    </Box>
                    <Value value={change.after} />
                  </Box>
                </tr>
              ))}
            </tbody>
          </Box>
        )}
      </Box>
    </Box>
  );
}
