/**
 * A job with three questions, a candidate, a completed video interview and
 * its answers stored the way the candidate page stores them: media made with
 * ffmpeg lavfi (test/fixtures/scorer/generate.ts), uploaded to the GridFS
 * bucket `recordings`, and a `final` Recording per answered question.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { Types } from 'mongoose';
import { CandidateModel } from '../../models/candidate.js';
import { InterviewModel, type Consent } from '../../models/interview.js';
import { JobModel, type JobQuestion } from '../../models/job.js';
import { RecordingModel } from '../../models/recording.js';
import { recordingsBucket } from '../../models/recording.js';

export const QUESTIONS: JobQuestion[] = [
  {
    id: 'q1', competency: '沟通协作', text: '请讲一个你和同事意见不一致、最后达成一致的经历。',
    keyPoints: ['说明分歧的背景', '主动倾听对方的顾虑', '提出兼顾双方的方案', '达成共识并按期交付'], thinkSec: 30, answerSec: 120, retakes: 1,
  },
  {
    id: 'q2', competency: '问题解决', text: '请讲一次你定位并解决线上问题的经历。',
    keyPoints: ['描述问题和影响', '分析根本原因', '采取的解决措施', '结果和预防措施'], thinkSec: 30, answerSec: 120, retakes: 1,
  },
  {
    id: 'q3', competency: '学习能力', text: '请讲一次你在短时间内学会一项新技能的经历。',
    keyPoints: ['学习的背景和目标', '学习的方法', '应用到工作中的结果'], thinkSec: 30, answerSec: 120, retakes: 1,
  },
];

export const GOOD_ANSWERS: Record<string, string> = {
  q1: '去年我和测试同事对上线时间有分歧。我先单独约他聊，听他讲清楚顾虑，他担心回归测试来不及。然后我们商量出分两期上线的办法，第一期只上核心功能，两边都同意了，最后按期上线，线上零故障。',
  q2: '今年三月支付接口超时，影响了大约两成的订单。我先看监控，发现数据库连接池被占满，再查日志定位到一个没有索引的慢查询是根本原因。我加了索引并调整了连接池，十分钟内恢复，之后加了慢查询告警，再没出现过。',
  q3: '去年团队要用 Kubernetes 部署，我两周内要学会。我先看官方文档做了三个练习，再请运维同事帮我评审配置。最后我独立完成了测试环境的迁移，部署时间从半小时缩短到五分钟。',
};

export interface Seeded {
  jobId: Types.ObjectId;
  candidateId: Types.ObjectId;
  interviewId: Types.ObjectId;
}

let phones = 0;

export async function seedInterview(opts: { review?: Consent['review'] | 'none'; name?: string; group?: string; jobCode?: string; hrUserid?: string; interviewer?: string; questions?: JobQuestion[] } = {}): Promise<Seeded> {
  const code = opts.jobCode ?? 'PM-2026';
  const job = (await JobModel.findOne({ code }).lean())
    ?? (await JobModel.create({ code, title: '产品经理', department: '产品部', questions: opts.questions ?? QUESTIONS })).toObject();
  phones += 1;
  const candidate = await CandidateModel.create({
    name: opts.name ?? '张伟', phone: `139${String(10_000_000 + phones).slice(-8)}`, createdBy: 'chenjing',
    ...(opts.group ? { group: opts.group } : {}),
  });
  const startAt = new Date('2026-11-20T02:00:00Z');
  const review = opts.review ?? 'ai';
  const interview = await InterviewModel.create({
    candidateId: candidate._id, jobId: job._id, kind: 'video', startAt, endAt: new Date(startAt.getTime() + 3 * 86_400_000),
    interviewerUserid: opts.interviewer ?? 'lilei', hrUserid: opts.hrUserid ?? 'chenjing', status: 'completed', linkVersion: 1, reminders: {},
    ...(review === 'none' ? {} : { consent: { version: 'v1', at: startAt, review } }),
    textFallback: false, integrity: [], completedAt: new Date(startAt.getTime() + 3600_000),
  });
  return { jobId: job._id, candidateId: candidate._id, interviewId: interview._id };
}

/**
 * Uploads a file to GridFS and records it as the final answer to `questionId`,
 * as the candidate page does: the GridFS file id is the Recording's own id.
 */
export async function storeRecording(interviewId: Types.ObjectId, questionId: string, file: string, opts: { kind?: 'video' | 'audio'; mimeType?: string; attempt?: number } = {}): Promise<Types.ObjectId> {
  const data = readFileSync(file);
  const id = new Types.ObjectId();
  const upload = recordingsBucket().openUploadStreamWithId(id, `${String(interviewId)}-${questionId}.webm`, { metadata: { interviewId: String(interviewId), questionId } });
  await new Promise<void>((resolve, reject) => {
    Readable.from([data]).pipe(upload).on('finish', () => resolve()).on('error', reject);
  });
  await RecordingModel.create({
    _id: id, interviewId, questionId, attempt: opts.attempt ?? 0, kind: opts.kind ?? 'video', status: 'final', mimeType: opts.mimeType ?? 'video/webm',
    receivedBytes: data.length, gridfsId: id, sizeBytes: data.length,
  });
  return id;
}

export async function storeText(interviewId: Types.ObjectId, questionId: string, text: string): Promise<Types.ObjectId> {
  const rec = await RecordingModel.create({ interviewId, questionId, attempt: 0, kind: 'text', status: 'final', receivedBytes: 0, text });
  return rec._id;
}
