/**
 * `outbox dead` lists messages the sender gave up on; `outbox resend KEY… |
 * --all` puts them back in the queue once the cause is fixed. The running
 * app's sender delivers them (nothing is sent from the CLI itself).
 */
import type { CliCommand } from '../command.js';
import { listDeadLetters, resendDeadLetters } from '../../bot/outbox/deadLetters.js';

const deadCommand: CliCommand = {
  name: 'outbox dead',
  usage: 'outbox dead',
  summary: '列出发送失败、已放弃的消息（死信）',
  needsDb: true,
  async run(_args, ctx) {
    const dead = await listDeadLetters(500);
    if (dead.length === 0) {
      ctx.out('没有死信。');
      return 0;
    }
    for (const d of dead) {
      ctx.out([d.createdAt?.toISOString() ?? '-', d.recipient, d.kind, d.key, `尝试 ${d.attempts} 次`, d.lastError ?? ''].join('\t'));
    }
    ctx.out(`共 ${dead.length} 条。修好原因后用 npm run cli -- outbox resend --all（或逐条给出 key）重新发送。`);
    return 0;
  },
};

const resendCommand: CliCommand = {
  name: 'outbox resend',
  usage: 'outbox resend KEY… | --all',
  summary: '把死信放回发件箱，由运行中的应用重新发送',
  needsDb: true,
  async run(args, ctx) {
    const all = args.includes('--all');
    const keys = args.filter((a) => a !== '--all');
    if (all === (keys.length > 0)) {
      ctx.err('用法：npm run cli -- outbox resend KEY…（一条或多条）或 --all（全部死信）');
      return 2;
    }
    const outcome = await resendDeadLetters(all ? { all: true } : { keys }, new Date());
    for (const k of outcome.notDead) ctx.err(`不是死信（不存在、已发送或已放回）：${k}`);
    ctx.out(`已放回发件箱 ${outcome.requeued} 条；应用运行时会按频率限制依次发送。`);
    return outcome.notDead.length > 0 ? 1 : 0;
  },
};

export const outboxCommands: readonly CliCommand[] = [deadCommand, resendCommand];
