/**
 * The demo company's hiring: two open jobs with question banks, five
 * candidates at different stages, and one completed video interview whose
 * typed answers go through the real content scorer at seed time (so the report
 * has exactly the scorer's shape; it is flagged `demo_data`). Every candidate,
 * phone number and answer is invented.
 */
import type { JobQuestion } from '../../models/job.js';
import type { InterviewKind, InterviewStatus } from '../../models/interview.js';

export interface DemoJob {
  readonly code: string;
  readonly title: string;
  readonly department: string;
  readonly description: string;
  readonly questions: readonly JobQuestion[];
}

export const DEMO_JOBS: readonly DemoJob[] = [
  {
    code: 'FE-2026',
    title: '前端开发工程师',
    department: '产品研发部',
    description: '负责 HR 助手等内部产品的 Web 与移动端页面开发，和产品、设计一起把体验做好。要求 2 年以上前端经验，熟悉 TypeScript。',
    questions: [
      {
        id: 'q1', text: '请介绍一个你主导过的性能优化案例：问题是什么，你怎么定位，做了什么，结果如何？', competency: '技术深度',
        keyPoints: ['说明性能问题和影响', '定位问题的方法或工具', '采取的具体优化措施', '用数据说明优化结果'],
        idealAnswer: '上一份工作里首页首屏要 5 秒，跳出率高。我用 Lighthouse 和 Performance 面板定位到大图和同步脚本，做了图片压缩与懒加载、路由级代码分割、关键 CSS 内联，首屏降到 1.6 秒，跳出率下降 18%。',
        thinkSec: 30, answerSec: 180, retakes: 1,
      },
      {
        id: 'q2', text: '和设计或产品对某个交互意见不一致时，你是怎么处理的？请举一个具体的例子。', competency: '沟通协作',
        keyPoints: ['描述分歧的具体情境', '先理解对方的目标', '用数据或原型沟通', '达成的结果'],
        thinkSec: 30, answerSec: 150, retakes: 1,
      },
      {
        id: 'q3', text: '如果一个页面在部分安卓手机上白屏，你会按什么步骤排查？', competency: '问题解决',
        keyPoints: ['先复现并收集机型和系统版本', '远程调试或查看错误日志', '检查兼容性问题（语法、API）', '修复后回归验证并加监控'],
        thinkSec: 30, answerSec: 150, retakes: 1,
      },
      {
        id: 'q4', text: '最近半年你主动学习了什么新技术？它如何帮到了你的工作？', competency: '学习能力',
        keyPoints: ['具体的技术或方向', '学习方法', '在工作中的应用', '带来的效果'],
        thinkSec: 20, answerSec: 120, retakes: 1,
      },
    ],
  },
  {
    code: 'SALES-2026',
    title: '销售代表',
    department: '销售部',
    description: '开拓华东区企业客户，负责从线索到签约的全过程。要求沟通能力强，有 B2B 销售经验者优先。',
    questions: [
      {
        id: 'q1', text: '请讲一次你从陌生客户那里拿下订单的经历。', competency: '客户开拓',
        keyPoints: ['客户背景和难点', '建立信任的方法', '推进成交的关键动作', '成交结果（金额或周期）'],
        thinkSec: 30, answerSec: 180, retakes: 1,
      },
      {
        id: 'q2', text: '客户说“你们太贵了”，你会怎么回应？', competency: '异议处理',
        keyPoints: ['先了解客户比较的对象', '讲清价值而不是直接降价', '给出可选方案', '推动下一步'],
        thinkSec: 20, answerSec: 120, retakes: 1,
      },
      {
        id: 'q3', text: '连续一个月没有完成业绩目标时，你会怎么调整？', competency: '抗压与复盘',
        keyPoints: ['分析原因', '调整计划和客户结构', '寻求支持', '跟踪改进效果'],
        thinkSec: 20, answerSec: 120, retakes: 1,
      },
    ],
  },
];

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
    key: 'zhouchen', name: '周晨', phone: '13900000101', group: '社招', job: 'FE-2026', kind: 'video', status: 'completed', day: -2, time: '10:00', minutes: 45,
    interviewer: 'ZhangWei', confirmed: true,
    answers: {
      q1: '我在上一家电商公司负责活动页。大促前首页首屏要 5 秒多，跳出率很高。我先用 Lighthouse 和 Performance 面板分析，发现主要是首屏大图没压缩、有两个同步加载的统计脚本。然后我把图片换成 WebP 并做了懒加载，脚本改成异步，按路由做了代码分割。最后首屏降到 1.7 秒，大促当天跳出率下降了 15%。',
      q2: '有一次设计希望表单分成五步，我担心步骤太多用户会流失。我先问清楚她想解决信息太密的问题，然后做了一个两步的原型，和五步的方案一起给 20 个同事试用，两步方案完成率高很多。最后我们一起定了三步的方案，上线后提交率提升了 9%。',
      q3: '我会先拿到出问题的机型和系统版本，尽量在真机上复现。然后用 Chrome 远程调试看控制台报错，同时查前端错误监控。常见原因是用了旧内核不支持的语法或者接口，比如可选链。定位后加上对应的 polyfill 或调整打包目标，修复后在这些机型上回归测试，并在监控里加告警。',
      q4: '最近半年我系统学了 TypeScript 的类型体操和 Vitest。主要是看官方文档，再在自己的小项目里练。回到工作里，我把组件库的类型补全了，还给核心工具函数写了单元测试，后来改需求时回归问题少了很多。',
    },
  },
  { key: 'hanxue', name: '韩雪', phone: '13900000102', group: '校招', job: 'FE-2026', kind: 'video', status: 'scheduled', day: 1, time: '14:00', minutes: 45, interviewer: 'ZhangWei', confirmed: false },
  { key: 'songyang', name: '宋阳', phone: '13900000103', group: '社招', job: 'FE-2026', kind: 'onsite', status: 'confirmed', day: 2, time: '10:00', minutes: 60, interviewer: 'LiNa', location: '总部 3 楼 301 会议室', confirmed: true },
  { key: 'tangyu', name: '唐雨', phone: '13900000104', group: '社招', job: 'SALES-2026', kind: 'onsite', status: 'scheduled', day: 1, time: '15:30', minutes: 45, interviewer: 'XuQiang', location: '总部 2 楼洽谈室', confirmed: false },
  { key: 'fenglei', name: '冯磊', phone: '13900000105', group: '校招', job: 'SALES-2026', kind: 'video', status: 'declined', day: 3, time: '10:00', minutes: 45, interviewer: 'XuQiang', confirmed: false },
];

/** The recruiter who owns the demo hiring. */
export const DEMO_RECRUITER = 'LinXiao';
