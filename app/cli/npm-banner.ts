/**
 * `npm run export -- DB > FILE` (without `--silent`) puts npm's banner on
 * stdout before the export:
 *
 *   (blank)
 *   > trellis@0.1.0 export
 *   > npm run build --silent && node app/dist/cli/export.js DB
 *   (blank)
 *
 * `import` reads such a file as the export it holds: the banner's lines
 * become blank lines (which the engine skips), so line numbers in problems
 * still match the file.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const BANNER_LINE = /^(> .*)?\r?$/;

export async function* withoutNpmBanner(source: AsyncIterable<string | Buffer>): AsyncGenerator<string | Buffer> {
  let head = '';
  let inHead = true;
  for await (const chunk of source) {
    if (!inHead) {
      yield chunk;
      continue;
    }
    head += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    // Wait for a whole first line that is not banner (or the banner ending in it) before deciding.
    const lines = head.split('\n');
    const complete = lines.slice(0, -1);
    const firstOther = complete.findIndex((line) => !BANNER_LINE.test(line));
    if (firstOther === -1 && head.length < 65536) continue;
    inHead = false;
    const cut = firstOther === -1 ? complete.length : firstOther;
    yield lines.map((line, i) => (i < cut ? '' : line)).join('\n');
  }
  if (inHead) yield head.split('\n').map((line) => (BANNER_LINE.test(line) ? '' : line)).join('\n');
}

/** The first line of the file that is not npm's banner (the export header, if it is one). */
export async function firstRecordLine(file: string): Promise<string | undefined> {
  const lines = createInterface({ input: createReadStream(file, { end: 16 * 1024 * 1024 }), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (!BANNER_LINE.test(line)) return line;
    return undefined;
  } finally {
    lines.close();
  }
}
