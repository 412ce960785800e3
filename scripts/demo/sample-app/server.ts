/**
 * The sample application's process (`npm run demo` starts it): SAMPLE_ISSUER, SAMPLE_CLIENT_ID,
 * SAMPLE_CLIENT_SECRET, SAMPLE_PORT and optionally SAMPLE_WEBHOOK_SECRET (the webhook endpoint's
 * signing secret; otherwise pasted at /events), as a real deployment would configure it.
 */
import { startSampleApp } from './app';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const app = await startSampleApp({
  issuer: env('SAMPLE_ISSUER'),
  clientId: env('SAMPLE_CLIENT_ID'),
  clientSecret: env('SAMPLE_CLIENT_SECRET'),
  port: Number(process.env.SAMPLE_PORT ?? 0),
  ...(process.env.SAMPLE_WEBHOOK_SECRET
    ? { webhookSecret: process.env.SAMPLE_WEBHOOK_SECRET }
    : {}),
});
console.log(`Sample app listening at ${app.url}`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.connected) process.on('disconnect', stop);
