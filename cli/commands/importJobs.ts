/**
 * `import jobs FILE.json|FILE.csv`: jobs and their question banks. Every
 * problem is printed with its line (and field) and nothing is applied; a valid
 * file is applied idempotently (matched by job code).
 */
import { extname } from 'node:path';
import type { CliCommand } from '../command.js';
import { readInputFile } from './inputFile.js';
import { formatProblems } from '../../models/import/csv.js';
import { importJobs } from '../../models/import/jobs.js';

export const importJobsCommand: CliCommand = {
  name: 'import jobs',
  usage: 'import jobs FILE.json|FILE.csv',
  summary: '导入岗位和面试题（JSON 或 CSV）',
  needsDb: true,
  async run(args, ctx) {
    const input = await readInputFile(args, 'import jobs FILE.json|FILE.csv', ctx);
    if ('exit' in input) return input.exit;
    const { file, text } = input;
    const ext = extname(file).toLowerCase();
    const format = ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : undefined;
    const result = await importJobs(text, 'cli', format, 'cli');
    if (!result.ok) {
      ctx.err(`${file} 有 ${result.problems.length} 处问题，未导入任何数据：\n${formatProblems(result.problems)}`);
      return 1;
    }
    ctx.out(`岗位导入完成：新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}`);
    return 0;
  },
};
