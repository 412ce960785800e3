import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
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
