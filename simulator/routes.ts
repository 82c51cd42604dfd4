/**
 * The simulated server API: WeCom's paths (those bot/wecom/api/client.ts calls)
 * under a prefix, each answering in WeCom's envelope, plus the OAuth authorize
 * page. Every `cgi-bin` path but `gettoken` needs a valid access token.
 */
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { applyEvent, approvalDetail } from './approvals.js';
import { addSchedule, deleteSchedule, updateSchedule } from './calendar.js';
import { checkinData, checkinDayData, checkinOption } from './checkins.js';
import { departmentJson, membersOf, simpleUserJson, userJson } from './contacts.js';
import type { SimContext } from './context.js';
import { Errors, withHint, type WecomError } from './errors.js';
import { fail, isObject, num, ok, queryString, readJson, type Json } from './http.js';
import { sendMessage, updateTemplateCard, type SendLimits } from './messages.js';
import { chooserPage, chosenUser, exchangeCode, issueCode, oauthErrorPage, parseAuthorize, SIM_USER_COOKIE } from './oauth.js';
import { checkToken, getToken, ticket } from './tokens.js';
import { corpConf, setUserQuota, userQuota } from './vacations.js';

export interface RouterOptions {
  readonly prefix: string;
  readonly trustedHosts: readonly string[];
  readonly sendLimits: SendLimits;
}

function isError(v: unknown): v is WecomError {
  return isObject(v) && typeof v['errcode'] === 'number' && typeof v['errmsg'] === 'string';
}

/** Answers a handler's result: an error in WeCom's envelope, or the body with errcode 0. */
function answer(koa: Context, result: Json | WecomError | undefined): void {
  if (result === undefined) ok(koa);
  else if (isError(result)) fail(koa, result);
  else ok(koa, result);
}

export function simulatorRouter(ctx: SimContext, o: RouterOptions): Router {
  const router = new Router({ prefix: o.prefix });

  const needToken = async (koa: Context, next: Next): Promise<void> => {
    const problem = checkToken(ctx, queryString(koa, 'access_token'));
    if (problem) return fail(koa, problem);
    await next();
  };
  /** POST handlers get the parsed JSON body. */
  const post = (path: string, handle: (body: unknown, koa: Context) => Json | WecomError | undefined): void => {
    router.post(path, needToken, async (koa) => {
      const body = await readJson(koa);
      if (!body.ok) return fail(koa, body.error);
      answer(koa, handle(body.value, koa));
    });
  };
  const get = (path: string, handle: (koa: Context) => Json | WecomError | undefined): void => {
    router.get(path, needToken, (koa) => answer(koa, handle(koa)));
  };
  const intQuery = (koa: Context, name: string): number | undefined => {
    const v = queryString(koa, name);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };

  // Credentials -------------------------------------------------------------
  router.get('/cgi-bin/gettoken', (koa) => answer(koa, getToken(ctx, queryString(koa, 'corpid'), queryString(koa, 'corpsecret'))));
  get('/cgi-bin/get_jsapi_ticket', () => ticket(ctx, 'jsapi'));
  get('/cgi-bin/ticket/get', (koa) =>
    queryString(koa, 'type') === 'agent_config' ? ticket(ctx, 'agent_config') : withHint(Errors.invalidParameter, 'type must be agent_config'),
  );

  // Messages ----------------------------------------------------------------
  post('/cgi-bin/message/send', (body) => {
    const r = sendMessage(ctx, body, o.sendLimits);
    return r.ok ? r.body : r.error;
  });
  post('/cgi-bin/message/update_template_card', (body) => {
    const r = updateTemplateCard(ctx, body);
    return r.ok ? r.body : r.error;
  });

  // Approval and vacation ---------------------------------------------------
  post('/cgi-bin/oa/applyevent', (body) => applyEvent(ctx, body));
  post('/cgi-bin/oa/getapprovaldetail', (body) => {
    const info = approvalDetail(ctx, body);
    return isError(info) ? info : { info };
  });
  get('/cgi-bin/oa/vacation/getcorpconf', () => ({ lists: corpConf(ctx) }));
  post('/cgi-bin/oa/vacation/getuservacationquota', (body) => (isObject(body) ? userQuota(ctx, body) : Errors.dataFormat));
  post('/cgi-bin/oa/vacation/setoneuserquota', (body) => (isObject(body) ? setUserQuota(ctx, body) : Errors.dataFormat));

  // Attendance --------------------------------------------------------------
  post('/cgi-bin/checkin/getcheckindata', (body) => checkinData(ctx, body));
  post('/cgi-bin/checkin/getcheckin_daydata', (body) => checkinDayData(ctx, body));
  post('/cgi-bin/checkin/getcheckinoption', (body) => checkinOption(ctx, body));

  // Calendar ----------------------------------------------------------------
  post('/cgi-bin/oa/schedule/add', (body) => addSchedule(ctx, body));
  post('/cgi-bin/oa/schedule/update', (body) => updateSchedule(ctx, body));
  post('/cgi-bin/oa/schedule/del', (body) => deleteSchedule(ctx, body));

  // Contacts ----------------------------------------------------------------
  get('/cgi-bin/user/get', (koa) => {
    const u = ctx.directory.user(queryString(koa, 'userid') ?? '');
    return u ? userJson(u) : Errors.userNotFound;
  });
  const listing = (koa: Context, shape: 'full' | 'simple'): Json | WecomError => {
    const id = intQuery(koa, 'department_id');
    if (id === undefined || !ctx.directory.department(id)) return Errors.departmentNotFound;
    const members = membersOf(ctx.directory, id, queryString(koa, 'fetch_child') === '1');
    return { userlist: members.map((u) => (shape === 'full' ? userJson(u) : simpleUserJson(u))) };
  };
  get('/cgi-bin/user/list', (koa) => listing(koa, 'full'));
  get('/cgi-bin/user/simplelist', (koa) => listing(koa, 'simple'));
  post('/cgi-bin/user/list_id', (body) => {
    if (!isObject(body)) return Errors.dataFormat;
    const limit = num(body, 'limit') ?? 10_000;
    if (limit < 1 || limit > 10_000) return withHint(Errors.invalidParameter, 'limit must be 1..10000');
    const cursor = typeof body['cursor'] === 'string' && body['cursor'] !== '' ? body['cursor'] : '0';
    const offset = /^\d+$/.test(cursor) ? Number(cursor) : NaN;
    if (!Number.isSafeInteger(offset)) return withHint(Errors.invalidParameter, 'invalid cursor');
    const all = ctx.directory.data.users.flatMap((u) => u.departments.map((department) => ({ userid: u.userid, department })));
    const page = all.slice(offset, offset + limit);
    return { next_cursor: offset + limit < all.length ? String(offset + limit) : '', dept_user: page };
  });
  get('/cgi-bin/department/list', (koa) => {
    const id = intQuery(koa, 'id');
    if (id === undefined) return { department: ctx.directory.data.departments.map(departmentJson) };
    const tree = ctx.directory.subtree(id);
    return tree.length === 0 ? Errors.departmentNotFound : { department: tree.map(departmentJson) };
  });

  // OAuth -------------------------------------------------------------------
  get('/cgi-bin/auth/getuserinfo', (koa) => exchangeCode(ctx, queryString(koa, 'code')));
  get('/cgi-bin/user/getuserinfo', (koa) => {
    const r = exchangeCode(ctx, queryString(koa, 'code'));
    return isError(r) ? r : { UserId: r.userid, DeviceId: '' };
  });
  router.get('/connect/oauth2/authorize', (koa) => {
    const req = parseAuthorize(ctx, koa.query, o.trustedHosts);
    koa.type = 'html';
    if (typeof req === 'string') {
      koa.status = 400;
      koa.body = oauthErrorPage(req);
      return;
    }
    // The chooser's own parameter (not WeCom's): who to sign in as.
    const picked = queryString(koa, 'userid');
    const user = picked ? ctx.directory.user(picked) : chosenUser(ctx, koa);
    if (picked && user) koa.cookies.set(SIM_USER_COOKIE, encodeURIComponent(user.userid), { httpOnly: false, sameSite: 'lax', overwrite: true });
    if (!user || user.status !== 1) {
      const self = koa.originalUrl.replace(/&userid=[^&#]*/g, '');
      koa.body = chooserPage(ctx, self);
      return;
    }
    koa.redirect(issueCode(ctx, req, user.userid));
  });

  router.all('/cgi-bin/*rest', (koa) => fail(koa, withHint({ errcode: 48001, errmsg: 'api unauthorized' }, 'not simulated')));
  return router;
}
