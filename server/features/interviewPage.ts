/**
 * 视频面试页: the page a candidate opens from the invitation link (/interview/<token>)
 * — consent, device check, practice, recording with resumable uploads, text
 * answers when recording is impossible — and the daily retention purge of
 * recordings and what was derived from them.
 */
import type { Feature } from '../feature.js';
import { interviewPageRoutes, type InterviewPageRoutes } from '../../miniapp/interview/routes.js';
import { retentionJob } from '../../scheduler/jobs/retention.js';

export function interviewPageFeature(): Feature {
  let routes: InterviewPageRoutes | undefined;
  return {
    name: 'interview-page',
    async setup(s) {
      routes = interviewPageRoutes({
        linkKey: s.keys.link, companyName: s.config.companyName, retentionDays: s.config.recordingRetentionDays,
        tz: s.config.tz, now: s.now, logger: s.logger.child({ component: 'interview-page' }), outbox: s.outbox,
      });
      await routes.prepare();
    },
    routes: () => (routes ? [routes.router] : []),
    jobs: (s) => [retentionJob({ retentionDays: s.config.recordingRetentionDays })],
  };
}
