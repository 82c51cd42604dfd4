/**
 * `npm run scorer`: the scorer worker in its own process, with the app's
 * configuration (lib/config.ts). Start as many as needed, on as many machines
 * as needed: they share the work through leases on the ScoreJob collection.
 *
 * With MONGODB_URI it connects to that database. Without it, it joins the
 * embedded store of an app running on the same DATA_DIR (`role: 'cli'`); if no
 * app is running it opens the store itself, and the app must then wait for
 * it to stop. Reports are announced through the Outbox collection: the app's
 * Outbox sender delivers the WeCom cards, so this process needs no WeCom
 * credentials. Set SCORER_IN_PROCESS=false on the app to leave all scoring to
 * these processes.
 */
import { instanceId, loadConfigOrExit } from '../lib/process.js';
import { createLogger } from '../lib/logger.js';
import { openDatabase } from '../models/db.js';
import { createOutbox } from '../bot/outbox/outboxStore.js';
import { Lifecycle } from '../server/lifecycle.js';
import { createScoreWorker } from './workerFactory.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, 'hr-scorer');
  const lifecycle = new Lifecycle(logger);
  lifecycle.handleSignals();
  try {
    const db = await openDatabase({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, logger, role: 'cli' });
    lifecycle.add({ name: 'database', stop: () => db.close() });
    const worker = createScoreWorker({
      config, logger, owner: instanceId('scorer'), notifier: createOutbox(),
    });
    worker.start();
    lifecycle.add({ name: 'scorer', stop: () => worker.stop() });
    process.stdout.write(`评分进程已启动（并发 ${config.scorerConcurrency}，数据库 ${db.kind}，语音转写${config.asr ? '已配置' : '未配置：只分析表达，内容不评分'}）\n`);
  } catch (err) {
    logger.fatal({ err }, 'scorer start-up failed');
    await lifecycle.stop();
    process.exit(1);
  }
}

void main();
