import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { SecretBox } from '../crypto';
import { type Resolver, systemResolver } from '../webhooks/address-guard';
import { DeliveryWorker } from '../webhooks/delivery-worker';
import { WebhookDispatcher } from '../webhooks/dispatcher';
import { WebhookEndpoints } from '../webhooks/endpoints';
import { FanoutWorker } from './fanout';
import { ReadApi } from './read-api';
import { EventWorkers } from './workers';

/** Webhook endpoints, the read-only API and the background loop that delivers events. */
export function createEventServices(
  db: Db,
  box: SecretBox,
  config: Config,
  resolver: Resolver = systemResolver,
  log: (message: string, details: Record<string, unknown>) => void = () => {},
) {
  const webhookGuard = {
    allowLoopback: config.allowHttpLoopbackIssuer,
    allowPrivate: config.webhookAllowPrivateNetworks,
    resolver,
  };
  const deliveries = new DeliveryWorker(
    db,
    box,
    {
      ...webhookGuard,
      timeoutMs: config.webhookTimeoutMs,
      concurrency: config.webhookConcurrency,
      retryBaseMs: config.webhookRetryBaseMs,
      retryMaxMs: config.webhookRetryMaxMs,
      giveUpAfterMs: config.webhookGiveUpAfterMs,
    },
    log,
  );
  const eventWorkers = new EventWorkers(
    db,
    { fanout: new FanoutWorker(db), dispatcher: new WebhookDispatcher(db), deliveries },
    config.eventsPollMs,
    (error) => log('events worker failed', { error: error.message }),
  );
  return {
    webhooks: new WebhookEndpoints(db, box),
    webhookGuard,
    readApi: new ReadApi(db),
    eventWorkers,
  };
}
