/**
 * `npm run cli -- <command> [args]`. Works whether or not the app is running:
 * with the app up it talks to the app's store over the wire protocol; with
 * nothing running it opens the store itself (models/db.ts, role `cli`).
 */
import { pino } from 'pino';
import { loadConfig, ConfigError } from '../lib/config.js';
import { openDatabase } from '../models/db.js';
import { seedReferenceData } from '../models/seed/reference.js';
import { commands } from './commands/index.js';

function help(): string {
  return ['用法：npm run cli -- <命令>', '', ...commands.map((c) => `  ${c.usage.padEnd(36)} ${c.summary}`)].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const out = (l: string) => process.stdout.write(`${l}\n`);
  const err = (l: string) => process.stderr.write(`${l}\n`);
  // Longest name first, so `import employees` wins over a shorter prefix.
  const cmd = [...commands].sort((a, b) => b.name.length - a.name.length)
    .find((c) => c.name.split(' ').every((w, i) => argv[i] === w));
  if (!cmd) {
    err(argv.length > 0 && !['-h', '--help', 'help'].includes(argv[0]!) ? `未知命令：${argv.join(' ')}\n\n${help()}` : help());
    return argv.length === 0 || ['-h', '--help', 'help'].includes(argv[0]!) ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  const args = argv.slice(cmd.name.split(' ').length);
  if (!cmd.needsDb) return cmd.run(args, { config, logger, out, err });
  const db = await openDatabase({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, logger, role: 'cli' });
  try {
    await seedReferenceData();
    return await cmd.run(args, { config, logger, out, err });
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`出错了：${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
