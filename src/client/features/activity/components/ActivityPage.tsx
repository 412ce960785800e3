import Container from '@mui/material/Container';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useSearchParams } from '../../../lib/router';
import { AppHeader } from '../../configuration/components/AppHeader';
import { AuditPanel } from './AuditPanel';
import { ProvisioningPanel } from './ProvisioningPanel';

const TABS = [
  { value: 'provisioning', label: 'Provisioning' },
  { value: 'audit', label: 'Audit log' },
] as const;
type TabValue = (typeof TABS)[number]['value'];

/**
 * "/activity": what Okta sent over SCIM and what this console did with it, and the audit log of
 * admin changes. The tab and every filter live in the address, so a link reproduces the view.
 */
export default function ActivityPage() {
  const [params, setParams] = useSearchParams();
  const tab: TabValue = params.get('tab') === 'audit' ? 'audit' : 'provisioning';

  return (
    <>
      <title>Activity · Okta SSO Console</title>
      <AppHeader />
      <Container component="main" maxWidth="lg" sx={{ py: 4 }}>
        <Typography variant="h4" component="h1" gutterBottom>
          Activity
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          Did Okta send it, and what did this console do with it? Every provisioning request and
          every admin change is recorded here, for as long as the server keeps them (90 days unless
          set otherwise).
        </Typography>
        <Tabs
          value={tab}
          onChange={(_, value: TabValue) =>
            setParams(value === 'audit' ? { tab: 'audit' } : {}, { replace: false })
          }
          aria-label="Activity"
          sx={{ mb: 2 }}
        >
          {TABS.map(({ value, label }) => (
            <Tab
              key={value}
              value={value}
              label={label}
              sx={{ textTransform: 'none', fontWeight: 600 }}
              id={`activity-tab-${value}`}
              // Only the selected tab's panel is rendered: a reference to none would be invalid.
              aria-controls={value === tab ? `activity-panel-${value}` : undefined}
            />
          ))}
        </Tabs>
        <Paper
          variant="outlined"
          role="tabpanel"
          id={`activity-panel-${tab}`}
          aria-labelledby={`activity-tab-${tab}`}
          sx={{ p: { xs: 2, sm: 3 } }}
        >
          {tab === 'audit' ? <AuditPanel /> : <ProvisioningPanel />}
        </Paper>
      </Container>
    </>
  );
}
