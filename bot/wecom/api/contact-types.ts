/** 通讯录 (contacts) and identity API shapes: doc 90196, 90200, 90201, 90208, 91023. */

export interface WecomUser {
  readonly userid: string;
  readonly name: string;
  readonly department: readonly number[];
  readonly order?: readonly number[];
  readonly position?: string;
  /** Omitted for apps created after 2022-06-20, like avatar, gender, email, biz_mail, qr_code, address. */
  readonly mobile?: string;
  /** "0" unknown, "1" male, "2" female. */
  readonly gender?: string;
  readonly email?: string;
  readonly biz_mail?: string;
  readonly is_leader_in_dept?: readonly (0 | 1)[];
  readonly direct_leader?: readonly string[];
  readonly avatar?: string;
  readonly thumb_avatar?: string;
  readonly telephone?: string;
  readonly alias?: string;
  readonly address?: string;
  readonly open_userid?: string;
  readonly main_department?: number;
  readonly extattr?: Readonly<Record<string, unknown>>;
  /** 1 active, 2 disabled, 4 not activated, 5 left. */
  readonly status?: 1 | 2 | 4 | 5;
  readonly external_position?: string;
}

export interface UserListResponse {
  readonly userlist: readonly WecomUser[];
}

export interface SimpleUser {
  readonly userid: string;
  readonly name: string;
  readonly department: readonly number[];
  readonly open_userid?: string;
}

export interface SimpleUserListResponse {
  readonly userlist: readonly SimpleUser[];
}

export interface UserIdListResponse {
  readonly next_cursor?: string;
  readonly dept_user: readonly { readonly userid: string; readonly department: number }[];
}

export interface Department {
  readonly id: number;
  readonly name: string;
  readonly name_en?: string;
  readonly department_leader?: readonly string[];
  /** 0 for the root. */
  readonly parentid: number;
  readonly order?: number;
}

export interface DepartmentListResponse {
  readonly department: readonly Department[];
}

/** What `auth/getuserinfo` says about the person who opened an OAuth link. */
export type OAuthIdentity =
  | { readonly kind: 'member'; readonly userId: string; readonly userTicket: string | undefined }
  | { readonly kind: 'non_member'; readonly openId: string; readonly externalUserId: string | undefined };

export interface GetUserInfoWire {
  readonly userid?: string;
  readonly user_ticket?: string;
  readonly openid?: string;
  readonly external_userid?: string;
}
