/**
 * 假期 (vacation) APIs, doc 93375 / 93376 / 93377: the corp's leave types, a
 * member's quotas, and setting one quota. Durations are seconds, as in WeCom.
 */
import { Errors, withHint, type WecomError } from './errors.js';
import type { SimContext } from './context.js';
import { num, str, type Json } from './http.js';
import type { QuotaRecord } from './state.js';

export interface VacationType {
  readonly id: number;
  readonly name: string;
  /** 0 by day, 1 by hour. */
  readonly timeAttr: 0 | 1;
  /** Whether members have a quota (年假, 调休) or take it as needed (病假, 事假). */
  readonly hasQuota: boolean;
}

const DAY = 86_400;

/** `oa/vacation/getcorpconf` lists. */
export function corpConf(ctx: SimContext): Json[] {
  return ctx.vacationTypes.map((t) => ({
    id: t.id,
    name: t.name,
    time_attr: t.timeAttr,
    duration_type: 0,
    quota_attr: { type: t.hasQuota ? 1 : 0, autoreset_time: 0, autoreset_duration: 0 },
    perday_duration: DAY,
    is_newovertime: 0,
    enter_comp_time_limit: 0,
    expire_rule: { type: 0 },
  }));
}

/** `oa/vacation/getuservacationquota` lists for one member. */
export function userQuota(ctx: SimContext, body: Json): { readonly lists: Json[] } | WecomError {
  const userid = str(body, 'userid');
  if (!userid) return withHint(Errors.invalidParameter, 'userid required');
  const user = ctx.directory.user(userid);
  if (!user) return Errors.userNotFound;
  const quotas = ctx.state.quotas[user.userid] ?? {};
  const lists = ctx.vacationTypes
    .filter((t) => t.hasQuota)
    .map((t) => {
      const q: QuotaRecord = quotas[String(t.id)] ?? { assign: 0, used: 0, left: 0 };
      return { id: t.id, assignduration: q.assign, usedduration: q.used, leftduration: q.left, vacationname: t.name, real_assignduration: q.assign };
    });
  return { lists };
}

/** `oa/vacation/setoneuserquota`: sets the balance (absolute). */
export function setUserQuota(ctx: SimContext, body: Json): WecomError | undefined {
  const userid = str(body, 'userid');
  const vacationId = num(body, 'vacation_id');
  const left = num(body, 'leftduration');
  const timeAttr = num(body, 'time_attr');
  const remarks = str(body, 'remarks') ?? '';
  if (!userid || vacationId === undefined || left === undefined || timeAttr === undefined) {
    return withHint(Errors.vacationParams, 'userid, vacation_id, leftduration and time_attr are required');
  }
  const user = ctx.directory.user(userid);
  if (!user) return Errors.vacationScope;
  const type = ctx.vacationTypes.find((t) => t.id === vacationId);
  if (!type || !type.hasQuota) return withHint(Errors.vacationParams, 'unknown vacation_id');
  if (timeAttr !== type.timeAttr) return withHint(Errors.vacationParams, 'time_attr does not match the vacation');
  const step = type.timeAttr === 0 ? 8640 : 360;
  const max = type.timeAttr === 0 ? 1000 * DAY : 24000 * 3600;
  if (left < 0 || left > max || left % step !== 0) return withHint(Errors.vacationParams, `leftduration must be a multiple of ${step}`);
  if ([...remarks].length > 200) return withHint(Errors.vacationParams, 'remarks longer than 200 characters');
  const userQuotas = (ctx.state.quotas[user.userid] ??= {});
  const current = userQuotas[String(vacationId)] ?? { assign: 0, used: 0, left: 0 };
  userQuotas[String(vacationId)] = { assign: current.used + left, used: current.used, left };
  ctx.changed([]);
  return undefined;
}

/** Seeds quotas (days) for members that have none yet. */
export function seedQuotas(ctx: SimContext, days: Readonly<Record<string, Readonly<Record<number, number>>>>): void {
  for (const [userid, byType] of Object.entries(days)) {
    const userQuotas = (ctx.state.quotas[userid] ??= {});
    for (const [id, d] of Object.entries(byType)) {
      if (userQuotas[id]) continue;
      const seconds = Math.round(d * 10) * 8640;
      userQuotas[id] = { assign: seconds, used: 0, left: seconds };
    }
  }
}
