// Bundles the server into dist/server/index.js, and the events thread it starts into
// dist/server/events-thread.js; packages stay in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: {
    index: 'src/server/index.ts',
    'events-thread': 'src/server/services/events/thread-main.ts',
  },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
