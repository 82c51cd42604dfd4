/**
 * 日程 (schedules), doc 93648 / 97720: add, overwrite-style update and delete,
 * kept so the console can show each member's WeCom calendar.
 */
import { Errors, withHint, type WecomError } from './errors.js';
import { randomId, type SimContext } from './context.js';
import { arr, isObject, num, obj, str, strings, type Json } from './http.js';
import type { StoredSchedule } from './state.js';

type ScheduleBody = StoredSchedule['schedule'];

export function addSchedule(ctx: SimContext, body: unknown): { readonly schedule_id: string } | WecomError {
  if (!isObject(body)) return Errors.dataFormat;
  const s = obj(body, 'schedule');
  if (!s) return withHint(Errors.invalidParameter, 'schedule required');
  const parsed = parseSchedule(ctx, s, undefined);
  if ('errcode' in parsed) return parsed;
  const nowMs = ctx.nowMs();
  ctx.state.counters.schedule += 1;
  const scheduleId = `${randomId(28)}${String(ctx.state.counters.schedule).padStart(4, '0')}`;
  ctx.state.schedules[scheduleId] = { scheduleId, schedule: parsed, createdAt: nowMs, updatedAt: nowMs };
  ctx.changed(people(parsed));
  return { schedule_id: scheduleId };
}

export function updateSchedule(ctx: SimContext, body: unknown): WecomError | undefined {
  if (!isObject(body)) return Errors.dataFormat;
  const s = obj(body, 'schedule');
  const id = s ? str(s, 'schedule_id') : undefined;
  const stored = id ? ctx.state.schedules[id] : undefined;
  if (!s || !stored || stored.deletedAt !== undefined) return withHint(Errors.invalidParameter, 'schedule_id not found');
  const keepAttendees = body['skip_attendees'] === true;
  const parsed = parseSchedule(ctx, s, keepAttendees ? stored.schedule.attendees : undefined);
  if ('errcode' in parsed) return parsed;
  const before = people(stored.schedule);
  stored.schedule = parsed;
  stored.updatedAt = ctx.nowMs();
  ctx.changed([...before, ...people(parsed)]);
  return undefined;
}

export function deleteSchedule(ctx: SimContext, body: unknown): WecomError | undefined {
  if (!isObject(body)) return Errors.dataFormat;
  const id = str(body, 'schedule_id');
  const stored = id ? ctx.state.schedules[id] : undefined;
  if (!stored || stored.deletedAt !== undefined) return withHint(Errors.invalidParameter, 'schedule_id not found');
  stored.deletedAt = ctx.nowMs();
  ctx.changed(people(stored.schedule));
  return undefined;
}

/** A member's live schedules (as attendee or admin), soonest first. */
export function schedulesOf(ctx: SimContext, userid: string): StoredSchedule[] {
  return Object.values(ctx.state.schedules)
    .filter((s) => s.deletedAt === undefined && people(s.schedule).includes(userid))
    .sort((a, b) => a.schedule.start_time - b.schedule.start_time);
}

function people(s: ScheduleBody): string[] {
  return [...new Set([...s.admins, ...s.attendees.map((a) => a.userid)])];
}

function parseSchedule(ctx: SimContext, s: Json, keepAttendees: ScheduleBody['attendees'] | undefined): ScheduleBody | WecomError {
  const start = num(s, 'start_time');
  const end = num(s, 'end_time');
  if (start === undefined || end === undefined || end <= start) return withHint(Errors.invalidParameter, 'start_time must be before end_time');
  const summary = str(s, 'summary') || '新建事件';
  const description = str(s, 'description') ?? '';
  if ([...summary].length > 128) return withHint(Errors.contentTooLong, 'summary longer than 128 characters');
  if ([...description].length > 1000) return withHint(Errors.contentTooLong, 'description longer than 1000 characters');
  const admins = strings(s, 'admins') ?? [];
  if (admins.length > 3) return withHint(Errors.invalidParameter, 'at most 3 admins');
  let attendees: ScheduleBody['attendees'];
  if (keepAttendees) attendees = keepAttendees;
  else {
    attendees = [];
    for (const a of arr(s, 'attendees') ?? []) {
      const id = isObject(a) ? str(a, 'userid') : undefined;
      const user = id ? ctx.directory.user(id) : undefined;
      if (!user) return withHint(Errors.invalidUserId, `attendee ${String(id)} not found`);
      attendees.push({ userid: user.userid });
    }
    if (attendees.length > 1000) return withHint(Errors.invalidParameter, 'at most 1000 attendees');
  }
  for (const a of admins) if (!ctx.directory.user(a)) return withHint(Errors.invalidUserId, `admin ${a} not found`);
  return {
    admins,
    start_time: start,
    end_time: end,
    is_whole_day: num(s, 'is_whole_day') === 1 ? 1 : 0,
    attendees,
    summary,
    description,
    location: str(s, 'location') ?? '',
    reminders: obj(s, 'reminders') ?? {},
    cal_id: str(s, 'cal_id'),
  };
}
