/**
 * HR's report page (server-rendered, mobile-first). Per question: the
 * recording (streamed with Range support), the transcript, the dimension
 * scores with the quotes that earned them, the delivery figures, integrity
 * flags and insufficient-data marks, and the human rating beside the AI one.
 * On top: the overall with how it was computed, and a plain note that it is
 * advice. At the bottom: the decision with its required reason.
 *
 * With a human-only review (`aiHidden`) nothing AI-made is rendered: no score,
 * transcript, dimension or delivery figure, only the recordings, integrity
 * facts and the human ratings. Every value is escaped.
 */
import { escapeHtml as e } from '../../lib/html.js';
import type { AnswerAnalysis } from '../../scorer/analyzeAnswer.js';
import type { RatedContentScore } from '../../scorer/types.js';
import type { AnswerReport } from '../../models/scoreReport.js';
import { asAnalysis, asHumanFacts, HUMAN_VISIBLE_FLAGS, type QuestionView, type ReportView, type Viewer } from './reportData.js';
import { RW } from './reportWording.js';
import { shell, tag, when } from './reportStyle.js';

export interface ReportPageOptions {
  readonly tz: string;
  readonly notice?: string | undefined;
  readonly problems?: readonly string[];
  /** What the decision form held when it was refused, so nothing typed is lost. */
  readonly decisionDraft?: { readonly reason: string } | undefined;
}

const WARN_FLAGS = new Set(['multiple_faces', 'no_face_long', 'faces_failed', 'asr_failed', 'audio_insufficient', 'unreadable', 'keyword_stuffing', 'off_topic']);

export function reportPath(interviewId: string): string {
  return `/hr/reports/${encodeURIComponent(interviewId)}`;
}

function flagTags(flags: readonly string[], hidden: boolean): string {
  return flags
    .filter((f) => !hidden || HUMAN_VISIBLE_FLAGS.has(f))
    .filter((f) => RW.flags[f] !== undefined)
    .map((f) => tag(RW.flags[f] ?? f, WARN_FLAGS.has(f) ? 'warn' : f === 'human_review' ? 'info' : ''))
    .join('');
}

export function reportPage(v: ReportView, viewer: Viewer, opts: ReportPageOptions): string {
  const nav: Array<readonly [string, string]> = viewer.role === 'hr'
    ? [['/hr/jobs', RW.nav.jobs], ...(v.job.code ? [[`/hr/jobs/${encodeURIComponent(v.job.code)}/ranking`, RW.nav.ranking] as const] : [])]
    : [];
  const body = [
    opts.notice ? `<div class="notice" role="status">${e(opts.notice)}</div>` : '',
    opts.problems && opts.problems.length > 0 ? `<div class="problems" role="alert">${opts.problems.map((p) => `<p>${e(p)}</p>`).join('')}</div>` : '',
    summarySection(v, opts.tz),
    ...v.questions.map((q) => questionSection(v, q, viewer, opts.tz)),
    decisionSection(v, viewer, opts),
  ].join('\n');
  return shell(RW.pageTitle(v.candidate.name), body, nav);
}

function summarySection(v: ReportView, tz: string): string {
  const i = v.interview;
  const info = i.completedAt ? RW.interviewInfo(v.job.title, when(i.completedAt, tz)) : `${v.job.title} · ${RW.notCompleted}`;
  const flags = v.report ? flagTags(v.report.flags, v.aiHidden) : '';
  const demo = v.report?.flags.includes('demo_data') ? `<p class="hint">${e(RW.demoData)}</p>` : '';
  return `<section aria-labelledby="summary-h"><h2 id="summary-h">${e(v.candidate.name)}</h2><p class="hint">${e(info)}</p>${flags ? `<p>${flags}</p>` : ''}${demo}
${overallBlock(v)}
${humanAverage(v)}
${integrityEvents(v)}
<p class="advice" role="note">${e(RW.advice)}</p></section>`;
}

function overallBlock(v: ReportView): string {
  if (v.aiHidden) return `<p data-testid="human-only">${e(RW.humanOnly)}</p>`;
  const r = v.report;
  if (!r) return `<p data-testid="scoring-state">${e(scoringState(v))}</p>`;
  const number = r.overall === null
    ? `<div class="score" data-testid="overall">${e(RW.noOverall)}</div>`
    : `<div class="score" data-testid="overall">${r.overall} <small>${e(RW.outOf)}</small></div>`;
  const basis = r.overallBasis;
  const method = basis ? RW.overallMethod(basis.rated, basis.total, basis.minRated, r.overall) : RW.overallLegacy;
  return `<p class="hint">${e(RW.overall)}</p>${number}<p class="hint" data-testid="overall-method">${e(method)}</p>`;
}

function scoringState(v: ReportView): string {
  const j = v.scoreJob;
  if (!j) return RW.scoring.none;
  if (j.status === 'failed') return RW.scoring.failed(j.lastError ?? '');
  if (j.status === 'done' && j.outcome === 'skipped') return RW.scoring.skipped(j.note ?? '');
  return j.status === 'running' ? RW.scoring.running : RW.scoring.queued;
}

function humanAverage(v: ReportView): string {
  const ratings = (v.report?.answers ?? []).flatMap((a) => (a.humanRating ? [a.humanRating.score] : []));
  if (ratings.length === 0) return '';
  const avg = (ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(1);
  return `<p data-testid="human-average">${e(RW.humanAverage(avg, ratings.length))}</p>`;
}

function integrityEvents(v: ReportView): string {
  const counts = new Map<string, number>();
  for (const ev of v.interview.integrity) counts.set(ev.kind, (counts.get(ev.kind) ?? 0) + 1);
  if (counts.size === 0) return '';
  const parts = [...counts].map(([k, n]) => `${RW.integrityEvent[k] ?? k} ${RW.times(n)}`).join('，');
  return `<p class="hint">${e(RW.integrityEvents(parts))}</p>`;
}

function questionSection(v: ReportView, q: QuestionView, viewer: Viewer, tz: string): string {
  const a = q.answer;
  const hidden = v.aiHidden;
  const outcome = a?.outcome && !hidden ? tag(RW.outcome[a.outcome] ?? a.outcome, a.outcome === 'rated' ? 'ok' : a.outcome === 'insufficient_data' ? 'warn' : '') : '';
  const analysis = hidden ? undefined : asAnalysis(a?.analysis);
  return `<section id="q-${e(q.question.id)}" aria-labelledby="q-${e(q.question.id)}-h">
<h2 id="q-${e(q.question.id)}-h">${e(RW.question(q.n))} · ${e(q.question.competency)}</h2>
<p>${e(q.question.text)}</p>
${mediaBlock(v, q)}
${outcome || (a && a.flags.length) ? `<p>${outcome}${a ? flagTags(a.flags, hidden) : ''}</p>` : ''}
${!hidden && a ? aiBlock(a, analysis) : ''}
${integrityBlock(a, hidden)}
${humanBlock(v, q, viewer, tz)}
</section>`;
}

function mediaBlock(v: ReportView, q: QuestionView): string {
  const m = q.media;
  switch (m.kind) {
    case 'missing':
      return `<p class="hint">${e(RW.answerKind['missing'] ?? '')}</p>`;
    case 'text':
      return `<p class="hint">${e(RW.answerKind['text'] ?? '')}</p><blockquote aria-label="${e(RW.typedAnswer)}">${e(m.text)}</blockquote>`;
    case 'video':
    case 'audio': {
      if (!m.playable) return `<p class="hint">${e(RW.noMedia)}</p>`;
      const src = `${reportPath(String(v.interview._id))}/media/${encodeURIComponent(m.recordingId)}`;
      const el = m.kind === 'video' ? 'video' : 'audio';
      return `<${el} controls preload="metadata" playsinline aria-label="${e(RW.playerLabel(q.n))}" data-testid="player-${e(q.question.id)}"><source src="${e(src)}" type="${e(m.mimeType.split(';')[0] ?? m.mimeType)}"></${el}>`;
    }
  }
}

/** The AI part of one answer: score, dimensions with quotes, key points, caps, transcript, delivery figures. */
function aiBlock(a: AnswerReport, analysis: AnswerAnalysis | undefined): string {
  const parts: string[] = [];
  const content = analysis?.content;
  const score = content?.status === 'scored' ? content.score : undefined;
  if (a.overall !== null) {
    parts.push(`<p><b>${e(RW.answerScore)}</b> <span data-testid="answer-score">${a.overall}</span> ${e(RW.outOf)}${a.weight !== undefined ? ` <span class="hint">${e(RW.weight(a.weight))}</span>` : ''}</p>`);
  } else if (score && score.overall !== null && a.outcome === 'insufficient_data') {
    parts.push(`<p><b>${e(RW.answerScore)}</b> ${score.overall} ${e(RW.outOf)} <span class="hint">${e(RW.notCounted)}</span></p>`);
  }
  if (score && score.overall !== null) parts.push(dimensions(score));
  if (score && score.overall === null) parts.push(`<p class="hint">${e(score.reason)}</p>`);
  if (analysis) {
    // Face notes have their own block below; the unrated reason is already shown above.
    const faceNotes = new Set(analysis.faces.status === 'ok' ? analysis.faces.integrity.notes : []);
    const notes = analysis.notes.filter((n) => !faceNotes.has(n) && !(score && score.overall === null && n === score.reason));
    if (notes.length > 0) parts.push(`<ul class="hint">${notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
    parts.push(transcriptBlock(analysis));
    parts.push(deliveryBlock(analysis));
  }
  return parts.join('\n');
}

function dimensions(score: RatedContentScore): string {
  const dims = Object.entries(score.dimensions).map(([name, d]) => `<div class="dim"><b>${e(RW.dimension[name] ?? name)}</b> ${d.score} <span class="hint">${e(RW.dimensionWeight(d.weight))}</span>
<div class="bar" aria-hidden="true"><i style="width:${Math.max(0, Math.min(100, d.score))}%"></i></div>
<p class="hint">${e(d.explanation)}</p>${d.evidence.length > 0 ? `<details><summary>${e(RW.evidence(d.evidence.length))}</summary>${d.evidence.map((q) => `<blockquote>${e(q)}</blockquote>`).join('')}</details>` : ''}</div>`).join('');
  const covered = score.keyPoints.filter((k) => k.status === 'covered').length;
  const kps = score.keyPoints.length > 0
    ? `<details><summary>${e(RW.keyPointsSummary(covered, score.keyPoints.length))}</summary><ul>${score.keyPoints.map((k) => `<li>${e(k.keyPoint)}：${tag(RW.keyPointStatus[k.status] ?? k.status, k.status === 'covered' ? 'ok' : k.status === 'missing' ? 'warn' : '')}${k.quote ? `<blockquote>${e(k.quote)}</blockquote>` : ''}</li>`).join('')}</ul></details>`
    : '';
  const caps = score.adjustments.length > 0
    ? `<h3>${e(RW.adjustments)}</h3><ul>${score.adjustments.map((x) => `<li>${e(RW.adjustment(RW.flags[x.flag] ?? x.flag, x.before, x.after))}<br><span class="hint">${e(x.explanation)}</span></li>`).join('')}</ul>`
    : '';
  return `<h3>${e(RW.dimensionsTitle)}</h3>${dims}${kps}${caps}`;
}

function transcriptBlock(a: AnswerAnalysis): string {
  const t = a.transcript;
  if (t.status === 'typed') return '';
  if ('text' in t) return `<details><summary>${e(RW.transcriptTitle)}</summary><p data-testid="transcript">${e(t.text)}</p></details>`;
  const note = RW.transcriptState[t.status];
  return note ? `<p class="hint">${e(RW.transcriptTitle)}：${e(note)}</p>` : '';
}

function deliveryBlock(a: AnswerAnalysis): string {
  if (a.audio.status !== 'ok' && a.audio.status !== 'insufficient_data') return '';
  const f = a.audio.figures;
  const d = RW.delivery;
  const items = [
    d.duration(f.durationSec),
    d.speaking(f.speakingSec, f.speakingShare),
    d.pauses(f.pauses.count, f.pauses.longestSec),
    ...(f.speechRateCpm !== null ? [d.rate(f.speechRateCpm)] : []),
    d.steadiness(f.loudness.steadiness),
  ];
  return `<h3>${e(RW.deliveryTitle)}</h3><p class="hint" data-testid="delivery">${items.map(e).join(' · ')}</p>`;
}

/** Face-integrity and recording-quality notes: shown in both modes. */
function integrityBlock(a: AnswerReport | undefined, hidden: boolean): string {
  if (!a || a.outcome === 'missing') return '';
  const analysis = asAnalysis(a.analysis);
  const facts = asHumanFacts(a.analysis);
  const faces = analysis?.faces ?? facts?.faces;
  const notes: string[] = [];
  if (faces?.status === 'ok') notes.push(...faces.integrity.notes);
  if (faces?.status === 'failed') notes.push(RW.flags['faces_failed'] ?? '');
  if (hidden && facts?.audible.status === 'insufficient_data') notes.push(facts.audible.explanation);
  if (!faces || faces.status === 'skipped') {
    return notes.length > 0 ? `<h3>${e(RW.integrityTitle)}</h3><ul>${notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : '';
  }
  const body = notes.length > 0 ? `<ul>${notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul><p class="hint">${e(RW.integrityNote)}</p>` : `<p class="hint">${e(RW.integrityOk)}</p>`;
  return `<h3>${e(RW.integrityTitle)}</h3><div data-testid="integrity">${body}</div>`;
}

function humanBlock(v: ReportView, q: QuestionView, viewer: Viewer, tz: string): string {
  const a = q.answer;
  const r = a?.humanRating;
  const current = r
    ? `<p data-testid="human-${e(q.question.id)}"><b>${e(RW.humanScale[r.score] ?? String(r.score))}</b>${r.note ? `：${e(r.note)}` : ''}<br><span class="hint">${e(RW.humanBy(v.names.get(r.by) ?? r.by, when(r.at, tz)))}</span></p>`
    : `<p class="hint">${e(RW.humanNone)}</p>`;
  if (!v.report || !a) return `<h3>${e(RW.humanTitle)}</h3>${current}<p class="hint">${e(RW.humanNeedsReport)}</p>`;
  const qid = e(q.question.id);
  const options = [5, 4, 3, 2, 1].map((n) => `<option value="${n}"${r?.score === n ? ' selected' : ''}>${e(RW.humanScale[n] ?? String(n))}</option>`).join('');
  return `<h3>${e(RW.humanTitle)}</h3>${current}
<form method="post" action="${e(reportPath(String(v.interview._id)))}/rating">
<input type="hidden" name="questionId" value="${qid}">
<label for="score-${qid}">${e(RW.humanScoreLabel)}</label><select id="score-${qid}" name="score" required>${r ? '' : '<option value="" selected disabled>—</option>'}${options}</select>
<label for="note-${qid}">${e(RW.humanNoteLabel)}</label><textarea id="note-${qid}" name="note" rows="2" maxlength="500">${e(r?.note ?? '')}</textarea>
<button class="btn secondary" type="submit">${e(RW.humanSave)}</button></form>`;
}

function decisionSection(v: ReportView, viewer: Viewer, opts: ReportPageOptions): string {
  const d = v.interview.decision;
  const current = d
    ? `<p data-testid="decision">${e(RW.decisionCurrent(RW.decisionLabels[d.value] ?? d.value, v.names.get(d.by) ?? d.by, when(d.at, opts.tz)))}</p><blockquote>${e(d.reason)}</blockquote>`
    : `<p data-testid="decision">${e(RW.decisionNone)}</p>`;
  if (viewer.role !== 'hr') return `<section aria-labelledby="decision-h"><h2 id="decision-h">${e(RW.decisionTitle)}</h2>${current}<p class="hint">${e(RW.decisionHrOnly)}</p></section>`;
  const expected = d ? d.at.toISOString() : 'none';
  return `<section aria-labelledby="decision-h"><h2 id="decision-h">${e(RW.decisionTitle)}</h2>${current}
<form method="post" action="${e(reportPath(String(v.interview._id)))}/decision">
<input type="hidden" name="expected" value="${e(expected)}">
<label for="reason">${e(RW.reasonLabel)}</label><textarea id="reason" name="reason" rows="3" maxlength="500" required placeholder="${e(RW.reasonPlaceholder)}">${e(opts.decisionDraft?.reason ?? '')}</textarea>
<div class="row"><button class="btn" type="submit" name="value" value="advance">${e(RW.decisionLabels['advance'] ?? '')}</button>
<button class="btn danger" type="submit" name="value" value="reject">${e(RW.decisionLabels['reject'] ?? '')}</button>
<button class="btn neutral" type="submit" name="value" value="hold">${e(RW.decisionLabels['hold'] ?? '')}</button></div>
</form></section>`;
}
