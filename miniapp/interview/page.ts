/**
 * The interview page's HTML. Every step is rendered here, in Chinese, with
 * labels and headings; the browser script (miniapp/web/interview/) shows one
 * step at a time and fills in what changes. Every value is escaped; the page
 * state travels as JSON in a non-executing script tag.
 */
import { escapeHtml } from '../../lib/html.js';
import type { PageState } from './apiTypes.js';
import { estimateMinutes, W } from './wording.js';

export interface Assets {
  readonly script: string;
  readonly style: string;
}

function head(title: string, assets: Pick<Assets, 'style'>): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="robots" content="noindex"><meta name="format-detection" content="telephone=no">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="${escapeHtml(assets.style)}"></head>`;
}

/** JSON inside `<script type="application/json">`: `<` escaped so no value can close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function list(items: readonly string[], tag: 'ul' | 'ol' = 'ul'): string {
  return `<${tag}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;
}

function welcome(s: PageState): string {
  return `<section class="step" id="step-welcome" aria-labelledby="h-welcome">
<p class="eyebrow">${escapeHtml(s.companyName)}</p>
<h1 id="h-welcome" tabindex="-1">${escapeHtml(W.welcomeTitle)}</h1>
<dl class="facts">
<dt>岗位</dt><dd>${escapeHtml(s.jobTitle)}</dd>
<dt>题目</dt><dd>${s.questions.length} 道</dd>
<dt>用时</dt><dd>约 ${estimateMinutes(s.questions)} 分钟</dd>
<dt>截止</dt><dd>${escapeHtml(s.deadlineText)} 前完成</dd>
</dl>
<p id="welcome-how">${escapeHtml(W.welcomeHow)}</p>
<div id="welcome-steps">${list(W.welcomeSteps, 'ol')}</div>
<p class="hint">${escapeHtml(W.welcomeTips)}</p>
<button type="button" class="btn primary" id="welcome-start" disabled>${escapeHtml(W.welcomeStart)}</button>
<noscript><p class="notice warn">${escapeHtml(W.noScript)}</p></noscript>
</section>`;
}

function consent(s: PageState): string {
  return `<section class="step" id="step-consent" aria-labelledby="h-consent" hidden>
<h2 id="h-consent" tabindex="-1">${escapeHtml(W.consentTitle)}</h2>
<h3>${escapeHtml(W.consentWhatTitle)}</h3><p>${escapeHtml(W.consentWhat)}</p>
<h3>${escapeHtml(W.consentHowTitle)}</h3>${list(W.consentHow)}
<h3>${escapeHtml(W.consentKeepTitle)}</h3><p>${escapeHtml(W.consentKeep(s.retentionDays))}</p>
<p>${escapeHtml(W.consentDelete)} <a href="${escapeHtml(s.deletionUrl)}">${escapeHtml(W.consentDeleteLink)}</a></p>
<h3>${escapeHtml(W.consentIntegrityTitle)}</h3><p>${escapeHtml(W.consentIntegrity)}</p>
<form id="consent-form" novalidate>
<fieldset class="choices"><legend>${escapeHtml(W.reviewLegend)}</legend>
<label class="choice"><input type="radio" name="review" value="ai" aria-describedby="hint-ai"><span><strong>${escapeHtml(W.reviewAi)}</strong><span class="hint" id="hint-ai">${escapeHtml(W.reviewAiHint)}</span></span></label>
<label class="choice"><input type="radio" name="review" value="human" aria-describedby="hint-human"><span><strong>${escapeHtml(W.reviewHuman)}</strong><span class="hint" id="hint-human">${escapeHtml(W.reviewHumanHint)}</span></span></label>
</fieldset>
<label class="check"><input type="checkbox" id="consent-check" name="agree"><span>${escapeHtml(W.consentCheck)}</span></label>
<p class="error" id="consent-error" role="alert"></p>
<button type="submit" class="btn primary" id="consent-submit">${escapeHtml(W.consentSubmit)}</button>
</form>
</section>`;
}

function device(): string {
  return `<section class="step" id="step-device" aria-labelledby="h-device" hidden>
<h2 id="h-device" tabindex="-1">${escapeHtml(W.deviceTitle)}</h2>
<p id="device-intro">${escapeHtml(W.deviceIntro)}</p>
<p id="camera-status" role="status"></p>
<div id="device-checks" hidden>
<div class="preview"><video id="device-video" muted playsinline autoplay aria-label="${escapeHtml(W.cameraLabel)}"></video></div>
<div class="meter-row"><span id="mic-label">${escapeHtml(W.micLabel)}</span><div class="meter" role="img" aria-labelledby="mic-label"><div id="mic-bar"></div></div></div>
<p id="mic-status" role="status"></p>
<p class="net"><span>${escapeHtml(W.networkLabel)}：</span><span id="net-status" role="status">—</span></p>
</div>
<div id="device-help" class="notice warn" role="alert" hidden></div>
<div class="actions">
<button type="button" class="btn primary" id="device-start">${escapeHtml(W.deviceStart)}</button>
<button type="button" class="btn primary" id="device-next" hidden>${escapeHtml(W.deviceNext)}</button>
</div>
<details id="text-fallback"><summary>${escapeHtml(W.textFallbackSummary)}</summary>
<p>${escapeHtml(W.textFallbackText)}</p>
<button type="button" class="btn secondary" id="text-mode">${escapeHtml(W.textFallbackButton)}</button>
</details>
</section>`;
}

function question(): string {
  return `<section class="step" id="step-question" aria-labelledby="q-text" hidden>
<p class="eyebrow" id="q-progress"></p>
<h2 id="q-text" tabindex="-1"></h2>
<p class="hint" id="q-limits"></p>
<p class="notice" id="q-note" hidden></p>
<div class="preview" id="q-media"><video id="q-video" muted playsinline autoplay aria-label="${escapeHtml(W.cameraLabel)}"></video>
<video id="q-playback" controls playsinline hidden aria-label="${escapeHtml(W.playbackLabel)}"></video>
<span class="rec" id="rec-dot" hidden>● ${escapeHtml(W.recordLabel)}</span></div>
<div class="timer" id="q-timer" hidden><span id="q-timer-label"></span><strong id="q-timer-value" aria-hidden="true"></strong>
<div class="bar" aria-hidden="true"><div id="q-timer-bar"></div></div></div>
<p class="sr-only" id="q-live" aria-live="polite"></p>
<div id="q-text-answer" hidden><label for="q-textarea">${escapeHtml(W.textAnswerLabel)}</label>
<textarea id="q-textarea" rows="8" aria-describedby="q-count"></textarea><p class="hint" id="q-count"></p></div>
<p id="q-status" role="status"></p>
<div class="bar upload" id="q-upload" hidden aria-hidden="true"><div id="q-upload-bar"></div></div>
<p class="error" id="q-error" role="alert"></p>
<div class="actions">
<button type="button" class="btn primary" id="q-start" hidden>${escapeHtml(W.thinkSkip)}</button>
<button type="button" class="btn danger-solid" id="q-stop" hidden>${escapeHtml(W.recordStop)}</button>
<button type="button" class="btn primary" id="q-keep" hidden>${escapeHtml(W.keepButton)}</button>
<button type="button" class="btn primary" id="q-retry-upload" hidden>${escapeHtml(W.uploadRetry)}</button>
<button type="button" class="btn primary" id="q-submit-text" hidden>${escapeHtml(W.textSubmit)}</button>
<button type="button" class="btn secondary" id="q-retake" hidden></button>
<button type="button" class="btn primary" id="practice-done" hidden>${escapeHtml(W.practiceDone)}</button>
<button type="button" class="btn secondary" id="practice-again" hidden>${escapeHtml(W.practiceAgain)}</button>
<button type="button" class="btn link" id="practice-skip" hidden>${escapeHtml(W.practiceSkip)}</button>
</div>
</section>`;
}

function done(s: PageState): string {
  return `<section class="step" id="step-done" aria-labelledby="h-done" hidden>
<h2 id="h-done" tabindex="-1">${escapeHtml(W.doneTitle)}</h2>
<p class="notice ok">${escapeHtml(W.doneThanks)}</p>
<h3>${escapeHtml(W.doneNextTitle)}</h3>${list(W.doneNext)}
<p>${escapeHtml(W.doneKeep(s.retentionDays))}</p>
<p class="links"><a href="${escapeHtml(s.inviteUrl)}">${escapeHtml(W.doneBackToInvite)}</a> · <a href="${escapeHtml(s.deletionUrl)}">${escapeHtml(W.doneDelete)}</a></p>
</section>`;
}

/** The page for an open or completed interview. */
export function interviewPage(s: PageState, assets: Assets): string {
  return `${head(`${s.companyName} · ${W.pageTitle}`, assets)}<body><main id="app">
<p class="sr-only" id="step-announcer" aria-live="polite"></p>
${welcome(s)}${consent(s)}${device()}${question()}${done(s)}
</main><script type="application/json" id="page-state">${jsonForScript(s)}</script>
<script src="${escapeHtml(assets.script)}" defer></script></body></html>`;
}

/** A closed interview (cancelled, expired, deletion requested …): a message, no script. */
export function messagePage(companyName: string, title: string, message: string, assets: Pick<Assets, 'style'>, link?: { readonly href: string; readonly text: string }): string {
  return `${head(`${companyName} · ${title}`, assets)}<body><main id="app"><section class="step">
<p class="eyebrow">${escapeHtml(companyName)}</p><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ''}</section></main></body></html>`;
}
