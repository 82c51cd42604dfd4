/**
 * 审批 (OA approval) API shapes: `oa/applyevent` (doc 91853) and
 * `oa/getapprovaldetail` (doc 91983). Control values follow the doc's `apply_data`.
 */

export interface I18nText {
  readonly text: string;
  /** `zh_CN` (underscore) or `en`. */
  readonly lang: 'zh_CN' | 'en';
}

/** Time-range type of a leave / attendance control: whole days, half days or hours. */
export type DateRangeType = 'day' | 'halfday' | 'hour';

export interface DateRange {
  readonly type: DateRangeType;
  /** Unix seconds. */
  readonly new_begin: number;
  readonly new_end: number;
  /** Seconds. */
  readonly new_duration: number;
}

/** 1 请假, 3 出差, 4 外出, 5 加班. */
export type AttendanceKind = 1 | 3 | 4 | 5;

export type ApplyContent =
  | { readonly control: 'Text' | 'Textarea'; readonly id: string; readonly value: { readonly text: string } }
  | { readonly control: 'Number'; readonly id: string; readonly value: { readonly new_number: string } }
  | { readonly control: 'Money'; readonly id: string; readonly value: { readonly new_money: string } }
  | {
      readonly control: 'Date';
      readonly id: string;
      /** `s_timestamp`: unix seconds as a string. */
      readonly value: { readonly date: { readonly type: 'day' | 'hour'; readonly s_timestamp: string } };
    }
  | {
      readonly control: 'Selector';
      readonly id: string;
      readonly value: {
        readonly selector: { readonly type: 'single' | 'multi'; readonly options: readonly { readonly key: string }[] };
      };
    }
  | {
      readonly control: 'Contact';
      readonly id: string;
      readonly value:
        | { readonly members: readonly { readonly userid: string; readonly name: string }[] }
        | { readonly departments: readonly { readonly openapi_id: string; readonly name: string }[] };
    }
  /** ≤ 6 files per request; `file_id` is a temporary media_id. */
  | { readonly control: 'File'; readonly id: string; readonly value: { readonly files: readonly { readonly file_id: string }[] } }
  | {
      readonly control: 'Vacation';
      readonly id: string;
      readonly value: {
        readonly vacation: {
          readonly selector: {
            readonly type: 'single';
            /** `key` is the vacation id from `oa/vacation/getcorpconf`. */
            readonly options: readonly { readonly key: string; readonly value: readonly I18nText[] }[];
            readonly exp_type?: number;
          };
          readonly attendance: { readonly date_range: DateRange; readonly type: 1 };
        };
      };
    }
  | {
      readonly control: 'Attendance';
      readonly id: string;
      readonly value: { readonly attendance: { readonly date_range: DateRange; readonly type: AttendanceKind } };
    };

interface ApplyEventCommon {
  /** Must be inside the app's visibility, else 301025. */
  readonly creator_userid: string;
  readonly template_id: string;
  readonly choose_department?: number;
  readonly apply_data: { readonly contents: readonly ApplyContent[] };
  /** ≤ 3 lines of ≤ 20 characters, shown on WeCom's own approval card. */
  readonly summary_list: readonly { readonly summary_info: readonly I18nText[] }[];
}

/** Either the template's own approval flow, or approvers given here. */
export type ApplyEventRequest = ApplyEventCommon &
  (
    | { readonly use_template_approver: 1 }
    | {
        readonly use_template_approver: 0;
        /** Nodes in order; attr 1 或签 (any one), 2 会签 (all). */
        readonly approver: readonly { readonly attr: 1 | 2; readonly userid: readonly string[] }[];
        readonly notifyer?: readonly string[];
        /** 1 on submit, 2 after approval, 3 both. */
        readonly notify_type?: 1 | 2 | 3;
      }
  );

export interface ApplyEventResponse {
  readonly sp_no: string;
}

export interface ApprovalDetailResponse {
  readonly info: {
    readonly sp_no: string;
    readonly sp_name: string;
    /** 1 审批中, 2 已通过, 3 已驳回, 4 已撤销, 6 通过后撤销, 7 已删除, 10 已支付. */
    readonly sp_status: number;
    readonly template_id: string;
    readonly apply_time: number;
    readonly applyer: { readonly userid: string; readonly partyid?: string };
    readonly sp_record: readonly {
      readonly sp_status: number;
      readonly approverattr: number;
      readonly details: readonly {
        readonly approver: { readonly userid: string };
        readonly speech: string;
        readonly sp_status: number;
        readonly sptime: number;
        readonly media_id?: readonly string[];
      }[];
    }[];
    readonly notifyer?: readonly { readonly userid: string }[];
    readonly apply_data: { readonly contents: readonly Readonly<Record<string, unknown>>[] };
    readonly comments?: readonly {
      readonly commentUserInfo: { readonly userid: string };
      readonly commenttime: number;
      readonly commentcontent: string;
      readonly commentid: string;
      readonly media_id?: readonly string[];
    }[];
  };
}
