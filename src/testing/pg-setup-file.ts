/** Per test file of the `pg` project: the server's URL from the global setup, as the harness reads it. */
import { inject } from 'vitest';

process.env.TEST_DATABASE_URL = inject('testDatabaseUrl');
