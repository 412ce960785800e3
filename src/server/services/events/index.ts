import type { Config } from '../../config';
import { type Db, databaseLocation } from '../../db/database';
import { SecretBox } from '../crypto';
import { type Resolver, systemResolver } from '../webhooks/address-guard';
import { WebhookEndpoints } from '../webhooks/endpoints';
import { createEventWorkers, eventLoopSettings, type LogFn } from './loop';
import { ReadApi } from './read-api';
import { EventRetention } from './retention';
import { EventsThread } from './thread';
import type { EventLoop } from './workers';

export interface EventServiceOptions {
  /** Webhook host names are resolved with this (tests); the system's DNS otherwise. */
  resolver?: Resolver | undefined;
  /**
   * Runs the events loop in a worker thread with its own connection (the server does; see
   * thread.ts). Only where another connection can reach the same data: not SQLite in memory,
   * and not with a resolver given here (a function does not cross threads).
   */
  thread?: boolean | undefined;
  log?: LogFn | undefined;
}

/** Webhook endpoints, the read-only API and the background loop that delivers events. */
export function createEventServices(
  db: Db,
  secretKey: Buffer,
  config: Config,
  options: EventServiceOptions = {},
) {
  const resolver = options.resolver ?? systemResolver;
  const log = options.log ?? (() => {});
  const box = new SecretBox(secretKey);
  const settings = eventLoopSettings(config);
  const location = databaseLocation(db);
  const eventWorkers: EventLoop =
    options.thread && location && !options.resolver
      ? new EventsThread({ database: location, secretKey, settings }, log)
      : createEventWorkers(db, box, settings, resolver, log);
  return {
    webhooks: new WebhookEndpoints(db, box),
    webhookGuard: {
      allowLoopback: config.allowHttpLoopbackIssuer,
      allowPrivate: config.webhookAllowPrivateNetworks,
      resolver,
    },
    readApi: new ReadApi(db, config.activityRetentionDays),
    eventRetention: new EventRetention(db),
    eventWorkers,
  };
}
