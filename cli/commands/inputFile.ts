/**
 * The file argument of an import command: a usage line when it is missing, a
 * clear message when it cannot be read (exit code 2 either way).
 */
import { readFile } from 'node:fs/promises';
import type { CliContext } from '../command.js';

export async function readInputFile(args: readonly string[], usage: string, ctx: CliContext): Promise<{ file: string; text: Buffer } | { exit: number }> {
  const file = args[0];
  if (!file) {
    ctx.err(`用法：npm run cli -- ${usage}`);
    return { exit: 2 };
  }
  try {
    return { file, text: await readFile(file) };
  } catch (err) {
    ctx.err(`无法读取文件 ${file}：${(err as Error).message}`);
    return { exit: 2 };
  }
}
