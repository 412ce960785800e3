import type {
  AuditKind,
  ProvisioningAction,
  ProvisioningOutcome,
  SyncWarning,
} from '../../../../shared/api/activity';
import { formatCount } from '../../../../shared/text';

/**
 * Each Okta action in the words of Okta's admin console: the one label table, for the Activity
 * page (rows and its Action filter, in this order), Sync health and the main page's last request.
 */
export const provisioningActionLabels: Record<ProvisioningAction, string> = {
  test_connection: 'Test connection',
  import: 'Import',
  lookup_user: 'Look up user',
  get_user: 'Read user',
  create_user: 'Create user',
  update_user: 'Update user',
  deactivate_user: 'Deactivate user',
  reactivate_user: 'Reactivate user',
  delete_user: 'Delete user',
  lookup_group: 'Look up group',
  get_group: 'Read group',
  push_group: 'Push group',
  rename_group: 'Rename group',
  add_members: 'Add members',
  remove_members: 'Remove members',
  unlink_group: 'Unlink group',
  read_configuration: 'Read SCIM configuration',
  other: 'Other',
};

export const outcomeLabels: Record<ProvisioningOutcome, string> = {
  success: 'Success',
  not_applied: 'Accepted but not applied',
  error: 'Error',
};

export const auditKindLabels: Record<AuditKind, string> = {
  admin_sign_in: 'Admin signed in',
  admin_sign_in_failed: 'Admin sign-in failed',
  admin_sign_out: 'Admin signed out',
  admin_added: 'Administrator added',
  admin_removed: 'Administrator removed',
  admin_password_changed: 'Admin password changed',
  incoming_keys_saved: 'Incoming keys saved',
  incoming_keys_verified: 'Incoming keys verified',
  access_key_created: 'Access key created',
  access_key_revoked: 'Access key revoked',
  group_mapping_added: 'Group mapping added',
  group_mapping_changed: 'Group mapping changed',
  group_mapping_removed: 'Group mapping removed',
  end_user_refused: 'End-user sign-in refused',
  users_reactivated: 'Users reactivated',
  application_added: 'Application added',
  application_secret_rotated: 'Application secret rotated',
  application_removed: 'Application removed',
  webhook_added: 'Webhook added',
  webhook_changed: 'Webhook changed',
  webhook_removed: 'Webhook removed',
  webhook_test_sent: 'Webhook test event sent',
  webhook_resent: 'Webhook delivery resent',
  api_key_created: 'API key created',
  api_key_revoked: 'API key revoked',
};

export const warningTitles: Record<SyncWarning['kind'], string> = {
  okta_silent: 'Okta has been silent',
  repeated_failure: 'A request keeps failing',
  access_key_unused: 'An access key is not used',
  deprovisioning_burst: 'Many users deactivated at once',
};

/** Options of a select, in the order the labels are written. */
export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  Object.entries(labels) as [K, string][];

/** 0.1234 → "12.3%": a share as a percentage, with at most one decimal. */
export const formatShare = (share: number) => `${formatCount(Math.round(share * 1000) / 10)}%`;

/** "8 ms", "1.2 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export { plural } from '../../../../shared/text';
