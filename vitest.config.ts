import { defineConfig } from 'vitest/config';

// Resolve '@trellis/engine' through the "source" export condition
// (engine/package.json), i.e. to engine/src/*.ts, so tests never run a stale
// engine/dist. Vitest adds its own defaults ('node', 'development|production')
// after these, so listing only 'source' here keeps them.
const conditions = ['source'];

export default defineConfig({
  resolve: { conditions }, // client environment (jsdom / happy-dom tests, later renderer/)
  ssr: { resolve: { conditions } }, // ssr environment: the default 'node' test environment
  test: {
    include: ['engine/**/*.test.ts', 'app/**/*.test.ts', 'renderer/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    // lmdb is a native addon: child processes isolate it better than worker threads.
    pool: 'forks',
    // Import CommonJS packages exactly as Node does. Vitest's default (true)
    // unwraps `exports.default`, so e.g. `import BTree from 'sorted-btree'`
    // would be the class in tests but the module object under Node and tsc.
    deps: { interopDefault: false },
  },
});
