/**
 * `import payslips FILE.csv` and `publish payslips YYYY-MM`. The same code as
 * HR's upload page: every row is checked first and problems are listed by
 * line; nothing is written unless the file is clean. Publishing queues one
 * notice per employee in the Outbox; the running app's sender delivers them.
 */
import type { CliCommand, CliContext } from '../command.js';
import { readInputFile } from './inputFile.js';
import { deriveKey } from '../../lib/keys.js';
import { silentLogger } from '../../lib/logger.js';
import { formatProblems } from '../../models/import/csv.js';
import { importPayslips } from '../../models/import/payslips.js';
import { publishPayslips } from '../../flows/payslip/publish.js';
import { monthText } from '../../flows/payslip/wording.js';
import { createOutbox } from '../../bot/outbox/outboxStore.js';
import { resolveRuntimeConfig } from '../../server/runtimeConfig.js';
import { noticeLinkFor, payslipLinks } from '../../miniapp/payslip/link.js';

/** The same secrets the app uses (APP_SECRET, or the one demo mode keeps in DATA_DIR). */
async function keys(ctx: CliContext): Promise<{ payslip: Buffer; link: Buffer; publicBaseUrl: string }> {
  const runtime = await resolveRuntimeConfig(ctx.config, silentLogger);
  return {
      payslip: runtime.payslipKey ? Buffer.from(runtime.payslipKey, 'base64') : deriveKey(runtime.appSecret, 'payslip'),
      link: deriveKey(runtime.appSecret, 'link'),
      publicBaseUrl: runtime.publicBaseUrl,
  };
}

/** The clock the commands stamp imports and queued notices with (tests pass the app's). */
export interface PayslipCommandOptions {
  readonly now?: () => Date;
}

function importCommand(opts: PayslipCommandOptions): CliCommand {
  const now = opts.now ?? (() => new Date());
  return {
    name: 'import payslips',
    usage: 'import payslips FILE.csv',
    summary: '导入一个月的工资条（校验全部通过才写入；同月重新导入整体替换）',
    needsDb: true,
    async run(args, ctx) {
      const input = await readInputFile(args, 'import payslips FILE.csv', ctx);
      if ('exit' in input) return input.exit;
      const { file, text } = input;
      const { payslip } = await keys(ctx);
      const r = await importPayslips(text, { key: payslip, actor: 'cli', channel: 'cli', now: now() });
      if (!r.ok) {
        ctx.err(`${file} 有 ${r.problems.length} 处问题，未导入任何数据：\n${formatProblems(r.problems)}`);
        return 1;
      }
      ctx.out(`${monthText(r.month)}工资条导入完成：${r.employees} 人${r.replaced ? '（已替换之前的数据）' : ''}。`);
      ctx.out(r.published
        ? `该月已发布，员工现在看到的是新数据。需要通知员工时运行：npm run cli -- publish payslips ${r.month}`
        : `核对无误后发布并通知员工：npm run cli -- publish payslips ${r.month}`);
      return 0;
    },
  };
}

function publishCommand(opts: PayslipCommandOptions): CliCommand {
  const now = opts.now ?? (() => new Date());
  return {
    name: 'publish payslips',
    usage: 'publish payslips YYYY-MM',
    summary: '发布某月工资条并通知员工（重复发布不会重复通知）',
    needsDb: true,
    async run(args, ctx) {
      const month = args[0] ?? '';
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
        ctx.err('用法：npm run cli -- publish payslips YYYY-MM（例如 2026-10）');
        return 2;
      }
      const k = await keys(ctx);
      const r = await publishPayslips(month, 'cli', 'cli', {
        outbox: createOutbox({ now }), linkFor: noticeLinkFor(payslipLinks(k.link, k.publicBaseUrl)), tz: ctx.config.tz, now: now(),
      });
      if (!r.ok) {
        ctx.err(r.reason === 'no_month' ? `没有 ${monthText(month)} 的工资条，请先导入。` : `${monthText(month)}刚刚被重新导入，请核对后再发布。`);
        return 1;
      }
      const what = r.kind === 'again' ? '（之前已通知过的人不会重复收到）' : r.kind === 'update' ? '（通知内容：工资条已更新）' : '';
      ctx.out(`${monthText(month)}工资条已发布：已为 ${r.notified} 人排队发送通知${what}。${r.skippedInactive > 0 ? `${r.skippedInactive} 人已离职，未通知。` : ''}`);
      return 0;
    },
  };
}

export function payslipCommandsWith(opts: PayslipCommandOptions): CliCommand[] {
  return [importCommand(opts), publishCommand(opts)];
}

export const payslipCommands: CliCommand[] = payslipCommandsWith({});
