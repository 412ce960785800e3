import type { AdminSession, ConsoleSettings, IncomingKeysView } from '../shared/api';
import { adminSessionFactory, notConfiguredKeys, settingsFactory } from './factories';

interface MockBackendState {
  /** null: nobody is signed in, so GET /api/session answers 401. */
  session: AdminSession | null;
  settings: ConsoleSettings;
  incomingKeys: IncomingKeysView;
}

function initialState(): MockBackendState {
  return {
    session: adminSessionFactory(),
    settings: settingsFactory(),
    incomingKeys: notConfiguredKeys(),
  };
}

/** What the default MSW handlers serve and store; a test sets the parts it is about. */
export const mockBackend: MockBackendState & { reset(): void } = {
  ...initialState(),
  reset() {
    Object.assign(this, initialState());
  },
};
