/** 假期 (vacation) API shapes: doc 93375 / 93376 / 93377. Durations are seconds. */

export interface VacationConf {
  readonly id: number;
  readonly name: string;
  /** 0 by day, 1 by hour. */
  readonly time_attr: 0 | 1;
  readonly duration_type: number;
  readonly quota_attr: {
    readonly type: number;
    readonly autoreset_time?: number;
    readonly autoreset_duration?: number;
    readonly quota_rule_type?: number;
    readonly quota_rules?: { readonly list: readonly { readonly quota: number; readonly begin: number; readonly end: number }[]; readonly based_on_actual_work_time?: boolean };
    readonly at_entry_date?: boolean;
    readonly auto_reset_month_day?: number;
  };
  /** Seconds counted as one day. */
  readonly perday_duration: number;
  readonly is_newovertime?: number;
  readonly enter_comp_time_limit?: number;
  readonly expire_rule?: Readonly<Record<string, unknown>>;
}

export interface VacationCorpConfResponse {
  readonly lists: readonly VacationConf[];
}

export interface UserVacationQuota {
  readonly id: number;
  readonly assignduration: number;
  readonly usedduration: number;
  readonly leftduration: number;
  readonly vacationname: string;
  readonly real_assignduration?: number;
}

export interface UserVacationQuotaResponse {
  readonly lists: readonly UserVacationQuota[];
}

export interface SetUserQuotaRequest {
  readonly userid: string;
  readonly vacation_id: number;
  /**
   * Seconds, ≤ 1000 days / 24000 h; a multiple of 8640 (0.1 day) when by day,
   * of 360 (0.1 h) when by hour. Sets the balance (absolute, not a delta).
   */
  readonly leftduration: number;
  /** Must match the vacation's configuration. */
  readonly time_attr: 0 | 1;
  /** ≤ 200 characters. */
  readonly remarks?: string;
}
