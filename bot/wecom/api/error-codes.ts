/**
 * Chinese explanations for the WeCom global error codes this app meets (doc 90313),
 * phrased for the administrator who reads the log or an alert: what went wrong and
 * where in the admin console to fix it.
 */
const EXPLANATIONS: ReadonlyMap<number, string> = new Map([
  [-1, '企业微信系统繁忙，稍后会自动重试'],
  [40001, 'Secret 错误或已失效：请在管理后台「应用管理 → 本应用」核对 Secret（WECOM_SECRET）'],
  [40013, 'CorpID 错误：请核对「我的企业」里的企业 ID（WECOM_CORP_ID）'],
  [40014, 'access_token 无效，会自动重新获取；反复出现请检查是否有其他程序用同一个 Secret'],
  [40029, 'OAuth 的 code 无效：code 只能用一次，5 分钟内有效，请让用户重新打开页面'],
  [40056, 'agentid 不合法：请核对应用的 AgentId（WECOM_AGENT_ID）'],
  [40091, 'Secret 不合法：请在管理后台重新查看应用的 Secret'],
  [40093, 'JS-SDK 签名错误：检查 URL 是否去掉了 # 之后的部分，以及票据是否过期'],
  [41001, '缺少 access_token 参数，会自动重新获取'],
  [42001, 'access_token 已过期，会自动重新获取'],
  [44004, '消息内容为空'],
  [45002, '消息内容超过长度限制（文本和 Markdown 最多 2048 字节）'],
  [45009, '接口调用超过频率限制，已退避重试；请降低调用频率'],
  [45033, '接口并发调用超过限制，已退避重试；请降低并发'],
  [48002, '接口无权限：请在管理后台为本应用开通对应的 API 权限'],
  [50001, 'OAuth 回调域名与应用的可信域名不一致：请在「网页授权及 JS-SDK」里设置可信域名'],
  [60011, '没有该成员或部门的权限：请把成员加入本应用的「可见范围」'],
  [60020, '服务器 IP 不在企业可信 IP 列表里：请在应用的「企业可信IP」中添加本服务器出口 IP'],
  [60111, '成员 UserID 不存在'],
  [81013, '所有接收人都无效（UserID、部门、标签都不存在或不在可见范围）'],
  [301024, '打卡数据的时间区间不合法（每次最多 30 天，且开始时间不能晚于结束时间）'],
  [301025, '申请人不在应用的可见范围内：请把该成员加入本应用的可见范围'],
  [301055, '没有审批接口权限：请在「审批 → API → 可调用接口的应用」里添加本应用'],
  [301062, '没有假勤接口权限：请在「审批」或「假勤」设置里允许本应用调用接口'],
  [301063, '假期余额参数错误：时长须为合法秒数（按天须为 8640 的倍数，按小时须为 360 的倍数）'],
  [301064, '企业微信假勤服务内部错误，稍后重试'],
  [301098, '该成员不在此假期的适用范围内'],
]);

/** The Chinese explanation for `errcode`, or a generic one naming the code. */
export function explainErrcode(errcode: number): string {
  return EXPLANATIONS.get(errcode) ?? `企业微信返回错误码 ${errcode}，请到开发者文档「全局错误码」查询`;
}

/** The access token was rejected: fetch a new one and retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40014, 41001, 42001]);

/** Busy or throttled: back off with jitter and retry within the budget. */
export const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 45033]);
