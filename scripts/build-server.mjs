// Bundles the server into dist/server/index.js, the page renderer it loads after start-up into
// dist/server/render-page.js, and the events thread it starts into dist/server/events-thread.js;
// packages stay in node_modules.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

/** The server imports the renderer at run time, from beside itself, instead of bundling it. */
const rendererBesideServer = {
  name: 'renderer-beside-server',
  setup(b) {
    b.onResolve({ filter: /\/client\/ssr\/render-page$/ }, () => ({
      path: './render-page.js',
      external: true,
    }));
  },
};

await build({
  ...common,
  entryPoints: ['src/server/index.ts'],
  outfile: 'dist/server/index.js',
  plugins: [rendererBesideServer],
  // The renderer (client/ssr/render-page.tsx) runs React, MUI and emotion as the browser's build
  // does: production React, and emotion's class names without the labels it adds in development,
  // which the browser would not recognise as the server's. They read NODE_ENV as they load, after
  // this line has run.
  banner: { js: "process.env.NODE_ENV ??= 'production';" },
});

await build({
  ...common,
  entryPoints: ['src/client/ssr/render-page.tsx'],
  outfile: 'dist/server/render-page.js',
});

await build({
  ...common,
  entryPoints: ['src/server/services/events/thread-main.ts'],
  outfile: 'dist/server/events-thread.js',
});
