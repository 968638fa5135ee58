/**
 * Builds the renderer into renderer/dist. `base: './'` keeps every asset URL
 * relative, so the same build loads from Electron's app:// scheme and from the
 * web host at `/`. Monaco and its workers are bundled from the package (never
 * a CDN): workers come from `?worker` imports in src/editor and land in
 * dist/assets as plain files, allowed by the CSP's `worker-src 'self'`.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  resolve: {
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
