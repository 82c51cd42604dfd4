/**
 * Structured logging with pino. Secrets never reach the log: the redact list
 * covers every field name under which a secret, token or salary could travel.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'secret', '*.secret', 'corpsecret', '*.corpsecret',
  'token', '*.token', 'access_token', '*.access_token', 'accessToken', '*.accessToken',
  'encodingAesKey', '*.encodingAesKey', 'appSecret', '*.appSecret', 'payslipKey', '*.payslipKey',
  'password', '*.password', 'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'req.headers.cookie', 'amount', '*.amount', 'items', '*.items',
];

export function createLogger(level: string = process.env['LOG_LEVEL'] ?? 'info', name = 'hr'): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Removes `access_token=…`, `corpsecret=…` and similar from a URL before it is logged. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|corpsecret|token|code|t|sig)=)[^&#]*/gi, '$1[redacted]');
}

/** A logger that drops everything; handy default for pure modules and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
