/**
 * `sync directory`: pulls the WeCom 通讯录 into the employee list now (the same
 * work as the daily 02:30 job) and prints what changed.
 */
import type { CliCommand } from '../command.js';
import { createWecomClient } from '../../bot/wecom/api/index.js';
import { mongoTokenStore } from '../../bot/wecom/mongoTokenStore.js';
import { formatSyncReport, syncDirectory } from '../../bot/wecom/directorySync.js';
import { WecomApiError } from '../../bot/wecom/api/index.js';

export const syncDirectoryCommand: CliCommand = {
  name: 'sync directory',
  usage: 'sync directory',
  summary: '从企业微信通讯录同步部门和员工',
  needsDb: true,
  async run(_args, ctx) {
    const w = ctx.config.wecom;
    if (!w) {
      ctx.err('没有配置企业微信（WECOM_CORP_ID 等五项），演示模式下不能同步通讯录。');
      return 2;
    }
    const client = createWecomClient({
      corpId: w.corpId, secret: w.secret, agentId: w.agentId, apiBase: w.apiBase,
      tokenStore: mongoTokenStore(`wecom:token:${w.corpId}:${w.agentId}`),
      logger: ctx.logger,
    });
    try {
      ctx.out(formatSyncReport(await syncDirectory(client, ctx.logger)));
      return 0;
    } catch (err) {
      if (err instanceof WecomApiError) {
        ctx.err(`同步失败：${err.explanation}（${err.path}）`);
        return 1;
      }
      throw err;
    }
  },
};
