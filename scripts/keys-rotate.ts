/**
 * `npm run keys:rotate`: the console's OpenID Provider signs with a new key from now on. Reads
 * DATA_DIR and SECRET_KEY as the server does and works while it runs: the server notices within
 * 10 seconds. The keys before it stay in the JWKS for 24 hours, so tokens they signed still verify.
 */
import { loadConfig } from '../src/server/config';
import { rotateSigningKeys } from '../src/server/services/oidc/rotate-keys';

if (process.argv.length > 2) {
  console.error('Usage: npm run keys:rotate');
  process.exit(2);
}
const config = loadConfig();
const result = await rotateSigningKeys(config.dataDir, config.secretKey);
if (!result.ok) {
  console.error(result.message);
  process.exit(1);
}
const retired = result.retired.length > 0 ? ` Retired: ${result.retired.join(', ')}.` : '';
console.log(
  `New signing key ${result.kid}; the server signs with it within 10 seconds.${retired} Retired keys stay in the JWKS for 24 hours.`,
);
