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

export interface Database {
  admins: AdminsTable;
  admin_sessions: AdminSessionsTable;
  incoming_keys: IncomingKeysTable;
}
