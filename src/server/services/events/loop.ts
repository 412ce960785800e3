import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { SecretBox } from '../crypto';
import type { Resolver } from '../webhooks/address-guard';
import { type DeliveryOptions, DeliveryWorker } from '../webhooks/delivery-worker';
import { WebhookDispatcher } from '../webhooks/dispatcher';
import { FanoutWorker } from './fanout';
import { EventWorkers } from './workers';

/** What the events loop needs from the configuration: plain data, so a thread can get it. */
export interface EventLoopSettings {
  delivery: Omit<DeliveryOptions, 'resolver'>;
  pollMs: number;
}

export type LogFn = (message: string, details: Record<string, unknown>) => void;

export function eventLoopSettings(config: Config): EventLoopSettings {
  return {
    delivery: {
      allowLoopback: config.allowHttpLoopbackIssuer,
      allowPrivate: config.webhookAllowPrivateNetworks,
      timeoutMs: config.webhookTimeoutMs,
      concurrency: config.webhookConcurrency,
      retryBaseMs: config.webhookRetryBaseMs,
      retryMaxMs: config.webhookRetryMaxMs,
      giveUpAfterMs: config.webhookGiveUpAfterMs,
    },
    pollMs: config.eventsPollMs,
  };
}

/** The fan-out, dispatch and delivery loop over `db`, in whichever thread calls this. */
export function createEventWorkers(
  db: Db,
  box: SecretBox,
  settings: EventLoopSettings,
  resolver: Resolver,
  log: LogFn,
): EventWorkers {
  const deliveries = new DeliveryWorker(db, box, { ...settings.delivery, resolver }, log);
  return new EventWorkers(
    { fanout: new FanoutWorker(db), dispatcher: new WebhookDispatcher(db), deliveries },
    settings.pollMs,
    (error) => log('events worker failed', { error: error.message }),
  );
}
