/**
 * Every Chinese string of HR's report page and job ranking page. Labels
 * describe the answer and the recording, never the person: nothing here
 * speaks of emotion, personality, age or gender.
 */
export const RW = {
  pageTitle: (name: string) => `面试报告：${name}`,
  rankingTitle: (job: string) => `候选人排名：${job}`,
  nav: { jobs: '岗位列表', ranking: '本岗位候选人' },
  advice: '评分只是参考，不是录用决定。请观看录像、结合人工评分后再做决定。',
  humanOnly: '候选人选择了“仅人工评审”：系统没有对回答做任何 AI 评分，请观看录像后人工评分。',
  demoData: '这是演示数据，不是真实候选人的结果。',
  overall: '综合分',
  noOverall: '无综合分',
  outOf: '/ 100',
  /** How the overall was computed, under the number. */
  overallMethod(rated: number, total: number, minRated: number, overall: number | null): string {
    if (overall === null) {
      return rated === 0
        ? '没有一题得到内容评分，所以不给综合分。'
        : `只有 ${rated}/${total} 题得到内容评分，少于 ${minRated} 题，不给综合分，以免少数题目代表整场面试。`;
    }
    const base = `综合分 = 有内容评分的 ${rated} 题的平均分（每题权重相同）。`;
    return rated < total
      ? `${base}信息不足、内容未评分或未作答的 ${total - rated} 题不计入，也不按 0 分计；请结合录像判断。`
      : base;
  },
  overallLegacy: '综合分 = 各题内容分的平均。',
  humanAverage: (avg: string, n: number) => `人工评分平均 ${avg} / 5（${n} 题）`,
  scoring: {
    queued: '评分排队中，完成后会通过企业微信通知你。',
    running: '正在评分，通常几分钟内完成。',
    failed: (err: string) => `自动评分没有完成（${err}）。可以直接观看录像、做出决定。`,
    none: '候选人还没有提交全部回答，暂无评分。',
    skipped: (note: string) => `没有评分：${note}`,
  },
  interviewInfo: (job: string, when: string) => `${job} · ${when} 完成`,
  notCompleted: '面试尚未完成',
  question: (n: number) => `第 ${n} 题`,
  competency: (c: string) => `考察：${c}`,
  answerKind: { video: '视频回答', audio: '录音回答', text: '文字作答（设备无法录像）', missing: '未作答' } as Readonly<Record<string, string>>,
  noMedia: '录像已删除或无法播放。',
  playerLabel: (n: number) => `第 ${n} 题录像`,
  typedAnswer: '候选人的文字回答',
  outcome: {
    rated: '已评分',
    insufficient_data: '信息不足，不计分',
    not_rated: '内容未评分',
    missing: '未作答',
    human_review: '人工评审',
  } as Readonly<Record<string, string>>,
  answerScore: '本题内容分',
  notCounted: '（录音质量不足，本分数不计入综合分，仅供参考）',
  weight: (w: number) => `计入综合分的权重 ${Math.round(w * 100)}%`,
  dimensionsTitle: '分项评分',
  dimension: { coverage: '要点覆盖', structure: '条理结构', relevance: '切题程度', coherence: '表达清晰' } as Readonly<Record<string, string>>,
  dimensionWeight: (w: number) => `权重 ${Math.round(w * 100)}%`,
  evidence: (n: number) => `依据的原话（${n} 句）`,
  keyPointsSummary: (covered: number, total: number) => `答题要点：覆盖 ${covered}/${total}`,
  keyPointStatus: { covered: '已覆盖', partial: '部分覆盖', missing: '未提到' } as Readonly<Record<string, string>>,
  adjustments: '封顶规则',
  adjustment: (flag: string, before: number, after: number) => `${flag}：${before} → ${after}`,
  transcriptTitle: '转写文字',
  transcriptState: {
    not_configured: '未配置语音转写，内容没有评分。',
    skipped: '没有可转写的说话声。',
    failed: '语音转写失败，内容没有评分。',
  } as Readonly<Record<string, string>>,
  deliveryTitle: '表达数据（只是测量，不计入分数）',
  delivery: {
    duration: (s: number) => `时长 ${s.toFixed(0)} 秒`,
    speaking: (s: number, share: number) => `说话 ${s.toFixed(0)} 秒（${Math.round(share * 100)}%）`,
    pauses: (n: number, longest: number) => `停顿 ${n} 次，最长 ${longest.toFixed(1)} 秒`,
    rate: (cpm: number) => `语速 每分钟 ${Math.round(cpm)} 字`,
    steadiness: (x: number) => `音量平稳度 ${x}/100`,
  },
  integrityTitle: '画面与录音检查',
  integrityOk: '没有发现画面问题。',
  integrityNote: '这些提示只用于核对（例如画面里没人、出现第二个人），不会自动淘汰候选人，请看录像判断。',
  integrityEvents: (parts: string) => `作答时的页面记录：${parts}（可能有正常原因，仅供核对）`,
  integrityEvent: { page_hidden: '离开页面', tab_switched: '切换标签页', paste: '粘贴文字', blur: '窗口失去焦点', text_fallback: '改为文字作答' } as Readonly<Record<string, string>>,
  times: (n: number) => `${n} 次`,
  flags: {
    insufficient_data: '信息不足', too_short: '回答太短', unintelligible: '无法辨认', keyword_stuffing: '堆砌关键词', off_topic: '答非所问',
    filler_heavy: '口头禅较多', no_example: '没有具体经历', repetitive: '重复较多', content_not_rated: '内容未评分', asr_failed: '语音转写失败',
    audio_insufficient: '录音质量不足', no_face_long: '较长时间画面中没有人', multiple_faces: '画面中出现多人', faces_failed: '画面检查未完成',
    missing: '未作答', unreadable: '录像无法读取', human_review: '仅人工评审', text_answers: '有文字作答', missing_answers: '有题目未作答',
    partial_overall: '综合分只基于部分题目', no_overall: '无综合分', demo_data: '演示数据',
  } as Readonly<Record<string, string>>,
  humanTitle: '人工评分',
  humanNone: '还没有人工评分。',
  humanBy: (who: string, when: string) => `${who} · ${when}`,
  humanScale: { 5: '5 优秀', 4: '4 良好', 3: '3 一般', 2: '2 较弱', 1: '1 差' } as Readonly<Record<number, string>>,
  humanScoreLabel: '你的评分（1–5）',
  humanNoteLabel: '备注（选填）',
  humanSave: '保存评分',
  humanNeedsReport: '报告生成后才能录入人工评分。',
  decisionTitle: '决定',
  decisionNone: '还没有决定。',
  decisionCurrent: (label: string, who: string, when: string) => `当前：${label}（${who}，${when}）`,
  decisionLabels: { advance: '进入下一轮', reject: '不合适', hold: '待定' } as Readonly<Record<string, string>>,
  reasonLabel: '理由（必填，会记录在案）',
  reasonPlaceholder: '例如：第 2 题的排查思路清楚，进入技术面',
  decisionHrOnly: '决定由 HR 做出；面试官可以录入人工评分。',
  notices: {
    rated: '人工评分已保存。',
    decided: '决定已保存并记录。',
  } as Readonly<Record<string, string>>,
  errors: {
    notFound: '没有找到这场面试。',
    forbidden: '抱歉，这份面试报告只对 HR 和本场面试的面试官开放。',
    notSameSite: '请从报告页面操作。',
    reasonRequired: '请填写理由：每个决定都需要说明原因。',
    badDecision: '请选择一个决定。',
    badScore: '评分应为 1 到 5 的整数。',
    unknownQuestion: '没有这道题。',
    noReport: '报告还没有生成，暂时不能录入人工评分。',
    decisionChanged: '这场面试的决定刚被别人修改过，请刷新页面看看最新情况后再操作。',
    decisionHrOnly: '只有 HR 可以做出决定。',
    recordingNotFound: '没有找到这段录像，可能已经按保留期限删除。',
    rangeNotSatisfiable: '请求的范围超出了录像长度。',
    jobNotFound: '没有找到这个岗位。',
    rankingHrOnly: '抱歉，候选人排名只对 HR 开放。',
  },
} as const;

/** Wording of the job ranking page. */
export const JW = {
  funnelTitle: '招聘漏斗（单向视频面试）',
  funnel: { invited: '已邀请', completed: '已完成', scored: '已出报告', decided: '已决定' } as Readonly<Record<string, string>>,
  listTitle: '候选人（按综合分排序）',
  filtersTitle: '筛选',
  filterStatus: '面试状态',
  filterDecision: '决定',
  filterMin: '最低分',
  filterMax: '最高分',
  filterAny: '全部',
  filterNoDecision: '未决定',
  filterApply: '筛选',
  filterReset: '清除筛选',
  empty: '没有符合条件的候选人。',
  noCandidates: '这个岗位还没有视频面试。',
  status: {
    scheduled: '已邀请', confirmed: '已确认', declined: '已拒绝', cancelled: '已取消', in_progress: '作答中', completed: '已完成', no_show: '未参加',
  } as Readonly<Record<string, string>>,
  scoring: { report: '已出报告', queued: '排队评分', running: '评分中', failed: '评分失败', none: '未出报告', skipped: '未评分' } as Readonly<Record<string, string>>,
  percentile: (p: number) => `超过本岗位 ${p}% 的已评分候选人`,
  humanOnly: '人工评审',
  noScore: '无综合分',
  human: (avg: string) => `人工 ${avg}/5`,
  group: (g: string) => `分组：${g}`,
  openReport: '查看报告',
  rankingNote: '排名只按综合分（回答内容）排序，供参考；选择“仅人工评审”的候选人没有综合分，列在最后，请逐个查看。',
  fairnessTitle: '公平性检查（按候选人分组）',
  fairnessHow: (minSize: number, d: number, sdFloor: number) =>
    `做法：比较平均分最高和最低的两个分组，用“标准化差”（两组平均分之差 ÷ 合并标准差，即 Cohen's d；标准差至少按 ${sdFloor} 分算）衡量差异，达到 ${d} 时提示差异较大。少于 ${minSize} 人的分组和未分组的候选人只列出，不作判断。分组是 HR 在候选人资料里填写的（例如 校招 / 社招），系统从不推断。`,
  fairnessHeader: { group: '分组', n: '人数', median: '中位数', mean: '平均分' },
  fairnessTooSmall: '人数太少，不作判断',
  fairnessWarn: (low: string, high: string, gap: number, d: number) =>
    `注意：“${low}”的平均分比“${high}”低 ${gap} 分（标准化差 ${d}），差异较大。请检查题目和评分是否对这一组不利，再做决定。`,
  fairnessOk: (low: string, high: string, gap: number, d: number) => `各分组差异不大（“${low}”与“${high}”平均分相差 ${gap} 分，标准化差 ${d}）。`,
  fairnessNotEnough: '可比较的分组不足两个（每组至少需要达到人数下限），暂不判断。',
  ungrouped: '未分组',
} as const;
