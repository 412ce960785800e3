import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const server = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

/**
 * index.html loads a small entry (src/client/main.tsx) that imports the app
 * (src/client/app/start.tsx) and, on a page the server rendered, the app's modules in steps
 * (app/evaluate-in-steps.ts), all dynamically. This lists every chunk those imports need as
 * modulepreloads in index.html, so they download at once, in parallel with the entry, as they
 * would if it imported them statically (and the server switches them on after the first paint).
 */
function preloadApp(appModule: string): Plugin {
  return {
    name: 'preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(appModule)));
        if (!app) throw new Error(`preload-app: no chunk holds ${appModule}`);
        const entries = chunks.filter((c) => c.isEntry);
        // The entry and its static imports are in index.html already.
        const inHtml = entries.flatMap((c) => [c.fileName, ...c.imports]);
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          const chunk = chunks.find((c) => c.fileName === file);
          for (const dep of chunk?.imports ?? []) visit(dep);
        };
        for (const file of entries.flatMap((c) => c.dynamicImports)) visit(file);
        if (!files.has(app.fileName)) throw new Error(`preload-app: ${appModule} is not preloaded`);
        return [...files]
          .filter((file) => !inHtml.includes(file))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

/**
 * The contract's modules in the chunks that app/evaluate-in-steps.ts evaluates one task each
 * (zod builds their schemas as they load): every file of src/shared/api is in one of them.
 */
const CONTRACT_STEPS = [
  ['endpoint', 'errors', 'settings'],
  ['session', 'setup-status'],
  ['scim-summary', 'access-keys'],
  ['incoming-keys', 'directory-groups'],
  ['activity', 'sign-in-events'],
  ['users', 'user-details', 'admins', 'api-keys'],
  ['webhooks', 'applications', 'events', 'first-screen', 'index'],
];

function contractChunk(id: string): string {
  const file = id.split(/[\\/]/).pop()?.replace(/\.ts$/, '') ?? id;
  const step = CONTRACT_STEPS.findIndex((files) => files.includes(file));
  if (step < 0) throw new Error(`vite.config.ts: add ${file}.ts to a step of CONTRACT_STEPS`);
  return `contract-${step + 1}`;
}

export default defineConfig({
  plugins: [react(), preloadApp('/src/client/app/start.tsx')],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // The app's modules are preloaded by index.html's links (preloadApp), which the server leaves
    // out of a page it rendered (main.tsx evaluates that page's code in steps), not by Vite's
    // helper, which adds links of its own as each dynamic import runs.
    modulePreload: false,
    rolldownOptions: {
      output: {
        // Few, large chunks: each module request costs the main thread a little.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              priority: 40,
            },
            { name: 'query', test: /[\\/]node_modules[\\/]@tanstack[\\/]/, priority: 40 },
            // Its own chunk: the pages and the app load it, never the entry (zod-setup.ts).
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 40 },
            { name: contractChunk, test: /[\\/]src[\\/]shared[\\/]api[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': server,
      '/auth': server,
      '/scim': server,
      '/healthz': server,
      // The server renders the sign-in page.
      '/sign-in': server,
    },
  },
});
