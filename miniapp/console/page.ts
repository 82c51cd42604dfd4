/**
 * The console's HTML shell: the boot data the script needs, the stylesheet and
 * the script. Everything visible is built by the script (miniapp/web/console/).
 */
import { escapeHtml } from '../../lib/html.js';
import * as w from '../web/console/wording.js';
import type { BootData } from '../web/console/types.js';

/** JSON inside a <script> element: `<` is escaped so no value can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function consolePage(boot: BootData, assets: { readonly js: string; readonly css: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="theme-color" content="#ededed">
<title>${escapeHtml(w.TITLE)}</title>
<link rel="stylesheet" href="${escapeHtml(assets.css)}">
</head>
<body>
<noscript><p class="noscript">${escapeHtml(w.NOSCRIPT)}</p></noscript>
<div id="app"></div>
<script id="boot" type="application/json">${scriptJson(boot)}</script>
<script src="${escapeHtml(assets.js)}" defer></script>
</body>
</html>`;
}
