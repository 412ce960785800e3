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
          // Tests of SQLite files (migrations on an old file, backups, a SIGKILL mid-write, the
          // password CLI): they open SQLite whatever the project, so they run once, in `unit`.
          exclude: [
            'src/server/test/activity-migration.test.ts',
            'src/server/test/licence-rank-migration.test.ts',
            'src/server/test/crash-safety.test.ts',
            'src/server/test/backup.test.ts',
            'src/server/test/admin-password-cli.test.ts',
          ],
          globalSetup: ['src/testing/pg-global-setup.ts'],
          setupFiles: ['src/testing/pg-setup-file.ts'],
          testTimeout: 30_000,
          // One module graph per worker instead of one per test file: importing the server took
          // about 190 s of the run's 1,000 s of test time. The tests share no mutable module
          // state (no mocks; each opens its own database and server).
          isolate: false,
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
