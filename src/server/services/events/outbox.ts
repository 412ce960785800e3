import { randomBytes } from 'node:crypto';
import type { EventType, LicenceCause } from '../../../shared/api/events';
import type { Db } from '../../db/database';
import { RANK_LICENCE } from '../licences';

/**
 * The outbox: every change an application should hear about is one row in `events`, written by
 * the transaction that makes the change, so a change and its event are stored together or not at
 * all. Deliveries and the events API read it after commit; nothing is sent from a request.
 */
export interface NewEvent {
  /** Chosen by the caller when it must know the id before the event is written. */
  id?: string;
  type: EventType;
  subjectUserId?: string | null;
  subjectGroupId?: string | null;
  data: Record<string, unknown>;
}

/** `evt_` and 128 random bits: the `webhook-id` of every delivery of the event. */
export function newEventId(): string {
  return `evt_${randomBytes(16).toString('base64url')}`;
}

/** Rows per insert: 7 columns each stays far below SQLite's variable limit. */
const CHUNK = 500;

/** The `events` rows of `events`, as written at `now`. */
export function eventRows(events: NewEvent[], now = new Date()) {
  const at = now.toISOString();
  return events.map((e) => ({
    id: e.id ?? newEventId(),
    type: e.type,
    occurred_at: at,
    subject_user_id: e.subjectUserId ?? null,
    subject_group_id: e.subjectGroupId ?? null,
    data: JSON.stringify(e.data),
  }));
}

/**
 * Writes the events in the caller's transaction. Writers take no lock for their order: on
 * PostgreSQL an event gets its position (`seq`) once committed (db/event-positions.ts), so a
 * cursor never passes a late commit; on SQLite, seq at insert is commit order (one writer).
 */
export async function appendEvents(db: Db, events: NewEvent[], now = new Date()): Promise<void> {
  const rows = eventRows(events, now);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('events')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

type Doc = Record<string, unknown>;

function primaryEmail(doc: Doc): string | null {
  const emails = Array.isArray(doc.emails) ? (doc.emails as Doc[]) : [];
  const primary = emails.find((e) => e?.primary === true) ?? emails[0];
  return typeof primary?.value === 'string' ? primary.value : null;
}

/** What a `user.*` event says about the user: never a password (the doc holds none). */
export function userSummary(id: string, docJson: string) {
  const doc = JSON.parse(docJson) as Doc;
  return {
    id,
    userName: typeof doc.userName === 'string' ? doc.userName : '',
    externalId: typeof doc.externalId === 'string' ? doc.externalId : null,
    displayName: typeof doc.displayName === 'string' ? doc.displayName : null,
    email: primaryEmail(doc),
    active: doc.active !== false,
  };
}

export function userEvent(type: EventType, id: string, docJson: string, extra: Doc = {}): NewEvent {
  return { type, subjectUserId: id, data: { user: userSummary(id, docJson), ...extra } };
}

export function groupEvent(type: EventType, id: string, displayName: string, extra: Doc = {}) {
  return { type, subjectGroupId: id, data: { group: { id, displayName }, ...extra } };
}

export function licenceEvent(
  user: { id: string; userName: string },
  before: number,
  after: number,
  cause: LicenceCause,
): NewEvent {
  return {
    type: 'user.licence_changed',
    subjectUserId: user.id,
    data: {
      user: { id: user.id, userName: user.userName },
      before: RANK_LICENCE[before] ?? 'none',
      after: RANK_LICENCE[after] ?? 'none',
      cause,
    },
  };
}
