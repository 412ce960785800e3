import type { Generated } from 'kysely';

export interface AdminsTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  created_at: string;
  /** 1 while the password is one the console generated: the admin must choose their own (009). */
  must_change_password: Generated<number>;
}

export interface AdminSessionsTable {
  /** sha256 of the cookie value: the cookie itself is never stored. */
  token_hash: string;
  admin_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface IncomingKeysTable {
  /** Always 1: one Okta connection per installation. */
  id: number;
  client_id: string;
  /** AES-256-GCM ciphertext of the client secret. */
  client_secret_ciphertext: string;
  issuer_uri: string;
  server_kind: 'org' | 'custom';
  domain_kind: 'okta' | 'custom-domain' | 'loopback';
  token_endpoint_auth_method: 'client_secret_basic' | 'client_secret_post';
  /** The endpoints read from discovery, as JSON. */
  discovery_json: string;
  secret_set_at: string;
  verified_at: string;
  updated_at: string;
  updated_by: string;
}

export interface Database
  extends ScimTables,
    DirectoryGroupTables,
    ActivityTables,
    OidcProviderTables,
    EventTables {
  admins: AdminsTable;
  /** Failures counted by FailureLimiter (migration 010): one row per failure, within the window. */
  rate_limit_failures: { scope: string; subject: string; at_ms: number };
  admin_sessions: AdminSessionsTable;
  incoming_keys: IncomingKeysTable;
}

/** SCIM provisioning (migration 002): access keys, users, groups, memberships, request log. */
export interface ScimTables {
  scim_access_keys: {
    id: Generated<number>;
    /** The key's first characters, shown in the console; the key itself is never stored. */
    prefix: string;
    /** sha256 of the whole key. */
    key_hash: string;
    created_at: string;
    created_by: string;
    first_used_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  scim_users: {
    seq: Generated<number>;
    id: string;
    user_name: string;
    user_name_key: string;
    external_id: string | null;
    display_name_key: string | null;
    given_name_key: string | null;
    family_name_key: string | null;
    active: number;
    /** The SCIM document without id, meta and password, as JSON. */
    doc: string;
    created_at: string;
    last_modified: string;
    /** 2 Pro, 1 Basic, 0 none; kept by triggers (migration 006), never written by code. */
    licence_rank: Generated<number>;
  };
  scim_user_emails: {
    user_seq: number;
    value_key: string | null;
    type_key: string | null;
    is_primary: number;
  };
  scim_groups: {
    seq: Generated<number>;
    id: string;
    display_name: string;
    display_name_key: string;
    external_id: string | null;
    /** Extension attributes of the group, as JSON; members live in scim_group_members. */
    doc: string;
    created_at: string;
    last_modified: string;
  };
  scim_group_members: { group_seq: number; user_seq: number };
  scim_counts: {
    name: 'users_active' | 'users_inactive' | 'users_deleted' | 'groups';
    value: number;
  };
  scim_requests: {
    id: Generated<number>;
    at: string;
    method: string;
    path: string;
    status: number;
    duration_ms: number;
    /**
     * The Okta action as the contract names it (`provisioningAction`; migration 004). Since
     * migration 005 the only classification: the summary's words column is gone.
     */
    kind: Generated<string>;
    outcome: Generated<'success' | 'not_applied' | 'error'>;
    resource_type: 'User' | 'Group' | null;
    resource_id: string | null;
    resource_name: string | null;
    /** resource_name in lower case. */
    resource_key: string | null;
    /** JSON: [{attribute, before, after}], values JSON-encoded; never a password. */
    changes: string | null;
    /** JSON: sentences. */
    not_applied: string | null;
    error: string | null;
  };
}

/** Directory-group mappings, end-user sign-in (migration 003). */
export interface DirectoryGroupTables {
  directory_group_mappings: {
    id: Generated<number>;
    /** What the admin typed; a waiting mapping binds when a group with exactly this name arrives. */
    name: string;
    capability: 'basic' | 'pro';
    /** The bound group's SCIM id; null while waiting for Okta. */
    scim_group_id: string | null;
    /** The group's name when the mapping was bound, to show a later rename. */
    bound_name: string | null;
    bound_at: string | null;
    /** The group's name when Okta deleted it. */
    last_name: string | null;
    created_at: string;
    created_by: string;
    updated_at: string;
  };
  /** A view: mapped groups that Okta still pushes; rank 2 is Pro, 1 Basic. */
  directory_mapped_groups: {
    group_seq: number;
    mapping_id: number;
    capability: 'basic' | 'pro';
    rank: number;
  };
  end_user_sessions: {
    /** sha256 of the cookie value. */
    token_hash: string;
    /** The SCIM id of the user. */
    user_id: string;
    email: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
  };
  end_user_last_sign_in: { user_id: string; at: string };
  sign_in_events: {
    id: Generated<number>;
    at: string;
    /** The email or username the person tried, when known. */
    login: string | null;
    outcome: 'signed_in' | 'refused';
    reason: string | null;
    user_id: string | null;
  };
}

/** Admin audit log and the deprovisioning safety net (migration 004). */
export interface ActivityTables {
  audit_log: {
    id: Generated<number>;
    at: string;
    kind: string;
    actor: string;
    /** actor in lower case. */
    actor_key: string;
    summary: string;
    /** JSON object of non-secret details. */
    details: string;
  };
  deprovisioning_bursts: {
    id: Generated<number>;
    started_at: string;
    last_at: string;
    deactivated: number;
    active_before: number;
    reactivated_at: string | null;
    reactivated_by: string | null;
    reactivated_count: number | null;
  };
  scim_deactivations: {
    id: Generated<number>;
    at: string;
    /** The SCIM id of the user Okta deactivated. */
    user_id: string;
    burst_id: number | null;
  };
}

/** The console as an OpenID Provider (migration 007). */
export interface OidcProviderTables {
  applications: {
    client_id: string;
    name: string;
    /** JSON array of URLs. */
    redirect_uris: string;
    /** JSON array of URLs. */
    post_logout_redirect_uris: string;
    /** sha256 of the client secret; the secret is never stored. */
    secret_hash: string;
    previous_secret_hash: string | null;
    previous_secret_expires_at: string | null;
    secret_set_at: string;
    created_at: string;
    created_by: string;
  };
  /** oidc-provider's artefacts, one row each (its adapter interface). */
  oidc_payloads: {
    model: string;
    id: string;
    /** JSON. */
    payload: string;
    grant_id: string | null;
    user_code: string | null;
    uid: string | null;
    account_id: string | null;
    client_id: string | null;
    expires_at: string | null;
    consumed_at: string | null;
  };
  oidc_keys: {
    kid: string;
    use: 'sig' | 'cookie';
    alg: string;
    /** SecretBox of the private JWK (JSON) or the cookie key. */
    private_sealed: string;
    created_at: string;
    retired_at: string | null;
  };
}

/** Events, webhooks and read-only API keys (migration 008). */
export interface EventTables {
  events: {
    seq: Generated<number>;
    /** `evt_...`: the webhook-id of every delivery of this event. */
    id: string;
    type: string;
    occurred_at: string;
    subject_user_id: string | null;
    subject_group_id: string | null;
    /** JSON object. */
    data: string;
  };
  event_fanout_jobs: {
    id: Generated<number>;
    /** The `mapping.changed` event this job fans out. */
    event_id: string;
    cause: string;
    created_at: string;
    total: number;
    written: Generated<number>;
    locked_until: string | null;
    done_at: string | null;
  };
  event_fanout_users: {
    job_id: number;
    user_seq: number;
    user_id: string;
    /** Effective ranks (0 when inactive) before and after the mapping change. */
    before_rank: number;
    after_rank: number;
  };
  webhook_endpoints: {
    id: Generated<number>;
    url: string;
    description: string;
    /** JSON array of event types. */
    event_types: string;
    /** SecretBox ciphertext of the `whsec_...` signing secret. */
    secret_ciphertext: string;
    enabled: number;
    /** Why the console disabled it (retries ran out); null when an admin did or it is enabled. */
    disabled_reason: string | null;
    disabled_at: string | null;
    /** The last event seq turned into deliveries for this endpoint. */
    cursor: number;
    created_at: string;
    created_by: string;
    updated_at: string;
  };
  webhook_deliveries: {
    id: Generated<number>;
    endpoint_id: number;
    event_seq: number | null;
    event_id: string;
    event_type: string;
    /** The subject (user or group id): deliveries with one key are sent in seq order. */
    order_key: string;
    payload: string | null;
    status: 'pending' | 'delivered' | 'failed';
    attempts: Generated<number>;
    created_at: string;
    next_attempt_at: string;
    locked_until: string | null;
    last_attempt_at: string | null;
    last_status: number | null;
    last_duration_ms: number | null;
    last_error: string | null;
    last_response: string | null;
    delivered_at: string | null;
  };
  /** One row (migration 011): events with a seq up to `pruned_through` may have been pruned. */
  event_retention: { id: number; pruned_through: number; pruned_at: string | null };
  api_keys: {
    id: Generated<number>;
    name: string;
    prefix: string;
    /** sha256 of the whole key. */
    key_hash: string;
    scope: 'read';
    created_at: string;
    created_by: string;
    last_used_at: string | null;
    revoked_at: string | null;
  };
}
