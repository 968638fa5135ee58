import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Packaging needs Electron's download, which fails where this project builds;
// these checks are what can run without it.
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  const config = (require('js-yaml') as { load(text: string): unknown }).load(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Record<string, unknown>;

  it("is valid against electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('packages the main process that package.json names, and an icon that exists', () => {
    const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { main: string };
    expect(manifest.main).toBe('app/dist/electron/main.js');
    expect(existsSync(`${root}app/electron/main.ts`)).toBe(true);
    expect(config['files']).toContain('app/dist/**/*');
    expect(config['files']).toContain('renderer/dist/**/*');
    expect(config['productName']).toBe('Trellis');
  });
});

describe('assets/icon.png', () => {
  it('is a 1024×1024 RGBA PNG, as electron-builder wants for icns/ico', () => {
    const png = readFileSync(`${root}assets/icon.png`);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([1024, 1024, 8, 6]);
  });
});
