/**
 * The candidate's video interview page: welcome → notice and consent → device
 * check → a practice question (never uploaded) → each question (think time,
 * recording with a countdown, retakes) → done. The server renders every step;
 * this script moves between them, records, and uploads while recording. A page
 * reopened from the same link starts again at the first unanswered question.
 */
import { W, formatClock, type FallbackReason } from '../../interview/wording.js';
import type { AttemptView, PageState, QuestionView, ReviewChoice } from '../../interview/apiTypes.js';
import { ApiError, createApi } from './api.js';
import { Countdown } from './countdown.js';
import { helpFor, LevelMeter, measureUpload, openMedia, stopStream, type DeviceProblem } from './device.js';
import { byId, hide, onClick, setText, show, showStep } from './dom.js';
import { detectEnv } from './env.js';
import { IntegrityWatcher } from './integrity.js';
import { baseType, pickMimeType, TakeRecorder } from './recorder.js';
import { ResumableUpload } from './upload.js';

const PRACTICE: QuestionView = { id: 'practice', text: W.practiceQuestion, thinkSec: 15, answerSec: 30, retakes: 99 };
const MAX_REQUEST_BYTES = 512 * 1024;
const PRACTICED_KEY = 'interview-practiced';

let state = JSON.parse(byId('page-state').textContent ?? '{}') as PageState;
const api = createApi(state.token);
const env = detectEnv();
const integrity = new IntegrityWatcher((events, beacon) => api.integrity(events, beacon));

let media: { stream: MediaStream; kind: 'video' | 'audio' } | null = null;
let meter: LevelMeter | null = null;
let lastProblem: DeviceProblem | null = null;
let textMode = state.textFallback;
/** The upload in flight, if any: leaving the page now would lose the rest of the take. */
let activeUpload: ResumableUpload | null = null;
let countdown: Countdown | null = null;
let playbackUrl: string | null = null;

const q = {
  progress: byId('q-progress'), text: byId('q-text'), limits: byId('q-limits'), note: byId('q-note'),
  media: byId('q-media'), video: byId<HTMLVideoElement>('q-video'), playback: byId<HTMLVideoElement>('q-playback'), dot: byId('rec-dot'),
  timer: byId('q-timer'), timerLabel: byId('q-timer-label'), timerValue: byId('q-timer-value'), timerBar: byId('q-timer-bar'),
  live: byId('q-live'), textAnswer: byId('q-text-answer'), textarea: byId<HTMLTextAreaElement>('q-textarea'), count: byId('q-count'),
  status: byId('q-status'), upload: byId('q-upload'), uploadBar: byId('q-upload-bar'), error: byId('q-error'),
  start: byId<HTMLButtonElement>('q-start'), stop: byId<HTMLButtonElement>('q-stop'), keep: byId<HTMLButtonElement>('q-keep'),
  retryUpload: byId<HTMLButtonElement>('q-retry-upload'), submitText: byId<HTMLButtonElement>('q-submit-text'), retake: byId<HTMLButtonElement>('q-retake'),
  practiceDone: byId<HTMLButtonElement>('practice-done'), practiceAgain: byId<HTMLButtonElement>('practice-again'), practiceSkip: byId<HTMLButtonElement>('practice-skip'),
};

/** Each button's current action, replaced as the step changes (one listener per button). */
const actions = new Map<HTMLElement, () => void | Promise<void>>();
function bind(button: HTMLElement, action: () => void | Promise<void>): void {
  actions.set(button, action);
  show(button);
}
for (const b of [q.start, q.stop, q.keep, q.retryUpload, q.submitText, q.retake, q.practiceDone, q.practiceAgain, q.practiceSkip]) {
  onClick(b, async () => {
    const act = actions.get(b);
    if (act) await act();
  });
}

function announce(text: string): void {
  q.live.textContent = '';
  setTimeout(() => (q.live.textContent = text), 50);
}

function errorText(err: unknown): string {
  return err instanceof ApiError ? err.message : W.recorderError;
}

function consentValid(): boolean {
  return state.consent !== null && state.consent.version === state.consentVersion;
}

function answeredCount(): number {
  return state.questions.filter((x) => state.progress[x.id]?.state === 'answered').length;
}

function practiced(): boolean {
  try {
    return sessionStorage.getItem(PRACTICED_KEY) === state.token;
  } catch {
    return false;
  }
}

function markPracticed(): void {
  try {
    sessionStorage.setItem(PRACTICED_KEY, state.token);
  } catch {
    // private mode: the practice is offered again after a reload, which is harmless
  }
}

window.addEventListener('beforeunload', (e) => {
  if (activeUpload && activeUpload.sent < activeUpload.total) {
    e.preventDefault();
    e.returnValue = W.abandonedConfirm;
  }
});

// ------------------------------------------------------------------ welcome

function showWelcome(): void {
  const start = byId<HTMLButtonElement>('welcome-start');
  if (consentValid()) {
    setText(byId('h-welcome'), W.resumeTitle);
    setText(byId('welcome-how'), W.resumeText(answeredCount(), state.questions.length));
    hide(byId('welcome-steps'));
    setText(start, W.resumeStart);
  }
  start.disabled = false;
  onClick(start, () => {
    if (!consentValid()) return showConsent();
    if (textMode) return nextQuestion();
    return showDevice();
  });
  showStep('step-welcome');
}

// ------------------------------------------------------------------ consent

function showConsent(): void {
  const form = byId<HTMLFormElement>('consent-form');
  const error = byId('consent-error');
  const submit = byId<HTMLButtonElement>('consent-submit');
  form.addEventListener('change', () => setText(error, ''));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const review = form.querySelector<HTMLInputElement>('input[name=review]:checked')?.value as ReviewChoice | undefined;
    if (!review) {
      setText(error, W.consentNeedReview);
      form.querySelector<HTMLInputElement>('input[name=review]')?.focus();
      return;
    }
    if (!byId<HTMLInputElement>('consent-check').checked) {
      setText(error, W.consentNeedCheck);
      byId('consent-check').focus();
      return;
    }
    setText(error, '');
    submit.disabled = true;
    api.consent(state.consentVersion, review).then((s) => {
      state = s;
      showDevice();
    }, (err: unknown) => {
      setText(error, errorText(err));
      submit.disabled = false;
    });
  });
  showStep('step-consent');
}

// ------------------------------------------------------------------ device check

let deviceReady = false;

function showDevice(): void {
  if (!deviceReady) bindDevice();
  deviceReady = true;
  showStep('step-device');
}

function bindDevice(): void {
  const start = byId<HTMLButtonElement>('device-start');
  const next = byId<HTMLButtonElement>('device-next');
  const help = byId('device-help');
  const video = byId<HTMLVideoElement>('device-video');
  const cameraStatus = byId('camera-status');
  const micStatus = byId('mic-status');
  const micBar = byId('mic-bar');
  const net = byId('net-status');
  const textButton = byId<HTMLButtonElement>('text-mode');
  const fallback = byId<HTMLDetailsElement>('text-fallback');
  const checks = byId('device-checks');
  const intro = byId('device-intro');
  let heard = false;
  let confirmText = false;

  if (!env.canCapture || !env.canRecord || !env.secure) {
    // Say it at once: no point asking for a permission the browser cannot give.
    const problem: DeviceProblem = env.secure ? 'unsupported' : 'insecure';
    lastProblem = problem;
    help.replaceChildren(...helpFor(problem, problem, env).map((t) => Object.assign(document.createElement('p'), { textContent: t })));
    show(help);
    hide(intro);
    setText(start, W.deviceRetry);
    fallback.open = true;
  }

  onClick(start, async () => {
    start.disabled = true;
    hide(help);
    setText(cameraStatus, W.requestingPermission);
    meter?.stop();
    meter = new LevelMeter(); // inside the tap: iOS starts audio only from a user gesture
    stopStream(media?.stream ?? null);
    media = null;
    const opened = await openMedia(env);
    start.disabled = false;
    if (!opened.ok) {
      lastProblem = opened.problem;
      hide(checks);
      setText(cameraStatus, '');
      help.replaceChildren(...helpFor(opened.problem, opened.name, env).map((t) => Object.assign(document.createElement('p'), { textContent: t })));
      show(help);
      setText(start, W.deviceRetry);
      fallback.open = true;
      return;
    }
    lastProblem = null;
    hide(intro);
    show(checks);
    media = { stream: opened.stream, kind: opened.kind };
    video.srcObject = opened.stream;
    show(video.parentElement ?? video, opened.kind === 'video');
    setText(cameraStatus, opened.kind === 'video' ? W.cameraOk : W.cameraAudioOnly);
    setText(micStatus, W.micPrompt);
    meter.attach(opened.stream, (level) => {
      micBar.style.width = `${Math.round(level * 100)}%`;
      if (!heard && level > 0.08) {
        heard = true;
        setText(micStatus, W.micOk);
      }
    });
    setTimeout(() => {
      if (!heard && media) setText(micStatus, W.micQuiet);
    }, 8000);
    hide(start);
    setText(net, W.networkChecking);
    const r = await measureUpload((blob) => api.networkCheck(blob));
    setText(net, !r.ok ? W.networkFailed : r.kbps >= 1000 ? W.networkGood(r.kbps) : r.kbps >= 300 ? W.networkFair(r.kbps) : W.networkSlow(r.kbps));
    setText(next, r.ok ? W.deviceNext : W.deviceNextAnyway);
    show(next);
    next.focus();
  });

  onClick(next, () => {
    meter?.stop();
    meter = null;
    if (!practiced() && answeredCount() === 0) return runPractice();
    return nextQuestion();
  });

  onClick(textButton, async () => {
    if (!confirmText) {
      confirmText = true;
      const p = document.createElement('p');
      p.className = 'notice warn';
      p.textContent = W.textFallbackConfirm;
      textButton.before(p);
      setText(textButton, `确定，${W.textFallbackButton}`);
      return;
    }
    textButton.disabled = true;
    const reason: FallbackReason = lastProblem === null ? 'choice' : lastProblem === 'insecure' ? 'unsupported' : lastProblem;
    try {
      state = await api.textMode(reason);
      textMode = true;
      meter?.stop();
      stopStream(media?.stream ?? null);
      media = null;
      nextQuestion();
    } catch (err) {
      textButton.disabled = false;
      help.replaceChildren(Object.assign(document.createElement('p'), { textContent: errorText(err) }));
      show(help);
    }
  });
}

// ------------------------------------------------------------------ the question panel

function resetPanel(): void {
  countdown?.cancel();
  countdown = null;
  actions.clear();
  hide(q.start, q.stop, q.keep, q.retryUpload, q.submitText, q.retake, q.practiceDone, q.practiceAgain, q.practiceSkip, q.note, q.timer, q.dot, q.upload, q.textAnswer, q.playback);
  for (const b of [q.start, q.stop, q.keep, q.retryUpload, q.submitText, q.retake]) b.disabled = false;
  setText(q.status, '');
  setText(q.error, '');
  q.timer.classList.remove('recording');
  if (playbackUrl) URL.revokeObjectURL(playbackUrl);
  playbackUrl = null;
  q.playback.removeAttribute('src');
  const live = media?.kind === 'video';
  show(q.media, live);
  show(q.video, live);
  if (live && media && q.video.srcObject !== media.stream) q.video.srcObject = media.stream;
}

function header(question: QuestionView, index: number | null): void {
  setText(q.progress, index === null ? W.practiceTitle : W.questionProgress(index + 1, state.questions.length));
  setText(q.text, question.text);
  setText(q.limits, W.questionLimits(question.thinkSec, question.answerSec));
}

function note(text: string, tone: 'info' | 'warn' = 'info'): void {
  q.note.className = `notice ${tone}`;
  setText(q.note, text);
  show(q.note);
}

function timer(label: string, left: number, total: number, recording: boolean): void {
  show(q.timer);
  q.timer.classList.toggle('recording', recording);
  setText(q.timerLabel, label);
  setText(q.timerValue, formatClock(left));
  q.timerBar.style.width = `${Math.round(((total - left) / Math.max(1, total)) * 100)}%`;
}

function showPlayback(blob: Blob): void {
  if (playbackUrl) URL.revokeObjectURL(playbackUrl);
  playbackUrl = URL.createObjectURL(blob);
  q.playback.src = playbackUrl;
  // Chrome's recorder writes no duration: seek far once so the player learns it, then go back.
  q.playback.addEventListener('loadedmetadata', () => {
    if (q.playback.duration !== Infinity) return;
    q.playback.addEventListener('durationchange', () => (q.playback.currentTime = 0), { once: true });
    q.playback.currentTime = 1e101;
  }, { once: true });
  show(q.media);
  hide(q.video);
  show(q.playback);
}

interface Take {
  readonly question: QuestionView;
  readonly index: number | null;
  /** Usable takes spent before this one (real questions). */
  readonly takesUsed: number;
}

function think(take: Take): void {
  resetPanel();
  header(take.question, take.index);
  integrity.watch(take.index === null ? null : take.question.id);
  if (take.index === null) note(W.practiceNote);
  const begin = () => void record(take);
  countdown = new Countdown(take.question.thinkSec, (left, total) => {
    timer(W.thinkLabel, left, total, false);
    if (Math.ceil(left) === 10 && total > 15) announce(W.thinkLeft(10));
  }, begin);
  bind(q.start, begin);
  if (take.index === null) bind(q.practiceSkip, () => finishPractice());
  showStep('step-question');
  countdown.start();
}

async function record(take: Take): Promise<void> {
  const practice = take.index === null;
  resetPanel();
  header(take.question, take.index);
  if (!media) return showDevice();
  setText(q.status, W.preparing);
  const mimeType = pickMimeType(media.kind, env.ios);
  let attempt: AttemptView | null = null;
  if (!practice) {
    try {
      attempt = await api.startAttempt(take.question.id, mimeType);
    } catch (err) {
      setText(q.status, '');
      setText(q.error, errorText(err));
      if (err instanceof ApiError && err.status === 409) return refreshAndContinue();
      bind(q.retake, () => record(take));
      setText(q.retake, W.uploadRetry);
      return;
    }
  }
  const local: Blob[] = [];
  const upload = attempt ? newUpload(attempt) : null;
  activeUpload = upload;
  const recorder = new TakeRecorder(media.stream, mimeType, media.kind, (chunk) => (upload ? upload.push(chunk) : local.push(chunk)));
  recorder.start();
  show(q.dot);
  setText(q.status, '');
  announce(W.recordStarted(take.question.answerSec));
  let stopping = false;
  const stop = async (auto: boolean) => {
    if (stopping) return;
    stopping = true;
    countdown?.cancel();
    hide(q.stop, q.dot, q.timer);
    await recorder.stop();
    setText(q.status, auto ? W.recordAutoStopped : W.recordStopped);
    announce(auto ? W.recordAutoStopped : W.recordStopped);
    if (recorder.error) {
      setText(q.error, W.recorderError);
      bind(q.retake, () => record(take));
      setText(q.retake, W.retakeAgain);
      return;
    }
    if (practice || !upload || !attempt) return reviewPractice(take, new Blob(local, { type: baseType(recorder.mimeType || mimeType) }));
    return finishUpload(take, attempt, upload);
  };
  countdown = new Countdown(take.question.answerSec, (left, total) => {
    timer(W.recordLabel, left, total, true);
    const s = Math.ceil(left);
    if ((s === 30 && total > 45) || s === 10) announce(W.recordWarn(s));
  }, () => void stop(true));
  bind(q.stop, () => stop(false));
  countdown.start();
}

function newUpload(attempt: AttemptView): ResumableUpload {
  return new ResumableUpload(
    {
      send: (offset, data) => api.chunk(attempt.recordingId, offset, data, attempt.mimeType),
      received: async () => (await api.attempt(attempt.recordingId)).receivedBytes,
    },
    {
      maxRequestBytes: Math.min(MAX_REQUEST_BYTES, state.limits.maxChunkBytes),
      mimeType: attempt.mimeType,
      onProgress(sent, total) {
        q.uploadBar.style.width = `${total === 0 ? 0 : Math.round((sent / total) * 100)}%`;
        if (!q.upload.hidden) setText(q.status, W.uploading(total === 0 ? 0 : Math.floor((sent / total) * 100)));
      },
      onStatus(status, error) {
        if (status === 'retrying') {
          setText(q.error, W.uploadRetrying);
        } else if (status === 'uploading' || status === 'done') {
          setText(q.error, '');
        } else if (status === 'failed') {
          setText(q.error, error?.message ?? W.uploadFailed);
        }
      },
    },
  );
}

async function finishUpload(take: Take, attempt: AttemptView, upload: ResumableUpload): Promise<void> {
  show(q.upload);
  setText(q.status, W.uploading(upload.total === 0 ? 0 : Math.floor((upload.sent / upload.total) * 100)));
  bind(q.retryUpload, () => upload.retryNow());
  hide(q.retryUpload);
  const slow = setTimeout(() => show(q.retryUpload), 15_000);
  try {
    await upload.finish();
  } catch (err) {
    clearTimeout(slow);
    activeUpload = null;
    setText(q.error, errorText(err));
    hide(q.retryUpload, q.upload);
    offerRetake(take, take.takesUsed, true);
    return;
  }
  clearTimeout(slow);
  hide(q.retryUpload);
  setText(q.status, W.uploadChecking);
  let checked: AttemptView & { error?: string };
  try {
    checked = await completeWithRetry(attempt.recordingId, upload.total);
  } catch (err) {
    setText(q.error, errorText(err));
    bind(q.retryUpload, () => finishUpload(take, attempt, upload));
    return;
  } finally {
    activeUpload = null;
  }
  hide(q.upload);
  if (checked.status === 'rejected') {
    setText(q.status, '');
    setText(q.error, checked.error ?? W.rejectedRecording(checked.rejectReason ?? W.errBadMedia));
    offerRetake(take, take.takesUsed, true);
    return;
  }
  setText(q.status, W.uploadDone(checked.durationSec ?? 0));
  showPlayback(upload.blob());
  offerKeep(take, checked.recordingId, take.takesUsed + 1);
}

/** The server may be assembling the take after a retried request: ask again a few times. */
async function completeWithRetry(recordingId: string, total: number): Promise<AttemptView & { error?: string }> {
  for (let i = 0; ; i += 1) {
    try {
      return await api.complete(recordingId, total);
    } catch (err) {
      if (!(err instanceof ApiError) || i >= 8 || !(err.retryable || err.status === 409)) throw err;
      await new Promise((r) => setTimeout(r, Math.min(8000, 500 * 2 ** i)));
    }
  }
}

function isLast(take: Take): boolean {
  return state.questions.filter((x) => x.id !== take.question.id && state.progress[x.id]?.state !== 'answered').length === 0;
}

function offerKeep(take: Take, recordingId: string, takesUsed: number): void {
  const allowed = 1 + take.question.retakes;
  setText(q.keep, isLast(take) ? W.keepLastButton : W.keepButton);
  bind(q.keep, async () => {
    q.keep.disabled = true;
    q.retake.disabled = true;
    setText(q.status, W.keepSaving);
    try {
      state = await api.keep(recordingId);
      afterAnswer();
    } catch (err) {
      setText(q.error, errorText(err));
      if (err instanceof ApiError && err.status === 409) return refreshAndContinue();
      q.keep.disabled = false;
      q.retake.disabled = false;
    }
  });
  offerRetake(take, takesUsed, false);
  if (takesUsed >= allowed) note(W.noRetakesLeft, 'info');
}

/** `free`: the last take did not count (it failed), so the same number of takes is left. */
function offerRetake(take: Take, takesUsed: number, free: boolean): void {
  const left = 1 + take.question.retakes - takesUsed - (free ? 1 : 0);
  if (left < 0 || (!free && left === 0)) return;
  setText(q.retake, free ? W.retakeAgain : W.retakeButton(left));
  bind(q.retake, () => record({ ...take, takesUsed }));
}

// ------------------------------------------------------------------ practice

function runPractice(): void {
  think({ question: PRACTICE, index: null, takesUsed: 0 });
}

function reviewPractice(take: Take, blob: Blob): void {
  showPlayback(blob);
  note(W.practiceNote);
  bind(q.practiceDone, () => finishPractice());
  bind(q.practiceAgain, () => think(take));
  q.practiceDone.focus();
}

function finishPractice(): void {
  markPracticed();
  nextQuestion();
}

// ------------------------------------------------------------------ questions

function nextQuestion(): void {
  const index = state.questions.findIndex((x) => state.progress[x.id]?.state !== 'answered');
  const question = state.questions[index];
  if (state.completed || !question) return showDone();
  const progress = state.progress[question.id];
  const takesUsed = progress?.state === 'open' ? progress.takesUsed : 0;
  const take: Take = { question, index, takesUsed };
  if (textMode) return textAnswer(take);
  if (!media) return showDevice();
  if (progress?.state === 'open' && progress.pending) return reviewPending(take, progress.pending);
  think(take);
}

/** A take finished before the page was closed: keep it, or record again. */
function reviewPending(take: Take, pending: AttemptView): void {
  resetPanel();
  header(take.question, take.index);
  integrity.watch(take.question.id);
  hide(q.media);
  note(W.previousAttempt);
  if (pending.durationSec !== null) setText(q.status, W.uploadDone(pending.durationSec));
  offerKeep(take, pending.recordingId, take.takesUsed);
  showStep('step-question');
}

function textAnswer(take: Take): void {
  resetPanel();
  header(take.question, take.index);
  setText(q.limits, W.textAnswerHint);
  integrity.watch(take.question.id);
  hide(q.media);
  note(W.textModeNote);
  show(q.textAnswer);
  const max = state.limits.maxTextChars;
  q.textarea.maxLength = max;
  q.textarea.value = '';
  const count = () => setText(q.count, W.textCount([...q.textarea.value].length, max));
  q.textarea.oninput = count;
  q.textarea.onpaste = (e: ClipboardEvent) => integrity.pasted([...(e.clipboardData?.getData('text') ?? '')].length);
  count();
  setText(q.submitText, isLast(take) ? W.textSubmitLast : W.textSubmit);
  bind(q.submitText, async () => {
    const text = q.textarea.value.trim();
    if (!text) {
      setText(q.error, W.textEmpty);
      q.textarea.focus();
      return;
    }
    q.submitText.disabled = true;
    setText(q.error, '');
    setText(q.status, W.keepSaving);
    try {
      state = await api.text(take.question.id, text);
      afterAnswer();
    } catch (err) {
      q.submitText.disabled = false;
      setText(q.status, '');
      setText(q.error, errorText(err));
      if (err instanceof ApiError && err.status === 409) return refreshAndContinue();
    }
  });
  showStep('step-question');
}

async function refreshAndContinue(): Promise<void> {
  try {
    state = await api.state();
    textMode = state.textFallback;
    setTimeout(() => afterAnswer(), 1500);
  } catch (err) {
    setText(q.error, errorText(err));
  }
}

function afterAnswer(): void {
  if (state.completed) return showDone();
  nextQuestion();
}

// ------------------------------------------------------------------ done

function showDone(): void {
  resetPanel();
  integrity.watch(null);
  meter?.stop();
  stopStream(media?.stream ?? null);
  media = null;
  showStep('step-done');
}

if (state.completed) showDone();
else showWelcome();
