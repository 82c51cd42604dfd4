/**
 * Process-level helpers shared by the entry points (`npm start`, `npm run
 * scorer`): configuration that stops the process with exit code 2 when wrong,
 * and an id that names this process as a lease owner.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError, loadConfig, type Config } from './config.js';

/** The validated configuration; a wrong value prints every problem and exits 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** host:pid:role:random — unique per process, readable in lease documents and logs. */
export function instanceId(role: string): string {
  return `${hostname()}:${process.pid}:${role}:${randomUUID().slice(0, 8)}`;
}
