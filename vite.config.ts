import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const server = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

/**
 * index.html loads a small entry that starts the current page's chunk and then imports the app
 * (src/client/app/start.tsx). This lists the app's chunks as modulepreloads in index.html, so
 * they download at once, in parallel with the entry, as they would if it imported them statically.
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
        const app = chunks.find((c) => c.facadeModuleId?.endsWith(appModule));
        if (!app) throw new Error(`preload-app: no chunk for ${appModule}`);
        // The entry and its static imports are in index.html already.
        const entries = chunks.filter((c) => c.isEntry).flatMap((c) => [c.fileName, ...c.imports]);
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          const chunk = chunks.find((c) => c.fileName === file);
          for (const dep of chunk?.imports ?? []) visit(dep);
        };
        visit(app.fileName);
        return [...files]
          .filter((file) => !entries.includes(file))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadApp('/src/client/app/start.tsx')],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // Its own chunk: the pages and the app load it, never the entry (zod-setup.ts).
              name: 'zod',
              test: /[\\/]node_modules[\\/]zod[\\/]/,
              priority: 2,
            },
            {
              // The contract and the API hooks: small modules that nearly every page uses.
              name: 'api',
              priority: 1,
              test: /[\\/]src[\\/](shared[\\/]api|client[\\/]features[\\/][^\\/]+[\\/]api|client[\\/]lib)[\\/]/,
            },
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
