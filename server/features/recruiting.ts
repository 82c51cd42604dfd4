/**
 * 招聘: interviews scheduled by chat (interview.schedule / interview.reschedule),
 * the interviewer's WeCom calendar, the candidate's invitation page (/i/<token>),
 * replies from candidates over the optional Wechaty channel, reminders and
 * no-shows, and HR's job pages (/hr/jobs) with their import.
 */
import type { Config } from '../../lib/config.js';
import { tzOffsetMinutes } from '../../lib/time.js';
import type { Schedule, WecomClient } from '../../bot/wecom/api/index.js';
import { WechatyChannel } from '../../bot/wechaty/channel.js';
import { CandidateModel } from '../../models/candidate.js';
import { JobModel } from '../../models/job.js';
import { seedJobs } from '../../models/seed/jobs.js';
import { interviewFlow } from '../../flows/interview/interviewFlow.js';
import { candidateAwaitingHandler } from '../../flows/interview/candidateReplies.js';
import { hrAwaitingHandler } from '../../flows/interview/hrActions.js';
import { interviewCardHandler } from '../../flows/interview/heldCard.js';
import { registerInterviewEffects } from '../../flows/interview/effects.js';
import { CANDIDATE_AWAITING, HR_AWAITING } from '../../flows/interview/invitation.js';
import type { RecruitingDeps } from '../../flows/interview/operations.js';
import { invitePageActions } from '../../flows/interview/pageActions.js';
import { CandidateChannelSlot, type CalendarEvent, type CalendarPort } from '../../flows/interview/ports.js';
import { inviteRoutes } from '../../miniapp/candidate/inviteRoutes.js';
import { hrJobRoutes } from '../../miniapp/hr/jobsRoutes.js';
import { interviewRemindersJob } from '../../scheduler/jobs/interviewReminders.js';
import { pageAuthFor } from '../auth/options.js';
import type { Feature, Services } from '../feature.js';

/** A calendar event as WeCom's `oa/schedule` body (unix seconds; the zone as an hour offset). */
export function toWecomSchedule(e: CalendarEvent, tz: string): Schedule {
  return {
    admins: [e.organizer],
    start_time: Math.floor(e.startAt.getTime() / 1000),
    end_time: Math.floor(e.endAt.getTime() / 1000),
    is_whole_day: 0,
    attendees: e.attendees.map((userid) => ({ userid })),
    summary: e.title,
    description: e.description,
    reminders: { is_remind: 1, remind_before_event_secs: e.remindBeforeSec, timezone: tzOffsetMinutes(e.startAt, tz) / 60 },
    ...(e.location ? { location: e.location } : {}),
  };
}

/** The interviewer's calendar through WeCom 日程 (the app must be granted 日程 access). */
export function wecomCalendar(client: Pick<WecomClient, 'schedule'>, tz: string): CalendarPort {
  return {
    async add(e) {
      const id = await client.schedule.add(toWecomSchedule(e, tz));
      if (typeof id !== 'string' || id === '') throw new Error('oa/schedule/add returned no schedule_id');
      return id;
    },
    update: (id, e) => client.schedule.update({ schedule: { ...toWecomSchedule(e, tz), schedule_id: id } }),
    remove: (id) => client.schedule.del({ schedule_id: id }),
  };
}

export function recruitingFeature(config: Pick<Config, 'wechaty' | 'mode'>): Feature {
  const candidates = new CandidateChannelSlot();
  let deps: RecruitingDeps | undefined;
  const depsOf = (s: Services): RecruitingDeps => (deps ??= {
    calendar: wecomCalendar(s.wecom, s.config.tz),
    candidates,
    linkKey: s.keys.link,
    publicBaseUrl: s.config.publicBaseUrl,
    tz: s.config.tz,
    companyName: s.config.companyName,
    logger: s.logger.child({ component: 'recruiting' }),
    hrAdmins: s.config.hrAdmins,
  });

  return {
    name: 'recruiting',
    flows: (s) => [interviewFlow({ linkKey: s.keys.link, wechatyEnabled: () => candidates.enabled(), hrAdmins: s.config.hrAdmins })],
    cardHandlers: { interview: interviewCardHandler },
    awaitingHandlers: { [CANDIDATE_AWAITING]: candidateAwaitingHandler, [HR_AWAITING]: hrAwaitingHandler },
    async setup(s) {
      registerInterviewEffects(s.effects, depsOf(s));
      // The demo needs jobs to schedule against; the seed only fills codes that are missing.
      if (config.mode === 'demo' && (await JobModel.estimatedDocumentCount()) === 0) await seedJobs();
    },
    routes: (s) => [
      inviteRoutes({ linkKey: s.keys.link, actions: invitePageActions({ ...depsOf(s), outbox: s.outbox }), tz: s.config.tz, now: s.now }),
      hrJobRoutes({ auth: pageAuthFor(s) }),
    ],
    jobs: (s) => [interviewRemindersJob({ ...depsOf(s), outbox: s.outbox })],
    async start(s) {
      if (!config.wechaty) return undefined;
      const logger = s.logger.child({ component: 'wechaty' });
      const channel = new WechatyChannel({
        puppet: config.wechaty.puppet,
        token: config.wechaty.token,
        accept: (inbound) => s.inbound.accept(inbound, 'wechaty'),
        isCandidate: async (contactId) => (await CandidateModel.exists({ 'channel.kind': 'wechaty', 'channel.contactId': contactId, deletedAt: { $exists: false } })) !== null,
        logger,
      });
      try {
        await channel.start();
      } catch (err) {
        // A missing or broken puppet must not take the HR app down: invitations fall back to forwarding.
        logger.error({ err, puppet: config.wechaty.puppet }, 'wechaty channel did not start; invitations will be forwarded by HR');
        await channel.stop().catch(() => undefined);
        return undefined;
      }
      candidates.set({ enabled: () => channel.isReady(), findContact: (q) => channel.findContact(q) });
      return {
        name: 'wechaty',
        stop: async () => {
          candidates.set(undefined);
          await channel.stop();
        },
      };
    },
  };
}
