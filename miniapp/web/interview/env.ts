/**
 * What this browser is and can do. WeChat (MicroMessenger) and WeCom (wxwork)
 * in-app browsers get their own help: some iOS WeChat versions have no
 * getUserMedia at all, and the way out is the ··· menu's "open in browser".
 */

export interface BrowserEnv {
  readonly wechat: boolean;
  readonly ios: boolean;
  readonly android: boolean;
  /** getUserMedia needs https (or localhost). */
  readonly secure: boolean;
  readonly canCapture: boolean;
  readonly canRecord: boolean;
}

export function detectEnv(): BrowserEnv {
  const ua = navigator.userAgent;
  const ios = /iPhone|iPad|iPod/i.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
  return {
    wechat: /MicroMessenger|wxwork/i.test(ua),
    ios,
    android: /Android/i.test(ua),
    secure: window.isSecureContext,
    canCapture: typeof navigator.mediaDevices?.getUserMedia === 'function',
    canRecord: typeof window.MediaRecorder === 'function',
  };
}
