import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    // Vitest's default is one worker per core less one: one worker on CI's 2 cores. Server tests
    // spend much of their time waiting (on PostgreSQL, child processes, sockets), so two workers
    // keep both cores busy; timing guards in the tests leave room for a loaded machine.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/shared/**/*.test.ts', 'src/server/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // The server tests again, on PostgreSQL (TEST_DATABASE_URL, or one started for the run).
        extends: true,
        test: {
          name: 'pg',
          environment: 'node',
          include: ['src/server/test/**/*.test.ts', 'src/server/services/scim/*.test.ts'],
          globalSetup: ['src/testing/pg-global-setup.ts'],
          setupFiles: ['src/testing/pg-setup-file.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['src/client/**/*.test.{ts,tsx}'],
          setupFiles: ['src/testing/setup-dom.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
