/**
 * Incoming keys for a production-like Okta org (https://acme.okta.com), stored through the
 * service layer for the README screenshot and the web benchmark.
 *
 * Why not Save? Save checks the issuer's discovery document and the client pair with Okta over
 * the network; acme.okta.com is not reachable from a build machine, and an https stand-in would
 * need a certificate the server trusts. So the discovery check (IncomingKeysService.check) is
 * skipped and the row it would have produced is handed to IncomingKeysService.store, the same
 * second half of Save, with Okta's org authorization server endpoints. The client secret is
 * sealed with the server's own key (DATA_DIR/secret.key), as Save seals it.
 */
import type { Db } from '../src/server/db/database';
import { loadSecretKey, SecretBox } from '../src/server/services/crypto';
import { IncomingKeysService } from '../src/server/services/incoming-keys';

export const ACME_ISSUER = 'https://acme.okta.com';

export async function storeProductionLikeKeys(db: Db, dataDir: string, adminEmail: string) {
  const box = new SecretBox(loadSecretKey(process.env.SECRET_KEY, dataDir));
  const service = new IncomingKeysService(db, box, {
    allowHttpLoopbackIssuer: false,
    discoveryTimeoutMs: 5000,
    redirectUri: 'unused: nothing is sent to Okta here',
  });
  const now = new Date().toISOString();
  const endpoints = {
    issuer: ACME_ISSUER,
    authorization_endpoint: `${ACME_ISSUER}/oauth2/v1/authorize`,
    token_endpoint: `${ACME_ISSUER}/oauth2/v1/token`,
    jwks_uri: `${ACME_ISSUER}/oauth2/v1/keys`,
    userinfo_endpoint: `${ACME_ISSUER}/oauth2/v1/userinfo`,
    end_session_endpoint: `${ACME_ISSUER}/oauth2/v1/logout`,
  };
  await service.store({
    row: {
      id: 1,
      client_id: '0oa8k2v1xq7ZP4n3d5d7',
      client_secret_ciphertext: box.seal(`screenshot-${crypto.randomUUID()}`),
      issuer_uri: ACME_ISSUER,
      server_kind: 'org',
      domain_kind: 'okta',
      token_endpoint_auth_method: 'client_secret_basic',
      discovery_json: JSON.stringify(endpoints),
      secret_set_at: now,
      verified_at: now,
      updated_at: now,
      updated_by: adminEmail,
    },
  });
}
