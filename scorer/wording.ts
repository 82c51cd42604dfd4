/**
 * The Chinese lines `analyzeAnswer` adds for HR about what could and could not
 * be analysed. When the content was not rated, the report says so plainly,
 * and never shows a number in its place.
 */
export const ANALYSIS_NOTES = {
  asrNotConfigured: '未配置语音转写：本题只分析了表达（说话时长、停顿、音量），内容没有评分',
  asrFailed: (why: string): string => `语音转写失败（${why}）：内容没有评分，可稍后重试或人工听录音`,
  noAudio: '录像没有声音：内容和表达都无法分析，请人工查看录像',
  noSpeech: '录音中没有可分析的说话声，内容没有评分',
  facesFailed: '人脸检测未能完成：没有画面完整性提示，请人工查看录像',
  mediaFailed: (why: string): string => `录音处理失败（${why}），请人工查看`,
} as const;
