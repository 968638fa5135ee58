/** What the commands print, and the one-line errors they end with. */

/** An error meant for the user: its message is printed as it is, then the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const printLine = (line: string) => process.stdout.write(`${line}\n`);

export function logError(message: string, error?: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : error === undefined ? '' : String(error);
  process.stderr.write(`trellis: ${message}${detail ? `\n${detail}` : ''}\n`);
}

/** Runs a command's main; a CliError becomes one line on stderr and its exit code, anything else a stack and 1. */
export function runCommand(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`trellis ${name}: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    logError(`${name} failed`, error);
    process.exit(1);
  });
}
