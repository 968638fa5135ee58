/** The human summary `npm run verify` prints for an integrity report. */
import type { IntegrityReport } from '@trellis/engine';

export function formatIntegrityReport(path: string, report: IntegrityReport): string {
  const { trees, records, indexEntries, references } = report.checked;
  const counted = report.problems.length + report.omittedProblems;
  const lines = [
    `${path}: checked ${plural(trees, 'tree')}, ${plural(records, 'record')}, ${plural(indexEntries, 'index entry', 'index entries')}, ${plural(references, 'reference')}`,
  ];
  for (const repair of report.repairs ?? []) lines.push(`  repaired: ${repair.message}`);
  for (const problem of report.problems) lines.push(`  ${problem.kind}: ${problem.message}`);
  for (const index of report.unchecked ?? []) lines.push(`  not checked: index ${index.tree}.${index.index}, ${index.reason}`);
  if (report.omittedProblems > 0) lines.push(`  … and ${plural(report.omittedProblems, 'more problem')}`);
  lines.push(report.ok ? 'OK: no problems found' : `${plural(counted, 'problem')} found${report.repairs ? ' that repair cannot fix' : ''}`);
  return lines.join('\n');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
