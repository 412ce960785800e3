import * as incomingKeys from './incoming-keys';
import * as session from './session';
import * as settings from './settings';

export * from './endpoint';
export * from './errors';
export * from './incoming-keys';
export * from './session';
export * from './settings';

/** Every endpoint of the admin API, keyed by operation id. */
export const api = {
  getSession: session.getSession,
  signIn: session.signIn,
  signOut: session.signOut,
  getSettings: settings.getSettings,
  getIncomingKeys: incomingKeys.getIncomingKeys,
  saveIncomingKeys: incomingKeys.saveIncomingKeys,
  verifyIncomingKeys: incomingKeys.verifyIncomingKeys,
} as const;
export type Api = typeof api;
export type OperationId = keyof Api;
