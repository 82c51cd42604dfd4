/**
 * The interview conversation: one flow for both interview intents, because
 * the NLU cannot always tell "schedule" from "move" in the middle of a form
 * (改到下周三 while filling the form is a correction of the time, not a new
 * task). It routes, by who is talking and what they asked:
 *   - a candidate (Wechaty)            → candidateReplies.ts
 *   - 今天有哪些面试 / 张伟的面试       → listing.ts (HR: all; others: their own)
 *   - 把张伟的面试改到… / 取消张伟的面试 → hrActions.ts (HR only)
 *   - 帮我约张伟…                       → scheduleForm.ts (HR only)
 */
import { reply, type Flow } from '../flow.js';
import { resume } from '../wording.js';
import { candidateStart } from './candidateReplies.js';
import { isRecruiter, loadInterviewFacts, type FactsDeps, type InterviewFacts } from './facts.js';
import { hrChange } from './hrActions.js';
import { isHrCancel } from './parse.js';
import { listAnswer } from './listing.js';
import { resumeSchedule, SCHEDULE_FLOW, schedulePrompt, startSchedule } from './scheduleForm.js';
import * as w from './wording.js';

export function interviewFlow(deps: FactsDeps): Flow<InterviewFacts> {
  return {
    name: SCHEDULE_FLOW,
    intents: ['interview.schedule', 'interview.reschedule'],
    loadFacts: (turn) => loadInterviewFacts(turn, deps),

    start(state, turn, facts) {
      if (turn.user.channel === 'wechaty') return candidateStart(state, turn, facts);
      const employee = turn.employee;
      if (!employee) return { state, actions: [reply(turn, w.NOT_HR)] };
      if (facts.listing) return { state, actions: [reply(turn, listAnswer(facts.listing.scope, facts.listing.rows, turn.tz))] };
      const isHr = isRecruiter(employee, deps.hrAdmins);
      const hasPhone = turn.nlu.slots.candidatePhone !== undefined;
      if (!hasPhone && isHrCancel(turn.text)) return isHr ? hrChange(state, turn, facts, 'cancel') : { state, actions: [reply(turn, w.NOT_ALLOWED_CANCEL)] };
      if (!hasPhone && turn.nlu.intent === 'interview.reschedule') {
        return isHr ? hrChange(state, turn, facts, 'reschedule') : { state, actions: [reply(turn, w.NOT_ALLOWED_RESCHEDULE)] };
      }
      if (!isHr) return { state, actions: [reply(turn, w.NOT_HR)] };
      return startSchedule(state, turn, facts);
    },

    resume(state, form, turn, facts) {
      if (facts.listing) {
        // A list question in the middle of the form: answer it, keep the form.
        return { state, actions: [reply(turn, listAnswer(facts.listing.scope, facts.listing.rows, turn.tz)), reply(turn, resume(schedulePrompt(form)))] };
      }
      return resumeSchedule(state, form, turn, facts);
    },

    resumePrompt: schedulePrompt,
    formHelp: (form) => w.scheduleHelp(schedulePrompt(form)),
  };
}
