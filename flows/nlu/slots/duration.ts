/**
 * How long: 3天, 两天半 (normalised to 2天半), 半天, 1天半, 0.5天, 2个半天, 一周.
 * Runs on text with dates blanked out, so 3天后 (a date) is never a duration.
 */
const HALF_DAYS = /(\d+)个半天/;
const DAYS = /(?<![\d.第月])(\d+(?:\.\d+)?)个?(?:整)?(?:天|日|工作日)(半)?(?![内里])/;
const WEEKS = /(?<![\d.第])(\d+)个?(?:周|星期|礼拜)(?![一二三四五六日天1-7末])/;
const HALF = /半天|半日/;

export function findDays(text: string): number | undefined {
  const halves = HALF_DAYS.exec(text);
  if (halves) return Number(halves[1]) * 0.5;
  const days = DAYS.exec(text);
  if (days) {
    const n = Number(days[1]) + (days[2] ? 0.5 : 0);
    return n > 0 && n <= 366 ? n : undefined;
  }
  const weeks = WEEKS.exec(text);
  if (weeks) return Number(weeks[1]) * 5;
  if (HALF.test(text)) return 0.5;
  return undefined;
}
