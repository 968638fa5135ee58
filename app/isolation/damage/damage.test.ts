import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createSampleDatabase } from '../../sample/index.js';
import { runDamageTrials } from './damage-trials.js';

// The bounded version of `npm run damage` (a million records, 200 trials): a small sample, 8 trials.
const workDir = mkdtempSync(join(tmpdir(), 'trellis-damage-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

it('a damaged copy never takes the host down, and every outcome is typed', { timeout: 600_000 }, async () => {
  const source = join(workDir, 'source');
  await createSampleDatabase(source, { tasks: 4000 });
  const lines: string[] = [];
  const report = await runDamageTrials({ source, workDir, pageOverwrites: 4, byteBursts: 4, seed: 7, callTimeoutMs: 60_000, log: (line) => lines.push(line) });
  expect(report.trials).toHaveLength(8);
  expect(report.outcomes.untyped, lines.join('\n')).toBe(0);
  expect(report.hostAliveAfterEach, lines.join('\n')).toBe(true);
  console.log(lines.join('\n'));

  // A replay of some trials of the seed (DAMAGE_ONLY) does the same damage as the full run did. Not
  // always with the same outcome: LMDB follows page numbers read from a damaged page into its map, and
  // what lies there depends on where the map sits in the process, which earlier opens moved (seen: the
  // same overwritten page read 3,263 rows without an error in a fresh process, and crashed one that had
  // opened and closed the copy twice before). The outcome must still be typed, as above.
  const replay = await runDamageTrials({ source, workDir, pageOverwrites: 4, byteBursts: 4, seed: 7, only: new Set([3, 6]), callTimeoutMs: 60_000 });
  expect(replay.trials.map((trial) => [trial.number, trial.damage.kind, trial.damage.offset, trial.damage.bytes])).toEqual(
    [report.trials[2]!, report.trials[5]!].map((trial) => [trial.number, trial.damage.kind, trial.damage.offset, trial.damage.bytes]),
  );
  expect(replay.outcomes.untyped).toBe(0);
});
