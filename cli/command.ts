/**
 * The shape of a CLI command. Commands get an opened database and a logger
 * writing to stderr; stdout is theirs for results.
 */
import type { Config } from '../lib/config.js';
import type { Logger } from '../lib/logger.js';

export interface CliContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export interface CliCommand {
  /** e.g. `import employees` */
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Whether the command needs the database (the runner opens it first). */
  readonly needsDb: boolean;
  /** Returns the process exit code: 0 success, 1 rejected input, 2 usage. */
  run(args: readonly string[], ctx: CliContext): Promise<number>;
}
