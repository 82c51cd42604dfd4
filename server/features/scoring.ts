/**
 * 视频面试评分: the scorer worker inside the app (SCORER_IN_PROCESS, with
 * SCORER_CONCURRENCY jobs at a time; `npm run scorer` runs more of them
 * elsewhere), and HR's report pages (/hr/reports/:interviewId) and job
 * ranking pages (/hr/jobs/:code/ranking) behind WeCom sign-in.
 */
import type { Feature } from '../feature.js';
import { pageAuthFor } from '../auth/options.js';
import { createScoreWorker } from '../../scorer/workerFactory.js';
import { hrReportRoutes } from '../../miniapp/hr/reportRoutes.js';
import { hrJobRankingRoutes } from '../../miniapp/hr/jobRankingRoutes.js';

export function scoringFeature(): Feature {
  return {
    name: 'scoring',
    routes: (s) => {
      const access = { auth: pageAuthFor(s) };
      return [hrReportRoutes({ ...access, tz: s.config.tz, now: s.now }), hrJobRankingRoutes({ ...access, now: s.now })];
    },
    async start(s) {
      if (!s.config.scorerInProcess) return undefined;
      const worker = createScoreWorker({ config: s.config, logger: s.logger, owner: `${s.instanceId}:scorer`, notifier: s.outbox, now: s.now });
      worker.start();
      return { name: 'scorer', stop: () => worker.stop() };
    },
  };
}
