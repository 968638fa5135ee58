/**
 * The layering walls of eslint.config.js, each attacked once: a file placed
 * behind a wall imports what the wall forbids, and lint must refuse it. A wall
 * that silently stops matching (a renamed folder, a regex that no longer fits)
 * fails here, not in review.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './layout.js';

const eslint = new ESLint({ cwd: projectRoot() });

/** The messages of no-restricted-imports for `code` as if it were the file at `filePath`. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

interface Wall {
  readonly name: string;
  readonly file: string;
  /** An import the wall forbids, and a word of the refusal. */
  readonly forbidden: { readonly code: string; readonly says: string };
  /** The nearest import it allows (so the wall is not simply "refuse everything"). */
  readonly allowed: string;
}

const walls: readonly Wall[] = [
  {
    name: 'engine/ imports no UI',
    file: 'engine/src/core/wall-probe.ts',
    forbidden: { code: "import 'react';", says: 'runtime-neutral' },
    allowed: "import 'lmdb';",
  },
  {
    name: 'engine/src/common imports nothing of Node',
    file: 'engine/src/common/wall-probe.ts',
    forbidden: { code: "import 'node:fs';", says: 'no Node builtins' },
    allowed: "import 'json5';",
  },
  {
    name: 'engine/src/common imports nothing from the rest of the engine',
    file: 'engine/src/common/wall-probe.ts',
    forbidden: { code: "import '../schema/values.js';", says: 'nothing from the rest of the engine' },
    allowed: "import './markers.js';",
  },
  {
    name: 'renderer/ takes the engine as types only',
    file: 'renderer/src/state/wall-probe.ts',
    forbidden: { code: "import { formatOpaqueKey } from '@trellis/engine';", says: 'import type' },
    allowed: "import { formatKeyText } from '@trellis/engine/common/key-text';",
  },
  {
    name: 'renderer/ imports no Node builtins',
    file: 'renderer/src/state/wall-probe.ts',
    forbidden: { code: "import 'node:path';", says: 'sandboxed window' },
    allowed: "import type { OpaqueKey } from '@trellis/engine';",
  },
  {
    name: 'renderer/ takes only app/contract from app/',
    file: 'renderer/src/state/wall-probe.ts',
    forbidden: { code: "import '../../../app/host/host.js';", says: 'only app/contract' },
    allowed: "import '../../../app/contract/index.js';",
  },
  {
    name: 'renderer/src/grid/core imports no React',
    file: 'renderer/src/grid/core/wall-probe.ts',
    forbidden: { code: "import { useState } from 'react';", says: 'headless' },
    allowed: "import { valueTypeFor } from '../../values/registry.js';",
  },
  {
    name: 'renderer/src/grid/core imports no React component module',
    file: 'renderer/src/grid/core/wall-probe.ts',
    forbidden: { code: "import { RefLink } from '../../references/RefLink.js';", says: 'component modules' },
    allowed: "import { countText } from './count-text.js';",
  },
  {
    name: 'renderer/src/grid/core imports nothing from the React side of grid/',
    file: 'renderer/src/grid/core/wall-probe.ts',
    forbidden: { code: "import { useBlockCache } from '../use-block-cache.js';", says: 'nothing from grid/ outside core' },
    allowed: "import { parseUserValue } from '../../state/user-input.js';",
  },
  {
    name: 'renderer/src/grid/core still takes the renderer walls',
    file: 'renderer/src/grid/core/wall-probe.ts',
    forbidden: { code: "import 'node:path';", says: 'sandboxed window' },
    allowed: "import type { OpaqueKey } from '@trellis/engine';",
  },
  {
    name: 'renderer/src/schema/core imports no React',
    file: 'renderer/src/schema/core/wall-probe.ts',
    forbidden: { code: "import { useMemo } from 'react';", says: 'headless' },
    allowed: "import { valueTypeFor } from '../../values/registry.js';",
  },
  {
    name: 'renderer/src/schema/core imports nothing from the React side of schema/',
    file: 'renderer/src/schema/core/wall-probe.ts',
    forbidden: { code: "import { showSchema } from '../places.js';", says: 'nothing from schema/ outside core' },
    allowed: "import { describeSchema } from '../../editor/schema/schema-nav.js';",
  },
  {
    name: 'renderer/src/sync/core imports no React',
    file: 'renderer/src/sync/core/wall-probe.ts',
    forbidden: { code: "import { useState } from 'react';", says: 'headless' },
    allowed: "import { toJson5 } from '../../editor/text/json5-text.js';",
  },
  {
    name: 'renderer/src/sync/core imports nothing from the React side of sync/',
    file: 'renderer/src/sync/core/wall-probe.ts',
    forbidden: { code: "import { useSync } from '../use-sync.js';", says: 'nothing from sync/ outside core' },
    allowed: "import { changes } from './status-line.js';",
  },
  {
    name: 'renderer/src/values is headless: no React',
    file: 'renderer/src/values/wall-probe.ts',
    forbidden: { code: "import type { JSX } from 'react';", says: 'headless' },
    allowed: "import { markedKindOf } from '@trellis/engine/common/markers';",
  },
  {
    name: 'renderer/src/values imports nothing from the rest of the renderer',
    file: 'renderer/src/values/wall-probe.ts',
    forbidden: { code: "import '../grid/cells/cell-for.js';", says: 'leaf' },
    allowed: "import './schema-shape.js';",
  },
  {
    name: 'renderer/src/client is transport only',
    file: 'renderer/src/client/wall-probe.ts',
    forbidden: { code: "import '../grid/core/tree-page.js';", says: 'transport only' },
    allowed: "import './host-client.js';",
  },
  {
    name: 'renderer/src/client does not reach back into boot/',
    file: 'renderer/src/client/wall-probe.ts',
    forbidden: { code: "import '../boot/first-screen.js';", says: 'transport only' },
    allowed: "import '../../../app/contract/errors.js';",
  },
  {
    name: 'renderer/src/client still takes the renderer walls',
    file: 'renderer/src/client/wall-probe.ts',
    forbidden: { code: "import 'lmdb';", says: 'must not load lmdb' },
    allowed: "import './listeners.js';",
  },
  {
    name: 'renderer/src/editor/text and editor/schema import no Monaco',
    file: 'renderer/src/editor/schema/wall-probe.ts',
    forbidden: { code: "import * as monaco from 'monaco-editor';", says: 'Monaco stays in editor/monaco' },
    allowed: "import { parseJson5 } from '../text/json5-text.js';",
  },
  {
    name: 'renderer/src/editor/text imports no React',
    file: 'renderer/src/editor/text/wall-probe.ts',
    forbidden: { code: "import { useMemo } from 'react';", says: 'headless' },
    allowed: "import { valueTypeFor } from '../../values/registry.js';",
  },
  {
    name: 'only app/electron imports Electron',
    file: 'app/host/wall-probe.ts',
    forbidden: { code: "import { ipcMain } from 'electron';", says: 'Only app/electron' },
    allowed: "import 'electron-builder';",
  },
  {
    name: 'app/contract imports no Electron',
    file: 'app/contract/wall-probe.ts',
    forbidden: { code: "import type { BrowserWindow } from 'electron';", says: 'browser-safe' },
    allowed: "import Type from 'typebox';",
  },
  {
    name: 'app/contract imports nothing from the rest of app/',
    file: 'app/contract/wall-probe.ts',
    forbidden: { code: "import '../host/host.js';", says: 'its own files' },
    allowed: "import './methods.js';",
  },
  {
    name: 'app/contract takes the engine as types only',
    file: 'app/contract/wall-probe.ts',
    forbidden: { code: "import { open } from '@trellis/engine';", says: 'import type' },
    allowed: "import type { TrellisErrorCode } from '@trellis/engine';",
  },
  {
    name: 'app/contract takes the engine\'s runtime-neutral layer as code',
    file: 'app/contract/wall-probe.ts',
    forbidden: { code: "import 'node:path';", says: 'browser-safe' },
    allowed: "import { formatKeyText } from '@trellis/engine/common/key-text';",
  },
];

describe('lint walls', () => {
  it.each(walls)('$name', async (wall) => {
    const refused = await refusals(wall.file, wall.forbidden.code);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(wall.forbidden.says);
    expect(await refusals(wall.file, wall.allowed)).toEqual([]);
  });
});
