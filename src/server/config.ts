import path from 'node:path';
import { z } from 'zod';

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
  SECRET_KEY: z.string().optional(),
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  ALLOW_HTTP_LOOPBACK_ISSUER: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DISCOVERY_TIMEOUT_MS: int(5000, 100, 60000),
  SESSION_TTL_HOURS: int(12, 1, 24 * 30),
  END_USER_SESSION_TTL_HOURS: int(8, 1, 24 * 30),
  BODY_LIMIT_BYTES: int(1024 * 1024, 1024, 50 * 1024 * 1024),
  SIGNIN_MAX_FAILURES_PER_MINUTE: int(10, 1, 1000),
});

export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  secretKey: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  allowHttpLoopbackIssuer: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  discoveryTimeoutMs: number;
  sessionTtlMs: number;
  endUserSessionTtlMs: number;
  bodyLimitBytes: number;
  signInMaxFailuresPerMinute: number;
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
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    secretKey: e.SECRET_KEY || undefined,
    adminEmail: e.ADMIN_EMAIL || undefined,
    adminPassword: e.ADMIN_PASSWORD || undefined,
    allowHttpLoopbackIssuer: e.ALLOW_HTTP_LOOPBACK_ISSUER,
    logLevel: e.LOG_LEVEL,
    discoveryTimeoutMs: e.DISCOVERY_TIMEOUT_MS,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    endUserSessionTtlMs: e.END_USER_SESSION_TTL_HOURS * 3600_000,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    signInMaxFailuresPerMinute: e.SIGNIN_MAX_FAILURES_PER_MINUTE,
    validateResponses: false,
  };
}
