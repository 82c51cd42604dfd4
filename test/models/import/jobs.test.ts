/** 导入岗位和面试题（JSON / CSV）：逐行逐字段报错、出错不导入、按岗位代码幂等；种子数据本身合格。 */
import { expect } from 'chai';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '../../helpers/db.js';
import { checkJob, importJobs, JOB_CSV_COLUMNS } from '../../../models/import/jobs.js';
import { JobModel } from '../../../models/job.js';
import { SEED_JOBS, seedJobs } from '../../../models/seed/jobs.js';
import { importJobsCommand } from '../../../cli/commands/importJobs.js';
import { loadConfig } from '../../../lib/config.js';
import { silentLogger } from '../../../lib/logger.js';

const HEADER = JOB_CSV_COLUMNS.join(',');
const CSV = `${HEADER}
DATA-1,数据分析师,数据部,负责经营分析,open,q1,讲一个你用数据推动决策的例子,数据分析,明确问题|数据来源|结论与行动,,30,120,1
DATA-1,,,,,q2,SQL 查询很慢时你怎么排查,技术能力,看执行计划|索引|数据量,先看执行计划…,20,90,0
HRBP-1,HRBP,人力资源部,,open,,如何处理两位同事的冲突,沟通协作,倾听双方|事实|方案,,,,
`;

const JSON_FILE = JSON.stringify({
  jobs: [
    { code: 'UX-1', title: '交互设计师', department: '设计部', questions: [{ text: '介绍一个作品', competency: '设计能力', keyPoints: ['问题', '方案', '验证'] }] },
  ],
}, null, 2);

describe('导入岗位（models/import/jobs.ts）', () => {
  useTestDatabase();

  it('CSV：每行一道题，同一岗位的列可以只写一次；没写编号的题自动编号；要点用 | 分隔', async () => {
    const r = await importJobs(CSV, 'zhaomin');
    expect(r).to.deep.equal({ ok: true, created: 2, updated: 0, unchanged: 0 });
    const data = await JobModel.findOne({ code: 'DATA-1' }).lean();
    expect(data?.title).to.equal('数据分析师');
    expect(data?.questions.map((q) => [q.id, q.competency, q.keyPoints.length, q.thinkSec, q.answerSec, q.retakes])).to.deep.equal([
      ['q1', '数据分析', 3, 30, 120, 1], ['q2', '技术能力', 3, 20, 90, 0],
    ]);
    const hrbp = await JobModel.findOne({ code: 'HRBP-1' }).lean();
    expect(hrbp?.questions[0]).to.deep.include({ id: 'q1', thinkSec: 30, answerSec: 120, retakes: 1 });
  });

  it('同一个文件再导入一次：什么都不变；改了一道题：只更新那个岗位', async () => {
    await importJobs(CSV, 'zhaomin');
    expect(await importJobs(CSV, 'zhaomin')).to.deep.equal({ ok: true, created: 0, updated: 0, unchanged: 2 });
    expect(await importJobs(CSV.replace('SQL 查询很慢', 'SQL 很慢'), 'zhaomin')).to.deep.equal({ ok: true, created: 0, updated: 1, unchanged: 1 });
  });

  it('CSV 有错：每处问题带行号和列名，一条都不导入', async () => {
    const bad = `${HEADER}
DATA-1,数据分析师,数据部,,open,q1,题目一,数据分析,a|b,,30,700,1
DATA-1,别的名字,,,,q1,题目二,,a,,x,120,1
BAD CODE,名字,,,,,题目,能力,,,,,
`;
    const r = await importJobs(bad, 'zhaomin');
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.problems.map((p) => `${p.line} ${p.message}`)).to.deep.equal([
        '2 answer_sec：作答时间最多 600 秒',
        '3 title：与第 2 行同一岗位 DATA-1 的“数据分析师”不一致',
        '3 think_sec：“x”应为整数',
        '3 competency：考察能力不能为空',
        '4 job_code：岗位代码只能是 1–32 位字母、数字、_ 或 -',
      ]);
    }
    expect(await JobModel.countDocuments({ code: { $in: ['DATA-1', 'BAD CODE'] } })).to.equal(0);
  });

  it('CSV 缺列 → 第 1 行报错', async () => {
    const r = await importJobs('job_code,title\nA,B\n', 'zhaomin', 'csv');
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.problems[0]?.message).to.include('缺少列：question, competency');
  });

  it('JSON：字段路径 + 岗位所在行；重复的岗位代码也报出来', async () => {
    expect(await importJobs(JSON_FILE, 'zhaomin')).to.deep.equal({ ok: true, created: 1, updated: 0, unchanged: 0 });
    const bad = `{
  "jobs": [
    { "code": "UX-1", "title": "交互设计师", "questions": [] },
    { "code": "UX-2", "title": "视觉设计师",
      "questions": [{ "id": "a", "text": "题", "competency": "能力", "retakes": 9 }, { "id": "a", "text": "题2", "competency": "能力" }] },
    { "code": "UX-1", "title": "重复", "questions": [{ "text": "题", "competency": "能力" }] }
  ]
}`;
    const r = await importJobs(bad, 'zhaomin');
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.problems.map((p) => `${p.line} ${p.message}`)).to.deep.equal([
        '3 jobs[0].questions：每个岗位至少要有 1 道题',
        '4 jobs[1].questions[0].retakes：重录次数最多 5 次',
        '6 jobs[2].code：岗位代码 UX-1 与 jobs[0] 重复',
      ]);
    }
    const notJson = await importJobs('{"jobs": [', 'zhaomin', 'json');
    expect(notJson.ok).to.equal(false);
  });

  it('同一岗位里题目编号重复 → 报错', () => {
    const r = checkJob({ code: 'A', title: '岗位', questions: [{ id: 'a', text: '一', competency: '能力' }, { id: 'a', text: '二', competency: '能力' }] });
    expect(r.problems).to.deep.equal([{ path: 'questions', message: '题目编号 a 重复' }]);
  });

  it('种子岗位：每个都合格，4–6 道题，都有要点和参考答案；只补缺，不覆盖 HR 的修改', async () => {
    for (const job of SEED_JOBS) {
      const r = checkJob(job);
      expect(r.problems, job.code).to.deep.equal([]);
      expect(job.questions.length).to.be.within(4, 6);
      expect(job.questions.every((q) => q.keyPoints.length >= 3 && (q.idealAnswer ?? '').length > 40)).to.equal(true);
    }
    expect(await seedJobs()).to.equal(SEED_JOBS.length);
    await JobModel.updateOne({ code: 'PM-2026' }, { $set: { title: '高级产品经理' } });
    expect(await seedJobs()).to.equal(0);
    expect((await JobModel.findOne({ code: 'PM-2026' }).lean())?.title).to.equal('高级产品经理');
  });

  it('命令行：npm run cli -- import jobs FILE（出错返回 1 并列出问题，成功返回 0）', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jobs-cli-'));
    const out: string[] = [];
    const err: string[] = [];
    const ctx = { config: loadConfig({}), logger: silentLogger, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    try {
      await writeFile(join(dir, 'jobs.json'), JSON_FILE);
      await writeFile(join(dir, 'bad.csv'), `${HEADER}\nX,,,,,,,,,,,,\n`);
      expect(await importJobsCommand.run([join(dir, 'bad.csv')], ctx)).to.equal(1);
      expect(err.join('\n')).to.include('未导入任何数据').and.include('第 2 行：title：岗位名称不能为空');
      expect(await importJobsCommand.run([join(dir, 'jobs.json')], ctx)).to.equal(0);
      expect(out.at(-1)).to.equal('岗位导入完成：新增 1，更新 0，未变 0');
      expect(await importJobsCommand.run([], ctx)).to.equal(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
