/**
 * Every word the candidate's video interview page says, in one place: the
 * server renders the static steps from it and the browser script imports it
 * for what changes (countdowns, upload progress, device help). Pure data and
 * pure functions only — this file is bundled into the page too.
 */

/** Bump when the notice's meaning changes; the stored consent names the version the candidate saw. */
export const CONSENT_TEXT_VERSION = '2026-11-v1';

/** The version string stored with a consent: the text version plus the retention period it stated. */
export function consentVersion(retentionDays: number): string {
  return `${CONSENT_TEXT_VERSION}/r${retentionDays}`;
}

export const W = {
  pageTitle: '视频面试',
  noScript: '这个页面需要启用 JavaScript 才能录制回答。请换用手机自带的浏览器打开这个链接。',
  loading: '正在加载…',

  // welcome
  welcomeTitle: '欢迎参加视频面试',
  welcomeHow: '你会看到几道题目。每道题先有一段准备时间，然后开始录制回答，时间到会自动停止。',
  welcomeSteps: ['阅读录制说明并同意', '检查摄像头、麦克风和网络', '做一道练习题（不保存）', '正式答题'],
  welcomeTips: '请找一个安静、光线充足的地方，保持网络畅通。中途关闭页面也没关系，用同一个链接打开会从没答完的题继续。',
  welcomeStart: '开始',
  resumeTitle: '继续面试',
  resumeText: (done: number, total: number) => `你已完成 ${done} / ${total} 题，接下来从第 ${done + 1} 题继续。`,
  resumeStart: '继续',

  // notice and consent
  consentTitle: '录制说明',
  consentWhatTitle: '录制什么',
  consentWhat: '正式答题时，会录制你回答每道题的视频和声音。练习题只在你的手机上回放，不会上传。',
  consentHowTitle: '如何评估',
  consentHow: [
    '系统会把你的回答转成文字，按这道题的评分要点给出参考评分，并标出依据的原话；同时统计语速、停顿等客观数据。',
    '系统不会从表情、长相或声音去推断情绪、性格、年龄或性别。',
    '画面只用于确认是本人独立作答（比如画面里没有人或有多人），仅供 HR 参考。',
    '所有评分都只是参考，是否进入下一轮由 HR 决定。',
  ],
  consentKeepTitle: '保存多久',
  consentKeep: (days: number) => `录像、回答文字和评分会保存 ${days} 天，到期自动删除。`,
  consentDelete: '你随时可以申请删除：在完成页或面试邀请页点「申请删除我的资料」。我们会在 30 天内删除。',
  consentDeleteLink: '现在就申请删除',
  consentIntegrityTitle: '答题期间的记录',
  consentIntegrity: '答题期间如果离开页面（比如切换到其他应用）或在文字回答里粘贴内容，系统会记下时间，供 HR 参考，不会因此自动淘汰。',
  reviewLegend: '你希望怎样评估你的回答？',
  reviewAi: 'AI 辅助评估，HR 复核',
  reviewAiHint: '系统先给出带依据的参考评分，再由 HR 查看录像做决定。',
  reviewHuman: '只由 HR 人工评估',
  reviewHumanHint: '系统不评分，由 HR 直接观看录像评估。选哪种都不影响结果。',
  consentCheck: '我已阅读以上说明，同意录制我的回答',
  consentSubmit: '同意并继续',
  consentNeedReview: '请选择评估方式。',
  consentNeedCheck: '请先勾选「我已阅读以上说明」。',
  consentSaved: '已保存你的选择。',

  // device check
  deviceTitle: '检查设备',
  deviceIntro: '点「开始检测」后，浏览器会询问能否使用摄像头和麦克风，请选择「允许」。',
  deviceStart: '开始检测',
  deviceRetry: '重新检测',
  cameraLabel: '摄像头画面',
  cameraOk: '摄像头正常。',
  cameraAudioOnly: '没有找到摄像头，将只录制声音。',
  micLabel: '麦克风音量',
  micPrompt: '请说句话，看看音量条有没有动。',
  micOk: '麦克风正常，听到你的声音了。',
  micQuiet: '还没听到声音。请靠近手机说话；如果一直没有反应，请检查是否静音或换一副耳机。',
  networkLabel: '网络',
  networkChecking: '正在检测…',
  networkGood: (kbps: number) => `良好（上传约 ${formatSpeed(kbps)}）。`,
  networkFair: (kbps: number) => `一般（上传约 ${formatSpeed(kbps)}）。录像会边录边传，最后可能需要多等一会。`,
  networkSlow: (kbps: number) => `较慢（上传约 ${formatSpeed(kbps)}）。建议连上 Wi-Fi；录像会边录边传，中断了也会自动续传。`,
  networkFailed: '检测失败。请检查网络连接；也可以先继续，录像会边录边传。',
  deviceNext: '设备正常，下一步',
  deviceNextAnyway: '继续',
  requestingPermission: '正在请求摄像头和麦克风权限…',

  helpDenied: '你没有允许使用摄像头或麦克风。',
  helpDeniedSteps: '请在浏览器或手机设置里允许这个网页使用摄像头和麦克风，然后点「重新检测」。',
  helpIosSettings: 'iPhone：打开「设置」→「微信」（或「Safari 浏览器」）→ 打开「相机」和「麦克风」。',
  helpAndroidSettings: '安卓手机：打开「设置」→「应用」→「微信」（或你的浏览器）→「权限」→ 允许「相机」和「麦克风」。',
  helpWechat: '在微信或企业微信里打开的：也可以点右上角「···」，选择「在浏览器打开」，换到手机浏览器里录制。',
  helpWechatIos: '在 iPhone 微信里：点右上角「···」，选择「在 Safari 中打开」。',
  helpUnsupported: '当前浏览器不支持录像（部分 iPhone 微信版本、较旧的浏览器都是这样）。',
  helpUnsupportedSteps: '请换用手机自带的浏览器（iPhone 用 Safari，安卓用 Chrome 或系统浏览器）打开同一个链接。',
  helpNoDevice: '没有找到摄像头和麦克风。请确认设备已连接，或换一台手机试试。',
  helpBusy: '摄像头或麦克风正被其他应用使用。请关闭正在通话或录像的应用后重新检测。',
  helpOther: (name: string) => `无法打开摄像头或麦克风（${name}）。请重新检测，或换一个浏览器打开。`,
  helpInsecure: '这个页面需要通过 https 打开才能使用摄像头。请从邀请消息里的链接重新打开。',

  textFallbackSummary: '无法录制？改用文字作答',
  textFallbackText: '如果试过以上方法仍然无法录制，可以改用文字回答每道题。评估方式和录像回答相同；HR 会知道你使用了文字作答。',
  textFallbackButton: '改用文字作答',
  textFallbackConfirm: '改用文字作答后，剩下的题目都用文字回答，不能再改回录像。确定吗？',

  // practice
  practiceTitle: '练习题',
  practiceNote: '练习不会上传，也不计入结果。熟悉一下流程：先准备，再录制，然后可以回放看看效果。',
  practiceQuestion: '请用一两句话介绍一下你自己。',
  practiceAgain: '再练一次',
  practiceDone: '开始正式答题',
  practiceSkip: '跳过练习',
  practicePlayback: '练习回放',

  // questions
  questionProgress: (i: number, n: number) => `第 ${i} / ${n} 题`,
  questionLimits: (thinkSec: number, answerSec: number) => `准备 ${formatDuration(thinkSec)}，回答最长 ${formatDuration(answerSec)}`,
  thinkLabel: '准备时间',
  thinkLeft: (s: number) => `准备时间还剩 ${formatClock(s)}`,
  thinkSkip: '准备好了，开始录制',
  recordLabel: '录制中',
  recordLeft: (s: number) => `剩余 ${formatClock(s)}`,
  recordStarted: (answerSec: number) => `开始录制，最长 ${formatDuration(answerSec)}。`,
  recordWarn: (s: number) => `还剩 ${s} 秒。`,
  recordStop: '完成回答',
  recordAutoStopped: '时间到，已自动停止录制。',
  recordStopped: '已停止录制。',
  preparing: '正在准备录制…',
  uploading: (pct: number) => `正在上传 ${pct}%`,
  uploadRetrying: '网络不稳定，正在重新连接并续传…',
  uploadChecking: '上传完成，正在检查录像…',
  uploadDone: (sec: number) => `录像已保存（${formatDuration(Math.round(sec))}）。`,
  uploadFailed: '上传没有成功。请检查网络，然后点「重试上传」。',
  uploadRetry: '重试上传',
  retakeButton: (left: number) => `重录（还可以重录 ${left} 次）`,
  retakeAgain: '重新录制',
  noRetakesLeft: '这道题的重录次数已用完。',
  keepButton: '提交这个回答，下一题',
  keepLastButton: '提交这个回答，完成面试',
  keepSaving: '正在提交…',
  previousAttempt: '你上次录好了这道题的回答，可以直接提交，或者重录。',
  playbackLabel: '回放你的回答',
  recorderError: '录制出错了，请重录这道题。',
  rejectedRecording: (reason: string) => `这段录像无法使用：${reason}。请重录，这次不计入重录次数。`,
  abandonedConfirm: '页面离开后会丢失还没上传完的录像，确定离开吗？',

  // text answers
  textAnswerLabel: '你的回答',
  textAnswerHint: '写清楚当时的情况、你做了什么、结果如何。请在截止时间前提交。',
  textCount: (n: number, max: number) => `${n} / ${max} 字`,
  textSubmit: '提交回答，下一题',
  textSubmitLast: '提交回答，完成面试',
  textEmpty: '请先写下你的回答。',
  textModeNote: '你正在用文字作答。',

  // done
  doneTitle: '面试已完成',
  doneThanks: '感谢你花时间参加面试！你的回答已经提交。',
  doneNextTitle: '接下来',
  doneNext: [
    'HR 会查看你的回答，并通过邀请你的渠道联系你。',
    '回答提交后不能再修改或重录。',
  ],
  doneKeep: (days: number) => `你的录像和回答会保存 ${days} 天，到期自动删除。`,
  doneDelete: '申请删除我的资料',
  doneBackToInvite: '查看面试信息',

  // closed states (server-rendered)
  closedTitle: '面试已结束',
  closedCancelled: '这场面试已取消。如有疑问，请联系邀请你的 HR。',
  closedExpired: '这场视频面试的截止时间已过。如需继续，请联系邀请你的 HR。',
  closedNoShow: '这场视频面试未在截止时间前完成。如需继续，请联系邀请你的 HR。',
  closedDeletion: '你已申请删除个人资料，面试已停止。我们会尽快删除你的资料。',
  notVideoTitle: '不是视频面试',
  notVideo: '这场面试不需要在线录制。请打开面试邀请查看时间和地点。',
  noQuestionsTitle: '题目还没准备好',
  noQuestions: '这个岗位的面试题目还没有设置好。请稍后再打开，或联系邀请你的 HR。',

  // API refusals
  errNotVideo: '这场面试不是视频面试。',
  errCompleted: '面试已完成，不能再修改回答。',
  errClosed: '面试已结束或已取消，不能再提交回答。',
  errDeletion: '你已申请删除个人资料，不能再提交回答。',
  errNoConsent: '请先阅读录制说明并同意。',
  errConsentVersion: '录制说明已更新，请刷新页面后重新阅读。',
  errNoQuestion: '没有这道题。',
  errAnswered: '这道题已经提交过了。',
  errNoRetakes: '这道题的重录次数已用完。',
  errTooManyAttempts: '这道题的录制次数过多，请联系 HR。',
  errNoRecording: '没有找到这段录像。',
  errType: '不支持这种录像格式。',
  errChunkTooLarge: (mib: number) => `单次上传不能超过 ${mib} MiB。`,
  errTotalTooLarge: '这段录像超过了这道题允许的大小。',
  errOffset: '上传位置不对，请从服务器已收到的位置继续。',
  errNotUploading: '这段录像已经上传完成或已作废。',
  errIncomplete: '录像还没有上传完整。',
  errBusy: '正在处理这段录像，请稍候再试。',
  errNotComplete: '这段录像还没有检查完成，不能提交。',
  errTextMode: '请先选择改用文字作答。',
  errTextTooLong: (max: number) => `回答不能超过 ${max} 字。`,
  errBadMedia: '文件不是可播放的录像',
  errNoAudio: '没有录到声音',
  errTooLong: '录像比这道题允许的时间长',
  errTooShort: '录像太短',
  errNotStarted: '请先开始面试。',

  // HR notice
  hrDone: (candidate: string, job: string, count: number, textCount: number, integrityCount: number) =>
    `${candidate} 已完成「${job}」视频面试（${count} 题${textCount > 0 ? `，其中 ${textCount} 题因无法录制改用文字作答` : ''}）。`
    + (integrityCount > 0 ? `答题期间有 ${integrityCount} 次离开页面或粘贴的记录，仅供参考。` : '')
    + '评分报告生成后会再通知你。',
} as const;

/** Integrity detail texts (stored on the interview, shown to HR). */
export const INTEGRITY_DETAIL = {
  away: (sec: number) => `离开页面约 ${sec} 秒`,
  paste: (chars: number) => `粘贴了 ${chars} 个字`,
  fallbackReason: {
    denied: '未授权摄像头或麦克风',
    unsupported: '浏览器不支持录像',
    no_device: '没有摄像头和麦克风',
    busy: '设备被占用',
    error: '设备出错',
    choice: '候选人选择文字作答',
  },
} as const;

export type FallbackReason = keyof typeof INTEGRITY_DETAIL.fallbackReason;

/** 90 → "1 分 30 秒", 120 → "2 分钟", 45 → "45 秒". */
export function formatDuration(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  return r === 0 ? `${m} 分钟` : `${m} 分 ${r} 秒`;
}

/** 83 → "1:23". */
export function formatClock(sec: number): string {
  const s = Math.max(0, Math.ceil(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function formatSpeed(kbps: number): string {
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbps` : `${Math.round(kbps)} kbps`;
}

/** About how long the whole interview takes, in whole minutes (checks and practice included). */
export function estimateMinutes(questions: ReadonlyArray<{ readonly thinkSec: number; readonly answerSec: number }>): number {
  const sec = questions.reduce((sum, q) => sum + q.thinkSec + q.answerSec + 20, 0) + 4 * 60;
  return Math.max(5, Math.ceil(sec / 60));
}
