/** The damaged-file trials' report, as Markdown (`npm run damage` writes it under report/). */
import { cpus, totalmem } from 'node:os';
import type { TrialsReport } from './damage-trials.js';

export interface ReportedRun {
  readonly tasks: number;
  readonly seed: number;
  /** The data file's size, in words. */
  readonly size: string;
  readonly planned: number;
  readonly only?: ReadonlySet<number> | undefined;
}

export function formatReport(report: TrialsReport, run: ReportedRun): string {
  const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
  const rows = Object.entries(report.outcomes).map(([outcome, n]) => `| ${outcome} | ${n} |`);
  const codes = new Map<string, number>();
  for (const trial of report.trials) for (const code of new Set(trial.codes)) codes.set(code, (codes.get(code) ?? 0) + 1);
  return [
    `# Damaged-file trials`,
    '',
    `${new Date().toISOString()} · ${machine} · sample database with ${run.tasks} tasks (${run.size} data file) · seed ${run.seed}${run.only === undefined ? '' : `, trials ${[...run.only].join(', ')} only`}`,
    '',
    `${report.trials.length} of ${run.planned} trials in ${Math.round(report.millis / 1000)} s; the host process answered after every trial: ${report.hostAliveAfterEach ? 'yes' : 'NO'}; a new engine process took over (after a crash, or after one read damage) in ${report.newEngines} trials.`,
    '',
    '| outcome | trials |',
    '|---|---|',
    ...rows,
    '',
    `Error codes answered (trials): ${[...codes].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}.`,
    '',
    '| # | damage | outcome | rows read / counted | ms | detail |',
    '|---|---|---|---|---|---|',
    ...report.trials.map((t) => `| ${t.number} | ${t.damage.kind} at ${t.damage.offset} (${t.damage.bytes} B) | ${t.outcome}${t.codes.length ? ` [${[...new Set(t.codes)].join(', ')}]` : ''} | ${t.rowsRead} / ${t.rowsCounted} | ${t.millis} | ${tableCell(t.detail)} |`),
    '',
  ].join('\n');
}

/** A detail as one Markdown table cell: damaged keys quoted in it can hold control characters and pipes. */
export function tableCell(detail: string): string {
  const shown = detail.replace(/ ?\(npm run verify[^)]*\)/, '').slice(0, 300).replaceAll('|', '/');
  // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
  return shown.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
