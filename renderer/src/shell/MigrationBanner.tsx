/** At the top of the main area while another program migrates the database: which migration, and how far it is. */
import type { JSX } from 'react';
import type { MigrationRunning } from '../../../app/contract/index.js';

const count = (n: number) => n.toLocaleString('en-US');

export function MigrationBanner({ migration }: { migration: MigrationRunning }): JSX.Element {
  const { id, description, done, total } = migration;
  return (
    <div className="migration-banner" data-testid="migration-banner" data-migration={id} data-done={done} data-total={total} role="status">
      <span className="migration-text" title={description}>
        Another program is migrating this database: <strong>{id}</strong> — {count(done)} of {count(total)} records
      </span>
      <progress data-testid="migration-progress" max={Math.max(total, 1)} value={Math.min(done, total)} aria-label="Records migrated" />
      <span className="migration-note">Writes are refused until it finishes.</span>
    </div>
  );
}
