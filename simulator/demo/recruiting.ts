/**
 * The demo company's hiring: two open jobs with question banks, five
 * candidates at different stages, and one completed video interview whose
 * typed answers go through the real content scorer at seed time (so the report
 * has exactly the scorer's shape; it is flagged `demo_data`). Every candidate,
 * phone number and answer is invented.
 */
import type { InterviewKind, InterviewStatus } from '../../models/interview.js';
import { SEED_JOBS, type JobSeed } from '../../models/seed/jobs.js';

/**
 * Two of the recruiting feature's own seed jobs (models/seed/jobs.ts), with the
 * department named as the demo company names it.
 */
export type DemoJob = JobSeed;

const DEPARTMENTS: Readonly<Record<string, string>> = { 'PM-2026': '产品研发部', 'SALES-REP': '销售部' };

export const DEMO_JOBS: readonly DemoJob[] = SEED_JOBS.flatMap((j) => {
  const department = DEPARTMENTS[j.code];
  return department ? [{ ...j, department }] : [];
});

export interface DemoCandidate {
  readonly key: string;
  readonly name: string;
  readonly phone: string;
  readonly group: '校招' | '社招';
  readonly job: string;
  readonly kind: InterviewKind;
  readonly status: InterviewStatus;
  /** Working days after the anchor (negative: before) and the local start time. */
  readonly day: number;
  readonly time: string;
  readonly minutes: number;
  readonly interviewer: string;
  readonly location?: string;
  readonly confirmed: boolean;
  /** Typed answers, by question id, for the completed one. */
  readonly answers?: Readonly<Record<string, string>>;
}

export const DEMO_CANDIDATES: readonly DemoCandidate[] = [
  {
    key: 'zhouchen', name: '周晨', phone: '13900000101', group: '社招', job: 'PM-2026', kind: 'video', status: 'completed', day: -2, time: '10:00', minutes: 45,
    interviewer: 'ChenJie', confirmed: true,
    answers: {
      q1: '我在上一家公司主导过门店排班功能。用户是连锁门店的店长，每周手工排班要花半天，还经常排重。我访谈了 15 位店长，确定先做“按模板一键排班加冲突提醒”，把自动优化算法放到二期。六周上线，三个月后店长排班时间从平均 4 小时降到 40 分钟，排班冲突投诉下降了 60%。复盘时发现节假日模板缺失，下个版本补上了。',
      q2: '我会先和研发负责人一起看卡点，是估时偏差还是接口依赖没到位。然后把需求拆成这次必须上线的最小版本和可以往后放的部分，用数据说明每一块对用户的价值，再和业务方一起确认取舍。延后的部分当场排进下个迭代，并在群里同步，避免大家预期不一致。',
      q3: '上线前我会先定义成功标准。比如排班功能，核心指标是周活跃门店数和排班完成时长；过程指标看模板使用率和冲突提醒的点击率。用上线前一个月做基线，先灰度 20 家门店对照。两周后复盘，如果某一步转化掉得多，就针对那一步做优化。',
      q4: '我会先弄清客户要解决的真实问题，再看其他客户有没有类似诉求。如果是普遍需求，就做成通用能力或者配置项；如果只有一家而且偏离产品方向，会评估签约金额和长期维护成本，一般建议通过实施或二次开发满足。结论和原因我会当面跟销售讲清楚，并给替代方案。',
      q5: '做审批页面时，设计希望把余额信息收起来，界面更简洁；我担心审批人看不到余额会来回切换。我们约了 6 位经理做快速可用性测试，结果 4 位需要点进详情确认余额。最后保留余额、弱化其他次要字段。之后遇到分歧我都习惯先做小实验，用数据说话。',
    },
  },
  { key: 'hanxue', name: '韩雪', phone: '13900000102', group: '校招', job: 'PM-2026', kind: 'video', status: 'scheduled', day: 1, time: '14:00', minutes: 45, interviewer: 'ChenJie', confirmed: false },
  { key: 'songyang', name: '宋阳', phone: '13900000103', group: '社招', job: 'PM-2026', kind: 'onsite', status: 'confirmed', day: 2, time: '10:00', minutes: 60, interviewer: 'LiNa', location: '总部 3 楼 301 会议室', confirmed: true },
  { key: 'tangyu', name: '唐雨', phone: '13900000104', group: '社招', job: 'SALES-REP', kind: 'onsite', status: 'scheduled', day: 1, time: '15:30', minutes: 45, interviewer: 'XuQiang', location: '总部 2 楼洽谈室', confirmed: false },
  { key: 'fenglei', name: '冯磊', phone: '13900000105', group: '校招', job: 'SALES-REP', kind: 'video', status: 'declined', day: 3, time: '10:00', minutes: 45, interviewer: 'XuQiang', confirmed: false },
];

/** The recruiter who owns the demo hiring. */
export const DEMO_RECRUITER = 'LinXiao';
