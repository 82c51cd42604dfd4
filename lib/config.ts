/**
 * Configuration: every environment variable the app reads, validated once at start.
 *
 * A wrong value stops the app with a message naming the variable, so a typo in a
 * deployment fails loudly at boot instead of quietly at 3 a.m.
 * Nothing else in the code base reads `process.env`.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);
const url = z.url().transform((u) => u.replace(/\/+$/, ''));
const cron = z.string().regex(/^(\S+\s+){4,5}\S+$/, '应为 cron 表达式，例如 "0 9 * * *"');

/** Raw schema over process.env: names here are the public interface (README lists them). */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).optional(),
  PUBLIC_BASE_URL: url.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TZ_NAME: z
    .string()
    .refine((tz) => isValidTimeZone(tz), '不是有效的 IANA 时区名，例如 Asia/Shanghai')
    .default('Asia/Shanghai'),

  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, '应以 mongodb:// 或 mongodb+srv:// 开头').optional(),
  DATA_DIR: z.string().min(1).default('./data'),

  APP_SECRET: z.string().min(16, '至少 16 个字符').optional(),
  PAYSLIP_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, '应为 32 字节密钥的 base64（44 个字符）')
    .optional(),

  WECOM_CORP_ID: z.string().min(1).optional(),
  WECOM_AGENT_ID: z.coerce.number().int().positive().optional(),
  WECOM_SECRET: z.string().min(1).optional(),
  WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, '应为 1 到 32 位字母或数字').optional(),
  WECOM_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, '应为 43 位字母或数字').optional(),
  WECOM_API_BASE: url.default('https://qyapi.weixin.qq.com'),
  WECOM_OAUTH_BASE: url.default('https://open.weixin.qq.com'),
  WECOM_HR_ADMINS: z.string().optional(),

  LEAVE_APPROVAL: z.enum(['local', 'wecom']).default('local'),
  WECOM_LEAVE_TEMPLATE_ID: z.string().optional(),
  LEAVE_BALANCE_SOURCE: z.enum(['ledger', 'wecom']).default('ledger'),

  ATTENDANCE_DIGEST_CRON: cron.default('30 9 * * *'),
  RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  COMPANY_NAME: z.string().min(1).default('示例科技有限公司'),

  ASR_URL: url.optional(),
  ASR_API_KEY: z.string().optional(),
  ASR_MODEL: z.string().default('whisper-1'),
  SCORER_IN_PROCESS: bool.default(true),
  SCORER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),

  WECHATY_PUPPET: z.string().optional(),
  WECHATY_PUPPET_TOKEN: z.string().optional(),

  SCHEDULER_ENABLED: bool.default(true),
});

export type Env = z.infer<typeof envSchema>;

export interface WecomConfig {
  readonly corpId: string;
  readonly agentId: number;
  readonly secret: string;
  readonly token: string;
  readonly encodingAesKey: string;
  readonly apiBase: string;
  readonly oauthBase: string;
}

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly publicBaseUrl: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly tz: string;
  readonly mongodbUri: string | undefined;
  readonly dataDir: string;
  /** Signs links and derives the payslip key when PAYSLIP_KEY is unset; undefined only in demo mode before start-up fills it. */
  readonly appSecret: string | undefined;
  readonly payslipKey: string | undefined;
  /**
   * `demo` when WECOM_CORP_ID is unset: the app starts the simulator and points
   * the WeCom settings at it. `wecom` means real credentials, all five present.
   */
  readonly mode: 'demo' | 'wecom';
  readonly wecom: WecomConfig | undefined;
  readonly wecomApiBase: string;
  readonly wecomOauthBase: string;
  readonly hrAdmins: readonly string[];
  readonly leaveApproval: Env['LEAVE_APPROVAL'];
  readonly leaveTemplateId: string | undefined;
  readonly leaveBalanceSource: Env['LEAVE_BALANCE_SOURCE'];
  readonly attendanceDigestCron: string;
  readonly recordingRetentionDays: number;
  readonly companyName: string;
  readonly asr: { readonly url: string; readonly apiKey: string | undefined; readonly model: string } | undefined;
  readonly scorerInProcess: boolean;
  readonly scorerConcurrency: number;
  readonly wechaty: { readonly puppet: string; readonly token: string | undefined } | undefined;
  readonly schedulerEnabled: boolean;
}

/** Thrown when the environment is wrong; `message` names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`配置错误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const WECOM_KEYS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;

/** Reads and validates the environment. Empty strings count as unset (docker-compose writes them). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const shown = name in raw && !isSecretName(name) ? `（当前值 "${raw[name]}"）` : '';
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];

  const present = WECOM_KEYS.filter((k) => env[k] !== undefined);
  let wecom: WecomConfig | undefined;
  if (present.length > 0 && present.length < WECOM_KEYS.length) {
    const missing = WECOM_KEYS.filter((k) => env[k] === undefined);
    problems.push(`${missing.join(', ')}: 已设置 ${present.join(', ')}，企业微信的五项配置必须同时设置`);
  } else if (present.length === WECOM_KEYS.length) {
    wecom = {
      corpId: env.WECOM_CORP_ID!,
      agentId: env.WECOM_AGENT_ID!,
      secret: env.WECOM_SECRET!,
      token: env.WECOM_TOKEN!,
      encodingAesKey: env.WECOM_ENCODING_AES_KEY!,
      apiBase: env.WECOM_API_BASE,
      oauthBase: env.WECOM_OAUTH_BASE,
    };
    if (env.APP_SECRET === undefined) problems.push('APP_SECRET: 连接企业微信时必须设置（至少 16 个字符），用于签名链接和加密工资数据');
  }
  if (env.LEAVE_APPROVAL === 'wecom' && env.WECOM_LEAVE_TEMPLATE_ID === undefined) {
    problems.push('WECOM_LEAVE_TEMPLATE_ID: LEAVE_APPROVAL=wecom 时必须设置审批模板 ID');
  }
  if (env.WECHATY_PUPPET_TOKEN !== undefined && env.WECHATY_PUPPET === undefined) {
    problems.push('WECHATY_PUPPET: 设置了 WECHATY_PUPPET_TOKEN 但没有设置 WECHATY_PUPPET');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    port: env.PORT,
    // The demo console lets anyone act as any member: keep it on this machine unless HOST says otherwise.
    host: env.HOST ?? (wecom ? '0.0.0.0' : '127.0.0.1'),
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    logLevel: env.LOG_LEVEL,
    tz: env.TZ_NAME,
    mongodbUri: env.MONGODB_URI,
    dataDir: env.DATA_DIR,
    appSecret: env.APP_SECRET,
    payslipKey: env.PAYSLIP_KEY,
    mode: wecom ? 'wecom' : 'demo',
    wecom,
    wecomApiBase: env.WECOM_API_BASE,
    wecomOauthBase: env.WECOM_OAUTH_BASE,
    hrAdmins: (env.WECOM_HR_ADMINS ?? '').split(/[|,\s]+/).filter(Boolean),
    leaveApproval: env.LEAVE_APPROVAL,
    leaveTemplateId: env.WECOM_LEAVE_TEMPLATE_ID,
    leaveBalanceSource: env.LEAVE_BALANCE_SOURCE,
    attendanceDigestCron: env.ATTENDANCE_DIGEST_CRON,
    recordingRetentionDays: env.RECORDING_RETENTION_DAYS,
    companyName: env.COMPANY_NAME,
    asr: env.ASR_URL ? { url: env.ASR_URL, apiKey: env.ASR_API_KEY, model: env.ASR_MODEL } : undefined,
    scorerInProcess: env.SCORER_IN_PROCESS,
    scorerConcurrency: env.SCORER_CONCURRENCY,
    wechaty: env.WECHATY_PUPPET ? { puppet: env.WECHATY_PUPPET, token: env.WECHATY_PUPPET_TOKEN } : undefined,
    schedulerEnabled: env.SCHEDULER_ENABLED,
  };
}

function isSecretName(name: string): boolean {
  return /SECRET|TOKEN|KEY|PASSWORD|URI/.test(name);
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
