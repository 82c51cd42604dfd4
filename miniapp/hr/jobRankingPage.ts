/**
 * The job page HR opens from a report or the job list: the funnel, filters,
 * the candidates ranked by overall with their percentile, status and
 * decision, and the fairness check by group. A list of cards rather than a
 * wide table, so it reads on a phone at 320 px.
 */
import { escapeHtml as e } from '../../lib/html.js';
import { INTERVIEW_STATUSES } from '../../models/interview.js';
import type { RankingRow, RankingView } from './jobRankingData.js';
import { FAIRNESS } from './jobRankingStats.js';
import { reportPath } from './reportPage.js';
import { shell, tag } from './reportStyle.js';
import { JW, RW } from './reportWording.js';

export function rankingPath(code: string): string {
  return `/hr/jobs/${encodeURIComponent(code)}/ranking`;
}

export function jobRankingPage(v: RankingView): string {
  const body = [funnel(v), filters(v), list(v), fairness(v)].join('\n');
  return shell(RW.rankingTitle(v.job.title), body);
}

function funnel(v: RankingView): string {
  const f = v.funnel;
  const max = Math.max(1, f.invited);
  const rows = (['invited', 'completed', 'scored', 'decided'] as const).map((k) => `<div><span>${e(JW.funnel[k] ?? k)}</span> <b data-testid="funnel-${k}">${f[k]}</b>
<div class="bar" aria-hidden="true"><i style="width:${Math.round((100 * f[k]) / max)}%"></i></div></div>`).join('');
  return `<section aria-labelledby="funnel-h"><h2 id="funnel-h">${e(JW.funnelTitle)}</h2><div class="funnel">${rows}</div></section>`;
}

function option(value: string, label: string, current: string | undefined): string {
  return `<option value="${e(value)}"${current === value ? ' selected' : ''}>${e(label)}</option>`;
}

function filters(v: RankingView): string {
  const f = v.filters;
  const statuses = INTERVIEW_STATUSES.map((s) => option(s, JW.status[s] ?? s, f.status)).join('');
  const decisions = [option('none', JW.filterNoDecision, f.decision), ...(['advance', 'reject', 'hold'] as const).map((d) => option(d, RW.decisionLabels[d] ?? d, f.decision))].join('');
  return `<section aria-labelledby="filters-h"><h2 id="filters-h">${e(JW.filtersTitle)}</h2>
<form method="get" action="${e(rankingPath(v.job.code))}"><div class="filters">
<div><label for="f-status">${e(JW.filterStatus)}</label><select id="f-status" name="status">${option('', JW.filterAny, f.status ?? '')}${statuses}</select></div>
<div><label for="f-decision">${e(JW.filterDecision)}</label><select id="f-decision" name="decision">${option('', JW.filterAny, f.decision ?? '')}${decisions}</select></div>
<div><label for="f-min">${e(JW.filterMin)}</label><input type="number" id="f-min" name="min" min="0" max="100" inputmode="numeric" value="${f.min ?? ''}"></div>
<div><label for="f-max">${e(JW.filterMax)}</label><input type="number" id="f-max" name="max" min="0" max="100" inputmode="numeric" value="${f.max ?? ''}"></div>
</div><button class="btn" type="submit">${e(JW.filterApply)}</button> <a class="btn secondary" href="${e(rankingPath(v.job.code))}">${e(JW.filterReset)}</a></form></section>`;
}

function list(v: RankingView): string {
  const content = v.total === 0 ? `<p>${e(JW.noCandidates)}</p>` : v.rows.length === 0 ? `<p>${e(JW.empty)}</p>` : v.rows.map(row).join('');
  return `<section aria-labelledby="list-h"><h2 id="list-h">${e(JW.listTitle)}</h2><p class="hint">${e(JW.rankingNote)}</p><div data-testid="ranking">${content}</div></section>`;
}

function row(r: RankingRow): string {
  const score = r.reviewMode === 'human'
    ? tag(JW.humanOnly, 'info')
    : r.overall === null ? `<span class="hint">${e(JW.noScore)}</span>` : `<b class="score" style="font-size:24px">${r.overall}</b>`;
  const tags = [
    tag(JW.status[r.status] ?? r.status),
    tag(JW.scoring[r.scoring] ?? r.scoring, r.scoring === 'failed' ? 'warn' : r.scoring === 'report' ? 'ok' : ''),
    ...(r.decision ? [tag(RW.decisionLabels[r.decision.value] ?? r.decision.value, 'info')] : []),
    ...r.flags.filter((f) => ['multiple_faces', 'no_face_long', 'partial_overall', 'text_answers'].includes(f)).map((f) => tag(RW.flags[f] ?? f, f === 'multiple_faces' || f === 'no_face_long' ? 'warn' : '')),
  ].join('');
  const lines = [
    r.percentile !== null ? JW.percentile(r.percentile) : '',
    r.humanAverage !== null ? JW.human(r.humanAverage.toFixed(1)) : '',
    r.group ? JW.group(r.group) : '',
  ].filter(Boolean).join(' · ');
  return `<div class="cand" data-testid="cand-${e(r.interviewId)}"><div class="row"><span class="rank">${r.rank ?? '–'}</span><span class="grow"><b>${e(r.name)}</b></span>${score}</div>
<p>${tags}</p>${lines ? `<p class="hint">${e(lines)}</p>` : ''}<a href="${e(reportPath(r.interviewId))}">${e(JW.openReport)}</a></div>`;
}

function fairness(v: RankingView): string {
  const f = v.fairness;
  const how = `<p class="hint">${e(JW.fairnessHow(FAIRNESS.minGroupSize, FAIRNESS.maxStandardisedGap, FAIRNESS.minSdPoints))}</p>`;
  const h = JW.fairnessHeader;
  const table = f.groups.length === 0 ? '' : `<table><thead><tr><th>${e(h.group)}</th><th>${e(h.n)}</th><th>${e(h.median)}</th><th>${e(h.mean)}</th></tr></thead><tbody>${
    f.groups.map((g) => `<tr><td>${e(g.group)}${g.judged ? '' : `<br><span class="hint">${e(JW.fairnessTooSmall)}</span>`}</td><td>${g.n}</td><td>${g.median ?? '–'}</td><td>${g.mean ?? '–'}</td></tr>`).join('')}</tbody></table>`;
  const verdict = f.kind === 'warn'
    ? `<p class="problems" role="alert" data-testid="fairness">${e(JW.fairnessWarn(f.low, f.high, f.gap, f.standardisedGap))}</p>`
    : f.kind === 'ok'
      ? `<p class="notice" data-testid="fairness">${e(JW.fairnessOk(f.low, f.high, f.gap, f.standardisedGap))}</p>`
      : `<p class="hint" data-testid="fairness">${e(JW.fairnessNotEnough)}</p>`;
  return `<section aria-labelledby="fair-h"><h2 id="fair-h">${e(JW.fairnessTitle)}</h2>${verdict}${table}${how}</section>`;
}
