/**
 * `import employees|leave-balances|holidays FILE.csv`: validate every row, print
 * each problem with its line number and apply nothing, or apply idempotently.
 */
import type { CliCommand } from '../command.js';
import { readInputFile } from './inputFile.js';
import { CsvFormatError, formatProblems, type ImportResult } from '../../models/import/csv.js';
import { importEmployees } from '../../models/import/employees.js';
import { importLeaveBalances } from '../../models/import/leaveBalances.js';
import { importHolidays } from '../../models/import/holidays.js';

type Importer = (text: Buffer, actor: string) => Promise<ImportResult>;

function csvImport(kind: string, label: string, importer: Importer): CliCommand {
  return {
    name: `import ${kind}`,
    usage: `import ${kind} FILE.csv`,
    summary: `导入${label}`,
    needsDb: true,
    async run(args, ctx) {
      const input = await readInputFile(args, `import ${kind} FILE.csv`, ctx);
      if ('exit' in input) return input.exit;
      const { file, text } = input;
      let result: ImportResult;
      try {
        result = await importer(text, 'cli');
      } catch (err) {
        if (err instanceof CsvFormatError) {
          ctx.err(`${file} 未导入：\n${formatProblems(err.problems)}`);
          return 1;
        }
        throw err;
      }
      if (!result.ok) {
        ctx.err(`${file} 有 ${result.problems.length} 处问题，未导入任何数据：\n${formatProblems(result.problems)}`);
        return 1;
      }
      ctx.out(`${label}导入完成：新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}`);
      return 0;
    },
  };
}

export const importCommands: CliCommand[] = [
  csvImport('employees', '员工', importEmployees),
  csvImport('leave-balances', '假期余额', importLeaveBalances),
  csvImport('holidays', '节假日', importHolidays),
];
