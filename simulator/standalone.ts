/**
 * The simulator on its own port, with the demo company:
 *
 *   npx tsx simulator/standalone.ts --port 4000 --callback http://127.0.0.1:3000/wecom/callback
 *
 * It prints the WeCom settings to start the app with (WECOM_API_BASE and
 * WECOM_OAUTH_BASE pointing here), so the app runs in its real WeCom mode against
 * the simulator — useful to try the production configuration without a WeCom
 * account. Messages and cards are kept in memory (or `--state FILE`); typing as
 * a member is done from a script through `createSimulator` (the console comes
 * with the app's demo mode).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createLogger } from '../lib/logger.js';
import { localDate } from '../lib/time.js';
import { createSimulator } from './simulator.js';
import { bundledHolidayLookup } from './demo/calendar.js';
import { demoCheckins } from './demo/checkins.js';
import { demoDirectory } from './demo/company.js';
import { demoLeaves } from './demo/leaves.js';
import { DEMO_VACATION_TYPES, demoQuotas } from './demo/vacationTypes.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      callback: { type: 'string', default: 'http://127.0.0.1:3000/wecom/callback' },
      'app-host': { type: 'string', default: 'localhost:3000' },
      state: { type: 'string' },
    },
  });
  const alnum = () => randomBytes(64).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  const corp = { corpId: 'wwsimulator0001', agentId: 1000002, secret: alnum().slice(0, 32), token: alnum().slice(0, 16), encodingAesKey: alnum().slice(0, 43) };
  const tz = 'Asia/Shanghai';
  const lookup = bundledHolidayLookup();
  const anchor = localDate(new Date(), tz);
  const directory = demoDirectory();
  const sim = await createSimulator({
    corp,
    callbackUrl: values.callback,
    directory,
    checkins: demoCheckins({ anchor, tz, lookup, leaves: demoLeaves(anchor, lookup), userids: directory.users.map((u) => u.userid), now: () => new Date() }),
    vacationTypes: DEMO_VACATION_TYPES,
    initialQuotas: demoQuotas(),
    trustedHosts: [values['app-host']],
    tz,
    logger: createLogger('info', 'wecom-simulator'),
    ...(values.state ? { persistFile: values.state } : {}),
  });
  const { url } = await sim.listen(Number(values.port), values.host);
  process.stdout.write(
    [
      `企业微信模拟器已启动：${url}`,
      '用下面的配置启动应用（真实的企业微信模式，接口指向模拟器）：',
      `  WECOM_CORP_ID=${corp.corpId}`,
      `  WECOM_AGENT_ID=${corp.agentId}`,
      `  WECOM_SECRET=${corp.secret}`,
      `  WECOM_TOKEN=${corp.token}`,
      `  WECOM_ENCODING_AES_KEY=${corp.encodingAesKey}`,
      `  WECOM_API_BASE=${url}`,
      `  WECOM_OAUTH_BASE=${url}`,
      `  APP_SECRET=${alnum().slice(0, 32)}`,
      '',
    ].join('\n'),
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
