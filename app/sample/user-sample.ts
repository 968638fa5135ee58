/**
 * The sample database in the user data folder, created on first use. It is
 * written to a scratch folder and renamed into place, so an interrupted first
 * run never leaves a half-written sample behind.
 */
import { existsSync, mkdirSync, rmSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { createSampleDatabase, type SampleSummary } from './create-sample.js';
import { dataDir, sampleDatabasePath } from '../paths.js';

export interface SampleResult {
  readonly path: string;
  /** Set when this call created it. */
  readonly created?: SampleSummary;
}

export async function openOrCreateSample(dir = dataDir(), options: { tasks?: number } = {}): Promise<SampleResult> {
  const path = sampleDatabasePath(dir);
  if (existsSync(path)) return { path };
  mkdirSync(dir, { recursive: true });
  // No '.' in the name: lmdb would take the folder for a file name.
  const scratch = join(dir, `sample-db-creating-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  try {
    const summary = await createSampleDatabase(scratch, options);
    renameSync(scratch, path);
    return { path, created: { ...summary, path } };
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** The line printed after creating it, e.g. "Created the sample database (60,572 records) at … in 4.2 s." */
export function describeCreatedSample(summary: SampleSummary): string {
  const records = Object.values(summary.counts).reduce((sum, count) => sum + count, 0);
  return `Created the sample database (${records.toLocaleString('en-US')} records) at ${summary.path} in ${(summary.millis / 1000).toFixed(1)} s.`;
}
