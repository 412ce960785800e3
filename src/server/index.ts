import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { loadConfig } from './config';
import { migrateToLatest, openDatabase, openPostgres } from './db/database';
import { ensureFirstAdmin } from './services/admins';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const config = loadConfig();
  const db = config.databaseUrl
    ? openPostgres(config.databaseUrl, config.databasePoolSize, config.databasePreparedStatements)
    : openDatabase(config.dataDir);
  await migrateToLatest(db);
  const app = await buildApp(config, db, {
    staticDir: process.env.STATIC_DIR ?? path.resolve(here, '../client'),
    eventsThread: true,
  });

  const first = await ensureFirstAdmin(db, config.adminEmail, config.adminPassword);
  if (first?.generatedPassword) {
    app.log.warn(
      { event: 'admin.created', email: first.email },
      `First admin created. Sign in as ${first.email} with password ${first.generatedPassword} (shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose them).`,
    );
  } else if (first) {
    app.log.info(
      { event: 'admin.created', email: first.email },
      'First admin created from ADMIN_EMAIL',
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Started by a supervising process over IPC (the demo, the tests): stop when it goes away, even
  // when it was killed and could not say so.
  if (process.connected) process.on('disconnect', () => void shutdown('parent exited'));

  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    {
      event: 'listening',
      url: config.publicUrl,
      // Which database, never its URL: DATABASE_URL carries the password.
      database: config.databaseUrl ? 'postgres' : 'sqlite',
      ...(config.databaseUrl ? {} : { dataDir: config.dataDir }),
    },
    `Console ready at ${config.publicUrl}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
