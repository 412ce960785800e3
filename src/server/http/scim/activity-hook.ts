import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { outcomeOf, provisioningActionOf } from '../../services/scim/actions';
import type { ScimActivity } from '../../services/scim/activity';
import { type ActivityNote, newNote } from '../../services/scim/activity-note';
import { isPlainObject } from '../../services/scim/values';
import { rawQuery } from './query';

const notes = new WeakMap<FastifyRequest, ActivityNote>();

/** The note a SCIM service fills in for this request; the request log reads it. */
export function noteFor(request: FastifyRequest): ActivityNote {
  let note = notes.get(request);
  if (!note) {
    note = newNote();
    notes.set(request, note);
  }
  return note;
}

function safeQuery(url: string): Record<string, string> {
  try {
    const q = rawQuery(url);
    return { filter: q.filter ?? '', startIndex: q.startindex ?? '', count: q.count ?? '' };
  } catch {
    return {};
  }
}

/** Every `password` value in a body, to blank out wherever it might be echoed. */
function passwordsIn(value: unknown, found: string[] = [], depth = 0): string[] {
  if (depth > 6 || found.length > 10) return found;
  if (Array.isArray(value)) for (const v of value) passwordsIn(v, found, depth + 1);
  else if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.toLowerCase() === 'password' && typeof inner === 'string' && inner.length >= 4) {
        found.push(inner);
      } else passwordsIn(inner, found, depth + 1);
    }
  }
  return found;
}

function redact(text: string | null, secrets: string[]): string | null {
  if (text === null) return null;
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[password]');
  return out;
}

/** The subject of a request the services never reached: from the path, or a create's body. */
function subjectOf(path: string, method: string, body: unknown, note: ActivityNote) {
  const match = /^\/scim\/v2\/(users|groups)(?:\/([^/?]+))?/i.exec(path);
  if (!match) return;
  note.resourceType ??= match[1]?.toLowerCase() === 'users' ? 'User' : 'Group';
  if (match[2]) {
    try {
      note.resourceId ??= decodeURIComponent(match[2]);
    } catch {
      note.resourceId ??= match[2];
    }
  }
  if (method === 'POST' && isPlainObject(body) && note.resourceName === undefined) {
    const name = note.resourceType === 'User' ? body.userName : body.displayName;
    if (typeof name === 'string') note.resourceName = name;
  }
}

/** The name a lookup asks for: `userName eq "..."` for users, `displayName eq "..."` for groups. */
function lookedUp(filter: string | undefined, type: ActivityNote['resourceType']) {
  const attribute = type === 'User' ? 'userName' : type === 'Group' ? 'displayName' : undefined;
  if (!filter || !attribute) return undefined;
  const match = /^\s*(\w+)\s+eq\s+"([^"]*)"\s*$/i.exec(filter);
  return match?.[1]?.toLowerCase() === attribute.toLowerCase() ? match[2] : undefined;
}

function errorDetail(payload: unknown): string | null {
  if (typeof payload !== 'string' || payload.length > 20_000) return null;
  try {
    const body = JSON.parse(payload) as unknown;
    return isPlainObject(body) && typeof body.detail === 'string' ? body.detail : null;
  } catch {
    return null;
  }
}

/**
 * Records each SCIM request as it is answered (queued before the bytes leave, so a reader here that comes
 * next finds it): the Okta action, the outcome, the resource, what changed, the error's detail.
 */
export function recordScimActivity(scope: FastifyInstance, activity: ScimActivity) {
  scope.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const status = reply.statusCode;
    if (status === 429) return payload; // a flood of refused requests is not history
    try {
      const path = request.url.split('?')[0] ?? '';
      const query = safeQuery(request.url);
      const note = noteFor(request);
      const body = request.body;
      subjectOf(path, request.method, body, note);
      if (request.method === 'GET' && note.resourceName === undefined) {
        note.resourceName = lookedUp(query.filter, note.resourceType);
      }
      const secrets = passwordsIn(body);
      await activity.record({
        at: new Date().toISOString(),
        method: request.method,
        path,
        status,
        durationMs: reply.elapsedTime,
        action: provisioningActionOf({ method: request.method, path, query, body, status, note }),
        outcome: outcomeOf(status, note),
        resourceType: note.resourceType ?? null,
        resourceId: note.resourceId ?? null,
        resourceName: redact(note.resourceName ?? null, secrets),
        changes: note.changes,
        notApplied: note.notApplied,
        error: status >= 400 ? redact(errorDetail(payload), secrets) : null,
      });
    } catch (error) {
      request.log.warn({ err: { message: (error as Error).message } }, 'SCIM request not recorded');
    }
    return payload;
  });
}
