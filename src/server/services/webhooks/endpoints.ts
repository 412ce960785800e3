import { randomBytes } from 'node:crypto';
import type { Updateable } from 'kysely';
import { type EventType, TEST_EVENT_TYPE } from '../../../shared/api/events';
import type {
  CreatedWebhook,
  DeliveryPage,
  WebhookDelivery,
  WebhookEndpointView,
} from '../../../shared/api/webhooks';
import type { Db } from '../../db/database';
import { positionEvents } from '../../db/event-positions';
import type { Database } from '../../db/schema';
import type { SecretBox } from '../crypto';
import { ServiceError } from '../errors';
import { newEventId } from '../events/outbox';

type EndpointRow = Database['webhook_endpoints'] & { id: number };
type DeliveryRow = Database['webhook_deliveries'] & { id: number; attempts: number };

const notFound = () => new ServiceError('not-found', 'There is no webhook endpoint with this id.');

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status,
    lastDurationMs: row.last_duration_ms,
    lastError: row.last_error,
    lastResponse: row.last_response,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
  };
}

/** Webhook endpoints as admins manage them; the secret goes in sealed and never comes out. */
export class WebhookEndpoints {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  withDb(db: Db): WebhookEndpoints {
    return new WebhookEndpoints(db, this.box);
  }

  private async view(row: EndpointRow): Promise<WebhookEndpointView> {
    const pending = await this.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endpoint_id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      url: row.url,
      description: row.description,
      eventTypes: JSON.parse(row.event_types) as EventType[],
      enabled: row.enabled === 1,
      disabledReason: row.disabled_reason,
      disabledAt: row.disabled_at,
      createdAt: row.created_at,
      createdBy: row.created_by,
      pending: Number(pending.n),
    };
  }

  private async row(id: number): Promise<EndpointRow> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    return row as EndpointRow;
  }

  async get(id: number): Promise<WebhookEndpointView> {
    return this.view(await this.row(id));
  }

  async list(): Promise<WebhookEndpointView[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
    return Promise.all(rows.map((r) => this.view(r as EndpointRow)));
  }

  /** `url` checked already (checkWebhookUrl). Starts with the events after now. */
  async create(
    input: { url: string; description: string; eventTypes: EventType[] },
    createdBy: string,
  ): Promise<CreatedWebhook> {
    const secret = newSigningSecret();
    await positionEvents(this.db);
    const last = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const now = new Date().toISOString();
    const row = await this.db
      .insertInto('webhook_endpoints')
      .values({
        url: input.url,
        description: input.description,
        event_types: JSON.stringify([...new Set(input.eventTypes)]),
        secret_ciphertext: this.box.seal(secret),
        enabled: 1,
        disabled_reason: null,
        disabled_at: null,
        cursor: Number(last?.seq ?? 0),
        created_at: now,
        created_by: createdBy,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { endpoint: await this.view(row as EndpointRow), secret };
  }

  async update(
    id: number,
    changes: { enabled?: boolean; description?: string; eventTypes?: EventType[] },
  ): Promise<{ before: WebhookEndpointView; after: WebhookEndpointView }> {
    const before = await this.get(id);
    const set: Updateable<Database['webhook_endpoints']> = { updated_at: new Date().toISOString() };
    if (changes.enabled !== undefined) {
      set.enabled = changes.enabled ? 1 : 0;
      set.disabled_reason = null;
      set.disabled_at = changes.enabled ? null : new Date().toISOString();
    }
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.eventTypes) set.event_types = JSON.stringify([...new Set(changes.eventTypes)]);
    await this.db.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
    return { before, after: await this.get(id) };
  }

  async remove(id: number): Promise<WebhookEndpointView> {
    const before = await this.get(id);
    await this.db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    await this.db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
    return before;
  }

  /** The sealed secret, for signing only. */
  async secretOf(id: number): Promise<string> {
    return this.box.open((await this.row(id)).secret_ciphertext);
  }

  async deliveries(id: number, page: number, pageSize: number): Promise<DeliveryPage> {
    await this.row(id);
    const base = this.db.selectFrom('webhook_deliveries').where('endpoint_id', '=', id);
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return {
      deliveries: rows.map((r) => toDelivery(r as DeliveryRow)),
      total: Number(count?.n ?? 0),
      page,
      pageSize,
    };
  }

  async sendTest(id: number): Promise<WebhookDelivery> {
    await this.row(id);
    const eventId = newEventId();
    const now = new Date().toISOString();
    const payload = JSON.stringify({
      id: eventId,
      type: TEST_EVENT_TYPE,
      timestamp: now,
      data: { message: 'A test event from the Okta SSO Console.' },
    });
    const row = await this.db
      .insertInto('webhook_deliveries')
      .values({
        endpoint_id: id,
        event_seq: null,
        event_id: eventId,
        event_type: TEST_EVENT_TYPE,
        order_key: eventId,
        payload,
        status: 'pending',
        created_at: now,
        next_attempt_at: now,
        locked_until: null,
        last_attempt_at: null,
        last_status: null,
        last_duration_ms: null,
        last_error: null,
        last_response: null,
        delivered_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDelivery(row as DeliveryRow);
  }

  /**
   * Due again now, with a new 3-day window; the same webhook-id as before. Refused once its event
   * was pruned (ACTIVITY_RETENTION_DAYS): there is nothing left to send.
   */
  async resend(id: number, deliveryId: number): Promise<WebhookDelivery> {
    const now = new Date().toISOString();
    const row = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: now, created_at: now })
      .where('id', '=', deliveryId)
      .where('endpoint_id', '=', id)
      .where((eb) =>
        eb.or([
          eb('event_seq', 'is', null),
          eb.exists(
            eb
              .selectFrom('events')
              .select('seq')
              .whereRef('events.seq', '=', 'webhook_deliveries.event_seq'),
          ),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    if (row) return toDelivery(row as DeliveryRow);
    const exists = await this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('id', '=', deliveryId)
      .where('endpoint_id', '=', id)
      .executeTakeFirst();
    if (!exists)
      throw new ServiceError('not-found', 'There is no such delivery for this endpoint.');
    throw new ServiceError(
      'conflict',
      'This event is older than the events kept (ACTIVITY_RETENTION_DAYS): it can no longer be sent.',
    );
  }
}
