/**
 * Global setup of the `pg` test project: uses TEST_DATABASE_URL when set, otherwise starts a
 * throwaway PostgreSQL (scripts/pg-test-server.sh) for the run; migrates the template once.
 */
import type { TestProject } from 'vitest/node';
import { startPgServer } from './pg-server';
import { createTemplate } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  const server = given ? undefined : await startPgServer();
  const url = given ?? server?.url ?? '';
  await createTemplate(url);
  project.provide('testDatabaseUrl', url);
  return async () => {
    await server?.stop();
  };
}
