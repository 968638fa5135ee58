/**
 * Progress of `export` and `import` on stderr: rewritten in place on a
 * terminal, left out elsewhere (a log file gets the final line only).
 */
export function progressLine(text: string, final = false): void {
  const terminal = process.stderr.isTTY;
  if (!final && !terminal) return;
  process.stderr.write(terminal ? `\r\x1b[K${text}${final ? '\n' : ''}` : `${text}\n`);
}
