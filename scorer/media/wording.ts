/**
 * The Chinese lines the media analysis writes for HR. They describe the
 * recording, never the person: "画面中多次出现两个人", and never a guess about
 * who or how someone is.
 */
import type { AudioGateReason } from './audio.js';

export function explainAudioGate(reason: AudioGateReason): string {
  switch (reason) {
    case 'too_short':
      return '录音太短，无法分析表达（不是低分）';
    case 'silent':
      return '录音中几乎没有说话声，无法分析表达（不是低分）';
    case 'clipped':
      return '录音音量过大、失真严重，无法分析表达（不是低分）';
    case 'noisy':
      return '背景噪声太大，说话声听不清，无法分析表达（不是低分）';
  }
}

export function explainNoFace(longestSec: number, share: number): string {
  return `画面中有 ${Math.round(share * 100)}% 的时间没有人脸，最长连续 ${longestSec} 秒（请人工查看录像）`;
}

export function explainMultipleFaces(frames: number, firstAtSec: number): string {
  return `有 ${frames} 个画面出现不止一张人脸，第一次在第 ${firstAtSec} 秒（请人工查看录像）`;
}
