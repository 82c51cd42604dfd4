/**
 * The WeCom server-API client: one factory, typed methods grouped by WeCom's own
 * product areas. Auth, retries and throttling live in request.ts, credential-cache.ts
 * and rate-limit.ts; this file only says which path each method calls, whether a
 * repeat is safe, and what comes back.
 *
 * ```ts
 * const wecom = createWecomClient({ corpId, secret, agentId, apiBase, tokenStore, logger });
 * const { msgid, response_code } = await wecom.messages.send({ touser: 'ZhangSan', msgtype: 'text', text: { content: '你好' } });
 * ```
 */
import type { Logger } from '../../../lib/logger.js';
import { signJsApi, type JsApiSignature } from '../jssdk.js';
import type { ApplyEventRequest, ApplyEventResponse, ApprovalDetailResponse } from './approval-types.js';
import type {
  CheckinDataRequest,
  CheckinDataResponse,
  CheckinDayData,
  CheckinDayDataRequest,
  CheckinDayDataResponse,
  CheckinOptionRequest,
  CheckinOptionResponse,
  CheckinRecord,
} from './checkin-types.js';
import { CHECKIN_MAX_USERS, chunk, splitDays, splitSeconds } from './checkin-split.js';
import type {
  Department,
  DepartmentListResponse,
  GetUserInfoWire,
  OAuthIdentity,
  SimpleUser,
  SimpleUserListResponse,
  UserIdListResponse,
  UserListResponse,
  WecomUser,
} from './contact-types.js';
import { CredentialCache, type FreshCredential } from './credential-cache.js';
import { WecomApiError } from './errors.js';
import type {
  SendMessageRequest,
  SendMessageResponse,
  UpdateTemplateCardRequest,
  UpdateTemplateCardResponse,
} from './message-types.js';
import { tokenBucket, type RateLimiter } from './rate-limit.js';
import { ApiCaller, type CallSpec, type WecomEnvelope } from './request.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import type { AddScheduleResponse, DeleteScheduleRequest, Schedule, UpdateScheduleRequest } from './schedule-types.js';
import { memoryTokenStore, type TokenStore } from './token-store.js';
import type {
  SetUserQuotaRequest,
  UserVacationQuota,
  UserVacationQuotaResponse,
  VacationConf,
  VacationCorpConfResponse,
} from './vacation-types.js';

export interface WecomClientOptions {
  readonly corpId: string;
  /** The app's Secret. Sent only to `gettoken`; never logged. */
  readonly secret: string;
  readonly agentId: number;
  /** `WECOM_API_BASE`, e.g. `https://qyapi.weixin.qq.com` (the simulator in demo mode). */
  readonly apiBase: string;
  /** Shared access-token store (MongoDB in production). */
  readonly tokenStore: TokenStore;
  readonly logger: Logger;
  /** Per request; default 10 s. */
  readonly fetchTimeoutMs?: number;
  /** Injected in tests; default a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds; injected in tests. */
  readonly now?: () => number;
  /** Jitter source in [0, 1); injected in tests. */
  readonly random?: () => number;
  readonly retry?: Partial<RetryPolicy>;
  /** Refresh credentials this long before they expire; default 5 minutes. */
  readonly refreshMarginMs?: number;
  /** Stores for the JS-SDK tickets; default in memory (per process). */
  readonly ticketStores?: { readonly jsapi?: TokenStore; readonly agentConfig?: TokenStore };
  /** Client-side limits per process; defaults are WeCom's: 600/min and 100/min. */
  readonly rateLimits?: { readonly checkinDataPerMinute?: number; readonly checkinDayDataPerMinute?: number };
}

export interface WecomClient {
  readonly corpId: string;
  readonly agentId: number;
  /** A valid access token (cached). Never send it to a browser. */
  getAccessToken(): Promise<string>;
  /** Any other API, with the same token, retry and error handling. */
  call<T>(spec: CallSpec): Promise<T & WecomEnvelope>;

  readonly messages: {
    /** `message/send`; `agentid` is added. Not retried after a timeout (it could send twice). */
    send(req: SendMessageRequest): Promise<SendMessageResponse>;
    /** `message/update_template_card`; `agentid` is added. */
    updateTemplateCard(req: UpdateTemplateCardRequest): Promise<UpdateTemplateCardResponse>;
  };
  readonly approval: {
    /** `oa/applyevent` → the new `sp_no`. */
    apply(req: ApplyEventRequest): Promise<ApplyEventResponse>;
    /** `oa/getapprovaldetail`. */
    getDetail(spNo: string): Promise<ApprovalDetailResponse['info']>;
  };
  readonly vacation: {
    /** `oa/vacation/getcorpconf`: the corp's leave types. */
    getCorpConf(): Promise<readonly VacationConf[]>;
    /** `oa/vacation/getuservacationquota`: one member's balances (seconds). */
    getUserQuota(userId: string): Promise<readonly UserVacationQuota[]>;
    /** `oa/vacation/setoneuserquota`: sets one balance (absolute). */
    setUserQuota(req: SetUserQuotaRequest): Promise<void>;
  };
  readonly checkin: {
    /** `checkin/getcheckindata`, split into ≤ 100 users × < 30 days per call and merged. */
    getData(req: CheckinDataRequest): Promise<readonly CheckinRecord[]>;
    /** `checkin/getcheckin_daydata`, split likewise (days given as 00:00 timestamps). */
    getDayData(req: CheckinDayDataRequest): Promise<readonly CheckinDayData[]>;
    /** `checkin/getcheckinoption`, split into ≤ 100 users. */
    getOption(req: CheckinOptionRequest): Promise<CheckinOptionResponse['info']>;
  };
  readonly schedule: {
    /** `oa/schedule/add` → the new `schedule_id`. */
    add(schedule: Schedule): Promise<string>;
    /** `oa/schedule/update` (overwrites the schedule). */
    update(req: UpdateScheduleRequest): Promise<void>;
    /** `oa/schedule/del`. */
    del(req: DeleteScheduleRequest): Promise<void>;
  };
  readonly users: {
    /** `user/get`. */
    get(userId: string): Promise<WecomUser>;
    /** `user/list` (details; departments the app can see). */
    list(departmentId: number): Promise<readonly WecomUser[]>;
    /** `user/simplelist`. */
    simpleList(departmentId: number): Promise<readonly SimpleUser[]>;
    /** `user/list_id` (cursor paging; the only listing new apps may use corp-wide). */
    listIds(cursor?: string, limit?: number): Promise<UserIdListResponse>;
  };
  readonly departments: {
    /** `department/list`, the whole tree below `id` (default: all the app can see). */
    list(id?: number): Promise<readonly Department[]>;
  };
  readonly auth: {
    /** `auth/getuserinfo`: who opened the OAuth link. The code is single use: never retried. */
    getUserInfo(code: string): Promise<OAuthIdentity>;
  };
  readonly jsapi: {
    /** The corp `jsapi_ticket` (cached, 7200 s). */
    getCorpTicket(): Promise<string>;
    /** The app ticket for `agentConfig` (cached, 7200 s). */
    getAgentTicket(): Promise<string>;
    /** For `ww.register({ getConfigSignature })`. */
    configSignature(url: string, opts?: { nonceStr?: string; timestamp?: number }): Promise<JsApiSignature>;
    /** For `ww.register({ getAgentConfigSignature })`. */
    agentConfigSignature(url: string, opts?: { nonceStr?: string; timestamp?: number }): Promise<JsApiSignature>;
  };
}

export function createWecomClient(opts: WecomClientOptions): WecomClient {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const logger = opts.logger.child({ component: 'wecom-api' });
  const caller = new ApiCaller({
    apiBase: opts.apiBase,
    timeoutMs: opts.fetchTimeoutMs ?? 10_000,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    logger,
    sleep,
    random: opts.random ?? Math.random,
    now,
  });

  const credential = (name: string, store: TokenStore, fetch: () => Promise<FreshCredential>): CredentialCache =>
    new CredentialCache({
      name, store, fetch, now, logger,
      refreshMarginMs: opts.refreshMarginMs,
      // Wrong secret, wrong corp id, untrusted IP …: asking again within a minute cannot help.
      isPermanentFailure: (err) => err instanceof WecomApiError && err.kind === 'errcode' && !err.retryable,
    });

  const accessToken = credential('access_token', opts.tokenStore, async () => {
    const res = await caller.call<{ access_token?: unknown; expires_in?: unknown }>({
      method: 'GET',
      path: '/cgi-bin/gettoken',
      query: { corpid: opts.corpId, corpsecret: opts.secret },
      idempotent: true,
      withToken: false,
    });
    return fresh('/cgi-bin/gettoken', res.access_token, res.expires_in);
  });
  caller.useTokenCache(accessToken);

  const ticket = (name: string, store: TokenStore, query: Record<string, string>, path: string): CredentialCache =>
    credential(name, store, async () => {
      const res = await caller.call<{ ticket?: unknown; expires_in?: unknown }>({ method: 'GET', path, query, idempotent: true });
      return fresh(path, res.ticket, res.expires_in);
    });
  const corpTicket = ticket('jsapi_ticket', opts.ticketStores?.jsapi ?? memoryTokenStore(), {}, '/cgi-bin/get_jsapi_ticket');
  const agentTicket = ticket('agent_ticket', opts.ticketStores?.agentConfig ?? memoryTokenStore(), { type: 'agent_config' }, '/cgi-bin/ticket/get');

  const limiter = (perMinute: number): RateLimiter => tokenBucket({ perMinute, now, sleep });
  const checkinLimiter = limiter(opts.rateLimits?.checkinDataPerMinute ?? 600);
  const dayDataLimiter = limiter(opts.rateLimits?.checkinDayDataPerMinute ?? 100);
  const optionLimiter = limiter(600);

  const post = <T>(path: string, body: unknown, idempotent: boolean, limit?: RateLimiter): Promise<T & WecomEnvelope> =>
    caller.call<T>({ method: 'POST', path, body, idempotent, limiter: limit });
  const get = <T>(path: string, query: Record<string, string | number | undefined>, idempotent = true): Promise<T & WecomEnvelope> =>
    caller.call<T>({ method: 'GET', path, query, idempotent });

  return {
    corpId: opts.corpId,
    agentId: opts.agentId,
    getAccessToken: () => accessToken.get(),
    call: (spec) => caller.call(spec),

    messages: {
      async send(req) {
        return post<SendMessageResponse>('/cgi-bin/message/send', { ...req, agentid: opts.agentId }, false);
      },
      async updateTemplateCard(req) {
        return post<UpdateTemplateCardResponse>('/cgi-bin/message/update_template_card', { ...req, agentid: opts.agentId }, false);
      },
    },

    approval: {
      async apply(req) {
        return post<ApplyEventResponse>('/cgi-bin/oa/applyevent', req, false);
      },
      async getDetail(spNo) {
        const res = await post<ApprovalDetailResponse>('/cgi-bin/oa/getapprovaldetail', { sp_no: spNo }, true);
        return res.info;
      },
    },

    vacation: {
      async getCorpConf() {
        return (await get<VacationCorpConfResponse>('/cgi-bin/oa/vacation/getcorpconf', {})).lists ?? [];
      },
      async getUserQuota(userId) {
        return (await post<UserVacationQuotaResponse>('/cgi-bin/oa/vacation/getuservacationquota', { userid: userId }, true)).lists ?? [];
      },
      async setUserQuota(req) {
        await post<object>('/cgi-bin/oa/vacation/setoneuserquota', req, true);
      },
    },

    checkin: {
      async getData(req) {
        const out: CheckinRecord[] = [];
        for (const [starttime, endtime] of splitSeconds(req.starttime, req.endtime)) {
          for (const useridlist of chunk(req.useridlist, CHECKIN_MAX_USERS)) {
            const body = { opencheckindatatype: req.opencheckindatatype, starttime, endtime, useridlist };
            const res = await post<CheckinDataResponse>('/cgi-bin/checkin/getcheckindata', body, true, checkinLimiter);
            out.push(...(res.checkindata ?? []));
          }
        }
        return out;
      },
      async getDayData(req) {
        const out: CheckinDayData[] = [];
        for (const [starttime, endtime] of splitDays(req.starttime, req.endtime)) {
          for (const useridlist of chunk(req.useridlist, CHECKIN_MAX_USERS)) {
            const res = await post<CheckinDayDataResponse>('/cgi-bin/checkin/getcheckin_daydata', { starttime, endtime, useridlist }, true, dayDataLimiter);
            out.push(...(res.datas ?? []));
          }
        }
        return out;
      },
      async getOption(req) {
        const out: Array<CheckinOptionResponse['info'][number]> = [];
        for (const useridlist of chunk(req.useridlist, CHECKIN_MAX_USERS)) {
          const res = await post<CheckinOptionResponse>('/cgi-bin/checkin/getcheckinoption', { datetime: req.datetime, useridlist }, true, optionLimiter);
          out.push(...(res.info ?? []));
        }
        return out;
      },
    },

    schedule: {
      async add(schedule) {
        return (await post<AddScheduleResponse>('/cgi-bin/oa/schedule/add', { schedule, agentid: opts.agentId }, false)).schedule_id;
      },
      async update(req) {
        await post<object>('/cgi-bin/oa/schedule/update', req, true);
      },
      async del(req) {
        // Not idempotent in effect: repeating a delete that succeeded reports an error.
        await post<object>('/cgi-bin/oa/schedule/del', req, false);
      },
    },

    users: {
      async get(userId) {
        return get<WecomUser>('/cgi-bin/user/get', { userid: userId });
      },
      async list(departmentId) {
        return (await get<UserListResponse>('/cgi-bin/user/list', { department_id: departmentId })).userlist ?? [];
      },
      async simpleList(departmentId) {
        return (await get<SimpleUserListResponse>('/cgi-bin/user/simplelist', { department_id: departmentId })).userlist ?? [];
      },
      async listIds(cursor, limit = 10_000) {
        return post<UserIdListResponse>('/cgi-bin/user/list_id', cursor === undefined ? { limit } : { cursor, limit }, true);
      },
    },

    departments: {
      async list(id) {
        return (await get<DepartmentListResponse>('/cgi-bin/department/list', { id })).department ?? [];
      },
    },

    auth: {
      async getUserInfo(code) {
        const res = await get<GetUserInfoWire>('/cgi-bin/auth/getuserinfo', { code }, false);
        if (typeof res.userid === 'string' && res.userid !== '') {
          return { kind: 'member', userId: res.userid, userTicket: res.user_ticket };
        }
        if (typeof res.openid === 'string' && res.openid !== '') {
          return { kind: 'non_member', openId: res.openid, externalUserId: res.external_userid };
        }
        throw new WecomApiError('/cgi-bin/auth/getuserinfo', { kind: 'bad_response', detail: 'neither userid nor openid' }, { attempts: 1 });
      },
    },

    jsapi: {
      getCorpTicket: () => corpTicket.get(),
      getAgentTicket: () => agentTicket.get(),
      async configSignature(url, o) {
        return signJsApi({ ticket: await corpTicket.get(), url, nonceStr: o?.nonceStr, timestamp: o?.timestamp ?? Math.floor(now() / 1000) });
      },
      async agentConfigSignature(url, o) {
        return signJsApi({ ticket: await agentTicket.get(), url, nonceStr: o?.nonceStr, timestamp: o?.timestamp ?? Math.floor(now() / 1000) });
      },
    },
  };
}

function fresh(path: string, token: unknown, expiresIn: unknown): FreshCredential {
  if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    throw new WecomApiError(path, { kind: 'bad_response', detail: 'no credential or expires_in in the answer' }, { attempts: 1 });
  }
  return { token, expiresInSeconds: expiresIn };
}
