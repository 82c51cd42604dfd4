/**
 * The retention job: recordings, typed answers, transcripts, the scorer's
 * per-answer analysis and the integrity log go after the retention period, or
 * at the next run after a deletion request; an audit entry says so; scoring in
 * progress defers it; running it twice changes nothing more.
 */
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { Types } from 'mongoose';
import { useTestDatabase } from '../helpers/db.js';
import { InterviewModel } from '../../models/interview.js';
import { RecordingModel, RecordingPartModel, recordingsBucket } from '../../models/recording.js';
import { ScoreJobModel, ScoreReportModel } from '../../models/scoreReport.js';
import { CandidateModel } from '../../models/candidate.js';
import { AuditLogModel } from '../../models/auditLog.js';
import { retentionJob, runRetention } from '../../scheduler/jobs/retention.js';
import { seedInterview, T0, type Seeded } from '../miniapp/interview/harness.js';

const DAY = 86_400_000;

async function storeFile(id: Types.ObjectId): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    Readable.from([Buffer.alloc(1000, 1)]).pipe(recordingsBucket().openUploadStreamWithId(id, `${String(id)}.webm`)).on('finish', () => resolve()).on('error', reject);
  });
}

/** A completed video interview with one video answer (a discarded take too), one text answer and a report. */
async function finished(completedAt: Date): Promise<Seeded & { videoId: Types.ObjectId; discardedId: Types.ObjectId }> {
  const s = await seedInterview();
  await InterviewModel.updateOne({ _id: s.interview._id }, {
    $set: { status: 'completed', completedAt, consent: { version: 'v', at: completedAt, review: 'ai' }, integrity: [{ at: completedAt, kind: 'page_hidden', questionId: 'q1' }] },
  });
  const video = await RecordingModel.create({ interviewId: s.interview._id, questionId: 'q1', attempt: 1, kind: 'video', status: 'final', mimeType: 'video/webm', receivedBytes: 1000, transcript: '我负责过一个项目' });
  await RecordingModel.updateOne({ _id: video._id }, { $set: { gridfsId: video._id } });
  await storeFile(video._id);
  const discarded = await RecordingModel.create({ interviewId: s.interview._id, questionId: 'q1', attempt: 0, kind: 'video', status: 'complete', mimeType: 'video/webm', receivedBytes: 1000 });
  await storeFile(discarded._id);
  await RecordingModel.updateOne({ _id: discarded._id }, { $set: { gridfsId: discarded._id } });
  await RecordingModel.create({ interviewId: s.interview._id, questionId: 'q2', attempt: 0, kind: 'text', status: 'final', text: '我会先拆解问题', receivedBytes: 0 });
  await ScoreReportModel.create({
    interviewId: s.interview._id, jobId: s.job._id, candidateId: s.candidate._id, overall: 72, scorerVersion: 't',
    answers: [{ questionId: 'q1', overall: 70, contentRated: true, analysis: { evidence: ['我负责过一个项目'] }, flags: [], humanRating: { score: 4, note: '表达清楚', by: 'chenjing', at: completedAt } }],
  });
  await ScoreJobModel.create({ interviewId: s.interview._id, status: 'done', attempts: 1, nextRunAt: completedAt });
  return { ...s, videoId: video._id, discardedId: discarded._id };
}

describe('录像保留期清理（scheduler/jobs/retention）', function () {
  this.timeout(30_000);
  useTestDatabase();

  it('到期（180 天）的录像、文字、转写、分析和诚信记录被删除，面试记录留下并写审计；再跑一次不重复', async () => {
    const old = await finished(new Date(T0.getTime() - 181 * DAY));
    const recent = await finished(new Date(T0.getTime() - 179 * DAY));

    const counts = await runRetention(T0, { retentionDays: 180 });
    expect(counts).to.include({ interviews: 1, files: 2, recordings: 3, reports: 1, deferred: 0 });

    expect(await recordingsBucket().find({ _id: { $in: [old.videoId, old.discardedId] } }).toArray()).to.have.length(0);
    expect(await recordingsBucket().find({ _id: { $in: [recent.videoId, recent.discardedId] } }).toArray()).to.have.length(2);
    const recs = await RecordingModel.find({ interviewId: old.interview._id }).lean();
    for (const r of recs) {
      expect(r.purgedAt?.toISOString()).to.equal(T0.toISOString());
      expect(r.text).to.equal(undefined);
      expect(r.transcript).to.equal(undefined);
      expect(r.gridfsId).to.equal(undefined);
    }
    const report = await ScoreReportModel.findOne({ interviewId: old.interview._id }).lean();
    expect(report?.answers[0]?.analysis).to.deep.equal({ purged: true, purgedAt: T0.toISOString() });
    expect(report?.answers[0]?.humanRating?.score).to.equal(4); // HR's own rating stays
    const i = await InterviewModel.findById(old.interview._id).lean();
    expect(i?.purgedAt?.toISOString()).to.equal(T0.toISOString());
    expect(i?.integrity).to.deep.equal([]);
    expect(i?.status).to.equal('completed');
    expect(await ScoreJobModel.countDocuments({ interviewId: old.interview._id })).to.equal(0);
    const entries = await AuditLogModel.find({ action: 'recording.purge' }).lean();
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ actor: 'system', subjectId: String(old.interview._id), channel: 'scheduler' });
    expect(entries[0]?.details).to.include({ reason: 'retention', files: 2, recordings: 3, report: true });

    const again = await runRetention(T0, { retentionDays: 180 });
    expect(again).to.include({ interviews: 0, files: 0 });
    expect(await AuditLogModel.countDocuments({ action: 'recording.purge' })).to.equal(1);
    const untouched = await RecordingModel.findOne({ interviewId: recent.interview._id, kind: 'text' }).lean();
    expect(untouched?.text).to.equal('我会先拆解问题');
  });

  it('候选人申请删除：下一次运行就删，不等保留期；正在评分的等下一次', async () => {
    const asked = await finished(new Date(T0.getTime() - 2 * DAY));
    const scoring = await finished(new Date(T0.getTime() - DAY));
    await CandidateModel.updateMany({ _id: { $in: [asked.candidate._id, scoring.candidate._id] } }, { $set: { deletionRequestedAt: T0 } });
    await InterviewModel.updateMany({ _id: { $in: [asked.interview._id, scoring.interview._id] } }, { $set: { deletionRequestedAt: T0 } });
    await ScoreJobModel.updateOne({ interviewId: scoring.interview._id }, { $set: { status: 'running', leaseOwner: 'w1', leaseUntil: new Date(T0.getTime() + 60_000) } });

    const counts = await runRetention(T0, { retentionDays: 180 });
    expect(counts).to.include({ interviews: 1, deferred: 1 });
    expect((await InterviewModel.findById(asked.interview._id).lean())?.purgedAt).to.be.instanceOf(Date);
    expect((await InterviewModel.findById(scoring.interview._id).lean())?.purgedAt).to.equal(undefined);
    const entry = await AuditLogModel.findOne({ action: 'recording.purge', subjectId: String(asked.interview._id) }).lean();
    expect(entry?.details).to.include({ reason: 'deletion_request' });

    // The scorer finished (or its lease ran out): the next run deletes it.
    const later = new Date(T0.getTime() + DAY);
    const next = await runRetention(later, { retentionDays: 180 });
    expect(next).to.include({ interviews: 1, deferred: 0 });
    expect(await recordingsBucket().find({ _id: scoring.videoId }).toArray()).to.have.length(0);
  });

  it('申请删除的候选人：面试都清理完后联系方式也删掉，只删一次并写审计', async () => {
    const s = await finished(new Date(T0.getTime() - DAY));
    await CandidateModel.updateOne({ _id: s.candidate._id }, { $set: { deletionRequestedAt: T0, email: 'zw@example.com' } });
    const first = await runRetention(T0, { retentionDays: 180 });
    expect(first).to.include({ interviews: 1, candidates: 1 });
    const c = await CandidateModel.findById(s.candidate._id).lean();
    expect(c?.name).to.equal('（已删除）');
    expect(c?.phone).to.equal(`deleted-${String(s.candidate._id)}`);
    expect(c?.email).to.equal(undefined);
    expect(c?.deletedAt).to.be.instanceOf(Date);
    expect(await AuditLogModel.countDocuments({ action: 'candidate.anonymize', subjectId: String(s.candidate._id) })).to.equal(1);
    expect(await runRetention(new Date(T0.getTime() + DAY), { retentionDays: 180 })).to.include({ candidates: 0 });
    // A candidate who did not ask keeps their details.
    const other = await finished(new Date(T0.getTime() - 200 * DAY));
    await runRetention(T0, { retentionDays: 180 });
    expect((await CandidateModel.findById(other.candidate._id).lean())?.name).to.equal(other.candidate.name);
  });

  it('只在候选人上记了删除申请（另一条路径）也照样删', async () => {
    const s = await finished(new Date(T0.getTime() - DAY));
    await CandidateModel.updateOne({ _id: s.candidate._id }, { $set: { deletionRequestedAt: T0 } });
    const counts = await runRetention(T0, { retentionDays: 180 });
    expect(counts).to.include({ interviews: 1 });
    const entry = await AuditLogModel.findOne({ action: 'recording.purge', subjectId: String(s.interview._id) }).lean();
    expect(entry?.details).to.include({ reason: 'deletion_request' });
  });

  it('一天没动静的上传作废并删除临时块；两天前的零散块也删除', async () => {
    const s = await seedInterview();
    const stale = await RecordingModel.create({ interviewId: s.interview._id, questionId: 'q1', attempt: 0, kind: 'video', status: 'uploading', mimeType: 'video/webm', receivedBytes: 5 });
    await RecordingModel.collection.updateOne({ _id: stale._id }, { $set: { updatedAt: new Date(T0.getTime() - 2 * DAY) } });
    const live = await RecordingModel.create({ interviewId: s.interview._id, questionId: 'q2', attempt: 0, kind: 'video', status: 'uploading', mimeType: 'video/webm', receivedBytes: 5 });
    await RecordingModel.collection.updateOne({ _id: live._id }, { $set: { updatedAt: new Date(T0.getTime() - 60_000) } });
    await RecordingPartModel.create([
      { recordingId: stale._id, offset: 0, length: 5, data: Buffer.from('abcde'), createdAt: new Date(T0.getTime() - 2 * DAY) },
      { recordingId: live._id, offset: 0, length: 5, data: Buffer.from('abcde'), createdAt: new Date(T0.getTime() - 60_000) },
      { recordingId: new Types.ObjectId(), offset: 0, length: 1, data: Buffer.from('x'), createdAt: new Date(T0.getTime() - 3 * DAY) },
    ]);
    const counts = await runRetention(T0, { retentionDays: 180 });
    expect(counts.staleUploads).to.equal(1);
    expect(await RecordingModel.findById(stale._id).lean()).to.include({ status: 'rejected', rejectReason: 'abandoned' });
    expect((await RecordingModel.findById(live._id).lean())?.status).to.equal('uploading');
    expect((await RecordingPartModel.find({}).lean()).map((p) => String(p.recordingId))).to.deep.equal([String(live._id)]);
  });

  it('每天凌晨在业务时区跑一次', () => {
    const job = retentionJob({ retentionDays: 30 });
    expect(job).to.include({ name: 'recording-retention', cron: '40 3 * * *' });
  });
});
