/** HR 的岗位管理页（/hr/jobs）：登录与权限、新建/编辑题库、关闭岗位、导入；经过真实应用。 */
import { expect } from 'chai';
import { useTestDatabase } from '../../helpers/db.js';
import { WecomApp } from '../../helpers/wecomApp.js';
import { signToken } from '../../../lib/signedToken.js';
import { EmployeeModel } from '../../../models/employee.js';
import { JobModel } from '../../../models/job.js';
import { seedJobs } from '../../../models/seed/jobs.js';
import { JOB_CSV_COLUMNS } from '../../../models/import/jobs.js';

describe('HR 岗位管理页 /hr/jobs', function () {
  this.timeout(30_000);
  useTestDatabase();
  let app: WecomApp;

  beforeEach(async () => {
    await EmployeeModel.create([
      { userid: 'zhaomin', name: '赵敏', departments: [1], roles: ['employee', 'hr'], source: 'seed' },
      { userid: 'wangfang', name: '王芳', departments: [2], roles: ['employee'], source: 'seed' },
    ]);
    await seedJobs();
    app = await WecomApp.start();
  });

  afterEach(async () => {
    await app?.stop();
  });

  function cookie(userid: string): string {
    const exp = Math.floor(app.clock.now().getTime() / 1000) + 3600;
    return `hr_session=${signToken(app.services.keys.session, { kind: 'session', sub: userid, exp })}`;
  }

  const get = (path: string, userid?: string) => fetch(`${app.url}${path}`, { redirect: 'manual', headers: { accept: 'text/html', ...(userid ? { cookie: cookie(userid) } : {}) } });
  const post = (path: string, form: Record<string, string>, userid = 'zhaomin', headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: cookie(userid), ...headers },
    body: new URLSearchParams(form).toString(),
  });

  it('没登录 → 去企业微信登录；不是 HR → 403；HR 看到岗位列表', async () => {
    const anon = await get('/hr/jobs');
    expect(anon.status).to.equal(302);
    expect(anon.headers.get('location')).to.equal('/auth/wecom/start?next=%2Fhr%2Fjobs');
    expect((await get('/hr/jobs', 'wangfang')).status).to.equal(403);
    const html = await (await get('/hr/jobs', 'zhaomin')).text();
    expect(html).to.include('产品经理').and.include('Java 后端工程师').and.include('销售代表').and.include('5 题').and.include('在招');
  });

  it('新建岗位：填两道题（空的题目行不保存），要点按行拆开 → 保存后回到编辑页', async () => {
    const r = await post('/hr/jobs', {
      isNew: '1', code: 'OPS-2', title: '用户运营', department: '运营部', description: '社群运营', status: 'open', count: '3',
      q0_text: '怎么提升社群活跃度？', q0_competency: '运营能力', q0_keyPoints: '目标用户\n活动设计\n数据复盘', q0_thinkSec: '20', q0_answerSec: '90', q0_retakes: '0',
      q1_text: '讲一次失败的活动', q1_competency: '复盘', q1_keyPoints: '原因\n改进', q1_thinkSec: '30', q1_answerSec: '120', q1_retakes: '1',
      q2_text: '', q2_competency: '', q2_keyPoints: '',
    });
    expect(r.status).to.equal(303);
    expect(r.headers.get('location')).to.equal('/hr/jobs/OPS-2?m=saved');
    const job = await JobModel.findOne({ code: 'OPS-2' }).lean();
    expect(job?.questions.map((q) => [q.id, q.keyPoints, q.answerSec, q.retakes])).to.deep.equal([
      ['q1', ['目标用户', '活动设计', '数据复盘'], 90, 0], ['q2', ['原因', '改进'], 120, 1],
    ]);
    const page = await (await get('/hr/jobs/OPS-2?m=saved', 'zhaomin')).text();
    expect(page).to.include('已保存').and.include('怎么提升社群活跃度？').and.include('readonly');
  });

  it('填错了：页面留着填的内容，指出第几题哪一项；代码重复也会说', async () => {
    const r = await post('/hr/jobs', {
      isNew: '1', code: 'PM-2026', title: '', count: '1', q0_text: '题目', q0_competency: '能力', q0_answerSec: '900',
    });
    expect(r.status).to.equal(422);
    const html = await r.text();
    expect(html).to.include('岗位代码 PM-2026 已经存在').and.include('岗位名称：岗位名称不能为空').and.include('第 1 题 · 作答时限：作答时间最多 600 秒').and.include('题目');
  });

  it('编辑：改题目、清空一道题即删除；关闭岗位后列表显示已关闭，再开放也行', async () => {
    const pm = (await JobModel.findOne({ code: 'PM-2026' }).lean())!;
    const form: Record<string, string> = { isNew: '0', code: 'PM-2026', title: '产品经理（B 端）', department: pm.department, description: pm.description, status: 'open', count: String(pm.questions.length) };
    pm.questions.forEach((q, i) => {
      Object.assign(form, {
        [`q${i}_id`]: q.id, [`q${i}_text`]: i === 1 ? '' : q.text, [`q${i}_competency`]: q.competency, [`q${i}_keyPoints`]: q.keyPoints.join('\n'),
        [`q${i}_idealAnswer`]: q.idealAnswer ?? '', [`q${i}_thinkSec`]: String(q.thinkSec), [`q${i}_answerSec`]: String(q.answerSec), [`q${i}_retakes`]: String(q.retakes),
      });
    });
    expect((await post('/hr/jobs', form)).status).to.equal(303);
    const after = (await JobModel.findOne({ code: 'PM-2026' }).lean())!;
    expect(after.title).to.equal('产品经理（B 端）');
    expect(after.questions.map((q) => q.id)).to.deep.equal(['q1', 'q3', 'q4', 'q5']); // ids stay stable
    const closed = await post('/hr/jobs/PM-2026/status', { status: 'closed' });
    expect(closed.status).to.equal(303);
    expect((await JobModel.findOne({ code: 'PM-2026' }).lean())?.status).to.equal('closed');
    expect(await (await get('/hr/jobs', 'zhaomin')).text()).to.include('已关闭');
    await post('/hr/jobs/PM-2026/status', { status: 'open' });
    expect((await JobModel.findOne({ code: 'PM-2026' }).lean())?.status).to.equal('open');
  });

  it('导入：粘贴的 CSV 有错 → 422 列出行号，什么都不导入；改好后导入成功；JSON 接口也行', async () => {
    const header = JOB_CSV_COLUMNS.join(',');
    const bad = await post('/hr/jobs/import', { data: `${header}\nQA-1,测试工程师,,,,,怎么设计测试用例,,,,,,\n` });
    expect(bad.status).to.equal(422);
    expect(await bad.text()).to.include('有 1 处问题，未导入任何数据').and.include('第 2 行：competency：考察能力不能为空');
    expect(await JobModel.exists({ code: 'QA-1' })).to.equal(null);
    const ok = await post('/hr/jobs/import', { data: `${header}\nQA-1,测试工程师,,,,,怎么设计测试用例,测试设计,等价类|边界值,,,,\n` });
    expect(ok.status).to.equal(200);
    expect(await ok.text()).to.include('导入完成：新增 1，更新 0，未变 0');
    const api = await fetch(`${app.url}/api/hr/jobs/import`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie('zhaomin') },
      body: JSON.stringify([{ code: 'QA-1', title: '测试工程师', questions: [{ text: '怎么设计测试用例', competency: '测试设计', keyPoints: ['等价类', '边界值'] }] }]),
    });
    expect(await api.json()).to.deep.equal({ ok: true, created: 0, updated: 0, unchanged: 1 });
  });

  it('别的网站发来的表单（Origin 不同）→ 403', async () => {
    const r = await post('/hr/jobs/PM-2026/status', { status: 'closed' }, 'zhaomin', { origin: 'https://evil.example' });
    expect(r.status).to.equal(403);
    expect((await JobModel.findOne({ code: 'PM-2026' }).lean())?.status).to.equal('open');
  });
});
