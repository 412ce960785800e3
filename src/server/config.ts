import path from 'node:path';
import { z } from 'zod';
import { parseAllowedHosts } from './services/return-to';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');
const int = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

/** Every environment variable the server reads; README's configuration table lists the same. */
const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(3000, 0, 65535),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('')),
  DATABASE_POOL_SIZE: int(10, 1, 200),
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('1')
    .transform((v) => v !== '0' && v !== 'false'),
  SECRET_KEY: z.string().optional(),
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  ALLOW_HTTP_LOOPBACK_ISSUER: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAGE_RENDERING: z.enum(['server', 'browser']).default('server'),
  DISCOVERY_TIMEOUT_MS: int(5000, 100, 60000),
  SESSION_TTL_HOURS: int(12, 1, 24 * 30),
  END_USER_SESSION_TTL_HOURS: int(8, 1, 24 * 30),
  BODY_LIMIT_BYTES: int(1024 * 1024, 1024, 50 * 1024 * 1024),
  SIGNIN_MAX_FAILURES_PER_MINUTE: int(10, 1, 1000),
  ACTIVITY_RETENTION_DAYS: int(90, 1, 3650),
  OKTA_SILENT_WARNING_DAYS: int(7, 1, 365),
  DEPROVISIONING_WINDOW_MINUTES: int(10, 1, 24 * 60),
  DEPROVISIONING_ALERT_SHARE: z.coerce.number().gt(0).max(1).default(0.2),
  DEPROVISIONING_MIN_BURST: int(5, 1, 1_000_000),
  SCIM_AUTH_MAX_FAILURES_PER_MINUTE: int(20, 1, 100_000),
  API_AUTH_MAX_FAILURES_PER_MINUTE: int(20, 1, 100_000),
  JSON_MAX_DEPTH: int(64, 2, 1000),
  HEADERS_TIMEOUT_MS: int(10_000, 100, 600_000),
  REQUEST_TIMEOUT_MS: int(60_000, 100, 3_600_000),
  FORWARD_AUTH_ALLOWED_HOSTS: z.string().optional(),
  END_USER_COOKIE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, {
      message: 'must be a domain name such as acme.com',
    })
    .optional(),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag,
  WEBHOOK_TIMEOUT_MS: int(10_000, 100, 120_000),
  WEBHOOK_CONCURRENCY: int(8, 1, 64),
  WEBHOOK_RETRY_BASE_MS: int(10_000, 10, 3_600_000),
  WEBHOOK_RETRY_MAX_MS: int(21_600_000, 10, 86_400_000),
  WEBHOOK_RETRY_HOURS: int(72, 1, 720),
  EVENTS_POLL_MS: int(250, 10, 60_000),
});

/** The variables `loadConfig` reads (index.ts also reads STATIC_DIR); README's table lists them. */
export const configVariables = Object.keys(envSchema.shape);

/** A variable's default as loadConfig applies it, or undefined when it has none. */
export function configDefault(name: string): unknown {
  const schema = envSchema.shape[name as keyof typeof envSchema.shape];
  const parsed = schema?.safeParse(undefined);
  return parsed?.success ? parsed.data : undefined;
}

export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  /** PostgreSQL instead of the SQLite file under dataDir; carries a password: never logged. */
  databaseUrl: string | undefined;
  /** Connections per instance in the PostgreSQL pool. */
  databasePoolSize: number;
  /** Queries as prepared statements on PostgreSQL (off behind a transaction-mode pooler). */
  databasePreparedStatements: boolean;
  secretKey: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  allowHttpLoopbackIssuer: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** PAGE_RENDERING=server: console pages arrive rendered (client/ssr/render-page.tsx). */
  renderPagesOnServer: boolean;
  discoveryTimeoutMs: number;
  sessionTtlMs: number;
  endUserSessionTtlMs: number;
  bodyLimitBytes: number;
  signInMaxFailuresPerMinute: number;
  /** Provisioning activity, audit entries, sign-in events and bursts are kept this long. */
  activityRetentionDays: number;
  /** Sync health warns when Okta has sent nothing for this many days. */
  oktaSilentWarningDays: number;
  /** Deactivations within this many minutes count as one burst, which alerts when it exceeds */
  deprovisioningWindowMinutes: number;
  /** this share of the users active before it */
  deprovisioningAlertShare: number;
  /** and counts at least this many deactivations (one in a small org is no burst). */
  deprovisioningMinBurst: number;
  scimAuthMaxFailuresPerMinute: number;
  /** /api/v1 requests with a missing or wrong API key, per address per minute, before 429. */
  apiAuthMaxFailuresPerMinute: number;
  /** Deepest nesting of arrays and objects accepted in a JSON body. */
  jsonMaxDepth: number;
  /** Time to receive a request's headers, and the whole request, before 408 and closing. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** How often the OpenID Provider looks for rotated keys (not an environment variable). */
  oidcKeyCheckMs: number;
  /** Hosts (host[:port], lower case) that `/auth/okta?rd=` may send a person back to. */
  forwardAuthAllowedHosts: string[];
  /** The end-user session cookie's Domain (shared with the apps' hosts); host-only when unset. */
  endUserCookieDomain: string | undefined;
  /** Private networks (10/8, 172.16/12, 192.168/16, fc00::/7, CGNAT) allowed for webhooks. */
  webhookAllowPrivateNetworks: boolean;
  webhookTimeoutMs: number;
  /** Deliveries in flight per endpoint and instance. */
  webhookConcurrency: number;
  webhookRetryBaseMs: number;
  webhookRetryMaxMs: number;
  /** A delivery still failing this long after it was queued is given up; its endpoint disabled. */
  webhookGiveUpAfterMs: number;
  /** How often the background loop looks for fan-out work, new events and due deliveries. */
  eventsPollMs: number;
  /** Tests turn this on: every admin API response is checked against the contract. */
  validateResponses: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const allowed = parseAllowedHosts(e.FORWARD_AUTH_ALLOWED_HOSTS);
  if (!allowed.ok) {
    throw new Error(
      `Invalid configuration:\n  FORWARD_AUTH_ALLOWED_HOSTS: "${allowed.entry}" is not a host or host:port`,
    );
  }
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) {
    throw new Error(
      'Invalid configuration:\n  HEADERS_TIMEOUT_MS: must not be longer than REQUEST_TIMEOUT_MS',
    );
  }
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    secretKey: e.SECRET_KEY || undefined,
    adminEmail: e.ADMIN_EMAIL || undefined,
    adminPassword: e.ADMIN_PASSWORD || undefined,
    allowHttpLoopbackIssuer: e.ALLOW_HTTP_LOOPBACK_ISSUER,
    logLevel: e.LOG_LEVEL,
    renderPagesOnServer: e.PAGE_RENDERING === 'server',
    discoveryTimeoutMs: e.DISCOVERY_TIMEOUT_MS,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    endUserSessionTtlMs: e.END_USER_SESSION_TTL_HOURS * 3600_000,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    signInMaxFailuresPerMinute: e.SIGNIN_MAX_FAILURES_PER_MINUTE,
    activityRetentionDays: e.ACTIVITY_RETENTION_DAYS,
    oktaSilentWarningDays: e.OKTA_SILENT_WARNING_DAYS,
    deprovisioningWindowMinutes: e.DEPROVISIONING_WINDOW_MINUTES,
    deprovisioningAlertShare: e.DEPROVISIONING_ALERT_SHARE,
    deprovisioningMinBurst: e.DEPROVISIONING_MIN_BURST,
    scimAuthMaxFailuresPerMinute: e.SCIM_AUTH_MAX_FAILURES_PER_MINUTE,
    apiAuthMaxFailuresPerMinute: e.API_AUTH_MAX_FAILURES_PER_MINUTE,
    jsonMaxDepth: e.JSON_MAX_DEPTH,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    oidcKeyCheckMs: 10_000,
    forwardAuthAllowedHosts: allowed.hosts,
    endUserCookieDomain: e.END_USER_COOKIE_DOMAIN?.toLowerCase() || undefined,
    webhookAllowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    webhookConcurrency: e.WEBHOOK_CONCURRENCY,
    webhookRetryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
    webhookRetryMaxMs: e.WEBHOOK_RETRY_MAX_MS,
    webhookGiveUpAfterMs: e.WEBHOOK_RETRY_HOURS * 3_600_000,
    eventsPollMs: e.EVENTS_POLL_MS,
    validateResponses: false,
  };
}
