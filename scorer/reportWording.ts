/**
 * Every Chinese line the worker writes for HR: the WeCom card when a report is
 * ready or scoring failed, and how the overall was computed. Short, plain,
 * and always clear that the score is advice and HR decides.
 */
export const REPORT_WORDING = {
  /** The card title, e.g. 张伟 · 产品经理 · 综合 78. */
  headline(name: string, jobTitle: string, overall: number | null, mode: 'ai' | 'human'): string {
    const tail = mode === 'human' ? '人工评审' : overall === null ? '无综合分' : `综合 ${overall}`;
    return `${name} · ${jobTitle} · ${tail}`;
  },
  readyDescription(rated: number, total: number, mode: 'ai' | 'human', attention: readonly string[]): string {
    const first = mode === 'human'
      ? '视频面试已完成。候选人选择了仅人工评审：系统没有打分，请观看录像后评分。'
      : `视频面试报告已生成：${total} 题中 ${rated} 题有内容评分。`;
    const notes = attention.length > 0 ? `需要留意：${attention.join('；')}。` : '';
    return `${first}${notes}评分仅供参考，是否录用由你决定。`;
  },
  button: '查看报告',
  failedTitle: (name: string, jobTitle: string): string => `${name} · ${jobTitle} · 评分未完成`,
  failedDescription: (attempts: number, error: string): string =>
    `自动评分尝试 ${attempts} 次后仍未完成（${error}）。录像已保存，可以在报告页直接观看，再做决定。`,
  failedButton: '查看录像',

  /** Integrity and quality notes worth a line on the card. */
  attention: {
    multiple_faces: '画面中出现多人',
    no_face_long: '较长时间画面中没有人',
    faces_failed: '画面检查未完成',
    insufficient_data: '有回答信息不足，未计分',
    content_not_rated: '有回答的内容未评分',
    missing_answers: '有题目未作答',
    text_answers: '有文字作答',
    asr_failed: '语音转写失败',
  } as Readonly<Record<string, string>>,

  skipped: {
    notFound: '面试记录不存在',
    notVideo: '不是视频面试，没有可评分的录像',
    deleted: '候选人已申请删除或录像已清除，不再评分',
    noJob: '岗位不存在或没有题目',
  },
  tooManyAttempts: (attempts: number): string => `处理中断 ${attempts} 次（进程崩溃或超时），已停止重试`,
} as const;
