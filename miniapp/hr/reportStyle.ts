/**
 * The page shell and styles shared by the report and job ranking pages:
 * mobile-first (readable at 320 px without sideways scrolling), system fonts,
 * contrast of at least 4.5:1 for text, large tap targets. No script is needed:
 * forms post and the browser's own video player handles playback.
 */
import { escapeHtml as e } from '../../lib/html.js';
import { localDateTime } from '../../lib/time.js';
import { RW } from './reportWording.js';

const STYLE = `*{box-sizing:border-box}body{font-family:-apple-system,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;background:#f2f3f5;color:#1f2329;font-size:16px;line-height:1.6;overflow-wrap:anywhere}
header{background:#fff;padding:12px 16px;border-bottom:1px solid #e5e6eb}header h1{font-size:19px;margin:0}header nav a{font-size:14px;color:#1a5fd6;margin-right:12px}
main{max-width:760px;margin:0 auto;padding:8px 12px 24px}section{background:#fff;border-radius:12px;padding:14px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:17px;margin:0 0 8px}h3{font-size:15px;margin:12px 0 4px}p{margin:6px 0}ul{margin:6px 0;padding-left:20px}
.hint{font-size:14px;color:#4e5969}.advice{background:#fff7e8;color:#7a4100;border-radius:8px;padding:10px 12px;font-size:15px}
.notice{padding:10px 12px;border-radius:8px;margin:12px 0;background:#e8ffea;color:#00522a}.problems{background:#fff1f0;color:#a8071a;padding:10px 12px;border-radius:8px}
.score{font-size:34px;font-weight:700;color:#1a5fd6;line-height:1.2}.score small{font-size:15px;color:#4e5969;font-weight:400}
.tag{display:inline-block;font-size:13px;padding:1px 8px;border-radius:10px;background:#f2f3f5;color:#4e5969;margin:2px 4px 2px 0}
.tag.warn{background:#fff1f0;color:#a8071a}.tag.ok{background:#e8ffea;color:#00672a}.tag.info{background:#e8f3ff;color:#0e42d2}
video,audio{width:100%;max-height:60vh;background:#000;border-radius:8px}audio{background:none}
blockquote{margin:4px 0;padding:4px 10px;border-left:3px solid #c9cdd4;color:#4e5969;font-size:15px}
.dim{border-top:1px solid #e5e6eb;padding:6px 0}details{margin:4px 0}summary{cursor:pointer;color:#1a5fd6;font-size:15px;min-height:32px;line-height:32px}.dim b{display:inline-block;min-width:5.5em}
.bar{height:8px;background:#e5e6eb;border-radius:4px;overflow:hidden;margin:2px 0 4px}.bar i{display:block;height:100%;background:#1a5fd6}
label{display:block;font-weight:600;margin:10px 0 4px}textarea,select,input[type=number]{width:100%;font:inherit;padding:8px;border:1px solid #86909c;border-radius:8px;background:#fff;color:#1f2329}
.btn{display:inline-block;min-height:44px;padding:0 16px;border-radius:8px;border:0;font-size:16px;font-weight:600;cursor:pointer;background:#1a5fd6;color:#fff;text-decoration:none;line-height:44px;margin:4px 6px 4px 0}
.btn.secondary{background:#fff;color:#1a5fd6;border:1px solid #1a5fd6;line-height:42px}.btn.danger{background:#c62828}.btn.neutral{background:#4e5969}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}.grow{flex:1 1 auto}
.cand{border-top:1px solid #e5e6eb;padding:10px 0}.cand:first-child{border-top:0}.rank{font-weight:700;color:#4e5969;min-width:1.6em}
.funnel div{margin:4px 0}.funnel .bar{height:14px}
table{width:100%;border-collapse:collapse;font-size:15px}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e5e6eb}th{color:#4e5969;font-weight:600}
.filters{display:grid;grid-template-columns:repeat(2,1fr);gap:0 10px}@media (min-width:560px){.filters{grid-template-columns:repeat(4,1fr)}}`;

export function shell(title: string, body: string, nav: ReadonlyArray<readonly [string, string]> = [['/hr/jobs', RW.nav.jobs]]): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${e(title)}</h1><nav>${nav.map(([href, label]) => `<a href="${e(href)}">${e(label)}</a>`).join('')}</nav></header><main>${body}</main></body></html>`;
}

export function tag(text: string, kind: '' | 'warn' | 'ok' | 'info' = ''): string {
  return `<span class="tag${kind ? ` ${kind}` : ''}">${e(text)}</span>`;
}

/** A date-time in the business time zone, e.g. 2026-11-20 10:05. */
export function when(d: Date | undefined, tz: string): string {
  return d ? localDateTime(d, tz).replace('T', ' ') : '';
}
