/**
 * Builds the renderer into renderer/dist. `base: './'` keeps every asset URL
 * relative, so the same build loads from Electron's app:// scheme and from the
 * web host at `/`. Monaco and its workers are bundled from the package (never
 * a CDN): workers come from `?worker` imports in src/editor and land in
 * dist/assets as plain files, allowed by the CSP's `worker-src 'self'`.
 *
 * The entry (src/main.tsx) is small and loads the app (src/shell/App.tsx,
 * with React) with a dynamic import, so it can connect to the host while the
 * app is still compiling; `preloadApp` names the app's chunks in index.html so
 * the browser fetches them at once, beside the entry.
 */
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

function preloadApp(): Plugin {
  return {
    name: 'trellis:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { chunk, bundle }) {
        if (!chunk || !bundle) return [];
        // The entry's point is to run before React has even compiled.
        const heavy = chunk.moduleIds.find((id) => /[\\/]node_modules[\\/](react-dom|typebox)[\\/]/.test(id));
        if (heavy) throw new Error(`preloadApp: the entry chunk (src/main.tsx) pulls in ${heavy}; import it from src/shell/App.tsx instead`);
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const add = (file: string) => {
          const found = bundle[file];
          if (scripts.has(file) || file === chunk.fileName || found?.type !== 'chunk') return;
          scripts.add(file);
          found.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          found.imports.forEach(add);
        };
        const app = chunk.dynamicImports.find((file) => {
          const found = bundle[file];
          return found?.type === 'chunk' && found.facadeModuleId?.endsWith('/src/shell/App.tsx');
        });
        if (app === undefined) throw new Error('preloadApp: src/main.tsx no longer imports src/shell/App.tsx dynamically');
        add(app);
        return [
          ...[...styles].map((file) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
          ...[...scripts].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), preloadApp()],
  resolve: {
    // @trellis/engine/common/<file> is bundled from its TypeScript source (engine/package.json's "source" condition).
    conditions: ['source', ...defaultClientConditions],
    alias: [
      // monaco-editor's `exports` maps every subpath to `.js`, so its own CSS
      // files (codicons) cannot be imported by name; point at them directly.
      { find: /^monaco-editor\/(.+\.css)$/, replacement: `${root}/../node_modules/monaco-editor/esm/vs/$1` },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco alone is several MB; the warning would fire on every build.
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  server: { strictPort: false },
});
