/** 打卡 (attendance) API shapes: doc 90262, 93374, 90263. Times are unix seconds. */

/** 1 上下班, 2 外出, 3 全部. */
export type CheckinDataType = 1 | 2 | 3;

export interface CheckinDataRequest {
  readonly opencheckindatatype: CheckinDataType;
  readonly starttime: number;
  readonly endtime: number;
  /** Any length: the client splits into ≤ 100 users × ≤ 30 days per call. */
  readonly useridlist: readonly string[];
}

export interface CheckinRecord {
  readonly userid: string;
  readonly groupname: string;
  /** 上班打卡 / 下班打卡 / 外出打卡. */
  readonly checkin_type: string;
  /** Empty when normal; e.g. 时间异常, 地点异常, 未打卡, wifi异常, 非常用设备. */
  readonly exception_type: string;
  readonly checkin_time: number;
  readonly location_title: string;
  readonly location_detail: string;
  readonly wifiname: string;
  readonly notes: string;
  readonly wifimac: string;
  readonly mediaids: readonly string[];
  readonly lat?: number;
  readonly lng?: number;
  readonly deviceid?: string;
  readonly sch_checkin_time?: number;
  readonly groupid?: number;
  readonly schedule_id?: number;
  readonly timeline_id?: number;
}

export interface CheckinDataResponse {
  readonly checkindata: readonly CheckinRecord[];
}

export interface CheckinDayDataRequest {
  /** 00:00 of the first day (business time zone). */
  readonly starttime: number;
  /** 00:00 of the last day. */
  readonly endtime: number;
  readonly useridlist: readonly string[];
}

export interface CheckinDayData {
  readonly base_info: {
    readonly date: number;
    readonly record_type: number;
    readonly name: string;
    readonly name_ex?: string;
    readonly departs_name: string;
    readonly acctid: string;
    readonly rule_info: {
      readonly groupid: number;
      readonly groupname: string;
      readonly scheduleid: number;
      readonly schedulename: string;
      readonly checkintime: readonly { readonly work_sec: number; readonly off_work_sec: number }[];
    };
    /** 0 workday, 1 rest day. */
    readonly day_type: number;
  };
  readonly summary_info: {
    readonly checkin_count: number;
    readonly regular_work_sec: number;
    readonly standard_work_sec: number;
    readonly earliest_time: number;
    readonly lastest_time: number;
  };
  readonly holiday_infos?: readonly Readonly<Record<string, unknown>>[];
  /** exception: 1 迟到, 2 早退, 3 缺卡, 4 旷工, 5 地点异常, 6 设备异常. */
  readonly exception_infos?: readonly { readonly count: number; readonly duration: number; readonly exception: number }[];
  readonly ot_info?: Readonly<Record<string, unknown>>;
  readonly sp_items?: readonly {
    readonly count: number;
    readonly duration: number;
    readonly time_type: number;
    readonly type: number;
    readonly vacation_id: number;
    readonly name: string;
  }[];
}

export interface CheckinDayDataResponse {
  readonly datas: readonly CheckinDayData[];
}

export interface CheckinOptionRequest {
  /** 00:00 of the day: rules differ per day. */
  readonly datetime: number;
  /** ≤ 100. */
  readonly useridlist: readonly string[];
}

export interface CheckinOptionResponse {
  readonly info: readonly {
    readonly userid: string;
    readonly group: {
      readonly grouptype: number;
      readonly groupid: number;
      readonly groupname: string;
      readonly checkindate: readonly {
        readonly workdays: readonly number[];
        readonly checkintime: readonly {
          readonly work_sec: number;
          readonly off_work_sec: number;
          readonly remind_work_sec: number;
          readonly remind_off_work_sec: number;
        }[];
        readonly noneed_offwork: boolean;
        readonly limit_aheadtime: number;
        readonly flex_on_duty_time?: number;
        readonly flex_off_duty_time?: number;
      }[];
      readonly spe_workdays?: readonly Readonly<Record<string, unknown>>[];
      readonly spe_offdays?: readonly Readonly<Record<string, unknown>>[];
      readonly sync_holidays: boolean;
      readonly need_photo: boolean;
      readonly [more: string]: unknown;
    };
  }[];
}
