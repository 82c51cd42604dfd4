/** 日程 (calendar) API shapes: doc 93648 (add), 97720 (update), del. Times are unix seconds. */

export interface ScheduleReminders {
  readonly is_remind?: 0 | 1;
  /** 0, 300, 900, 3600, 86400 … seconds before the start. */
  readonly remind_before_event_secs?: number;
  readonly remind_time_diffs?: readonly number[];
  readonly is_repeat?: 0 | 1;
  readonly repeat_type?: number;
  readonly repeat_until?: number;
  readonly is_custom_repeat?: 0 | 1;
  readonly repeat_interval?: number;
  readonly repeat_day_of_week?: readonly number[];
  readonly repeat_day_of_month?: readonly number[];
  /** Offset in hours, e.g. 8. */
  readonly timezone?: number;
}

export interface Schedule {
  /** ≤ 3 userids who may edit it. */
  readonly admins?: readonly string[];
  readonly start_time: number;
  readonly end_time: number;
  readonly is_whole_day?: 0 | 1;
  /** ≤ 1000. */
  readonly attendees?: readonly { readonly userid: string }[];
  /** ≤ 128 characters. */
  readonly summary?: string;
  /** ≤ 1000 characters. */
  readonly description?: string;
  readonly reminders?: ScheduleReminders;
  readonly location?: string;
  readonly cal_id?: string;
}

export interface AddScheduleResponse {
  readonly schedule_id: string;
}

export interface UpdateScheduleRequest {
  /** The whole schedule (overwrite), plus its id. */
  readonly schedule: Schedule & { readonly schedule_id: string };
  /** Keep the attendee list as it is. */
  readonly skip_attendees?: boolean;
  /** Recurring schedules: 0 all, 1 this one only, 2 this and later. */
  readonly op_mode?: 0 | 1 | 2;
  readonly op_start_time?: number;
}

export interface DeleteScheduleRequest {
  readonly schedule_id: string;
  readonly op_mode?: 0 | 1 | 2;
  readonly op_start_time?: number;
}
