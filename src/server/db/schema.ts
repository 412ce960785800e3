import type { Generated } from 'kysely';

export interface AdminsTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  created_at: string;
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

export interface Database extends ScimTables, DirectoryGroupTables, ActivityTables {
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
