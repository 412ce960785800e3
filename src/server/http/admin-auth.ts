import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { constantTimeEqual } from '../services/crypto';
import type { AdminSessionInfo, AdminSessions } from '../services/sessions';
import { HttpError } from './errors';

export function adminCookieName(config: Config): string {
  return config.publicUrl.startsWith('https:') ? '__Host-osc_admin' : 'osc_admin';
}

/** Browsers drop a `__Host-` cookie (and so its clearing) unless it carries Secure and Path=/. */
function cookieOptions(config: Config) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.publicUrl.startsWith('https:'),
  } as const;
}

export function setAdminCookie(
  reply: FastifyReply,
  config: Config,
  token: string,
  expiresAt: Date,
) {
  reply.setCookie(adminCookieName(config), token, { ...cookieOptions(config), expires: expiresAt });
}

export function clearAdminCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(adminCookieName(config), cookieOptions(config));
}

export function adminToken(request: FastifyRequest, config: Config): string | undefined {
  return request.cookies[adminCookieName(config)] || undefined;
}

const NOT_SIGNED_IN = new HttpError(401, {
  code: 'unauthenticated',
  message: 'Sign in to continue.',
});

export async function requireAdmin(
  request: FastifyRequest,
  config: Config,
  sessions: AdminSessions,
  stateChanging: boolean,
): Promise<AdminSessionInfo> {
  const token = adminToken(request, config);
  const session = token ? await sessions.find(token) : undefined;
  if (!session) throw NOT_SIGNED_IN;
  if (stateChanging) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !constantTimeEqual(sent, session.csrfToken)) {
      throw new HttpError(403, {
        code: 'csrf',
        message: 'This request lacks a valid CSRF token. Reload the page and try again.',
      });
    }
  }
  return session;
}

/**
 * Cross-site requests never change state: the browser's Sec-Fetch-Site or Origin must say the
 * request comes from this console. Clients that send neither (scripts) pass this check and still
 * need the session's CSRF token. `Origin: null` passes only when Sec-Fetch-Site, which pages
 * cannot forge, says same-origin: browsers send `null` for a page's own form POST under a strict
 * Referrer-Policy, while sandboxed frames and data: URLs (also `null`) are cross-site.
 */
export function assertSameOrigin(request: FastifyRequest, config: Config): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const host = request.headers.host;
  const sameSite = site === undefined || site === 'same-origin' || site === 'none';
  const allowedOrigins = new Set([
    new URL(config.publicUrl).origin,
    host ? `${request.protocol}://${host}` : '',
  ]);
  const sameOrigin =
    origin === undefined ||
    allowedOrigins.has(origin) ||
    (origin === 'null' && site === 'same-origin');
  if (!sameSite || !sameOrigin) {
    throw new HttpError(403, { code: 'cross_origin', message: 'Cross-site requests are refused.' });
  }
}
