/**
 * The payslip as a PDF: pdfkit with Noto Sans SC (from
 * `@expo-google-fonts/noto-sans-sc`), embedded as a subset of the glyphs used,
 * so the file is small, renders 中文 on any reader, and carries a ToUnicode
 * map (text can be searched and copied).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { SlipContent } from '../../models/payslip.js';
import { formatYuan, slipTotals } from './money.js';
import * as w from './wording.js';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/** The font files are read once (about 10 MB each); pdfkit subsets them per document. */
function cjkFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

export interface SlipPdfInput {
  readonly companyName: string;
  readonly month: string;
  readonly ownerName: string;
  readonly ownerUserid: string;
  readonly content: SlipContent;
  /** Already formatted local time, e.g. `2026-11-22 10:05`. */
  readonly generatedAt: string;
}

const PAGE_WIDTH = 595.28; // A4
const MARGIN = 56;
const INNER = PAGE_WIDTH - 2 * MARGIN;

export function renderSlipPdf(input: SlipPdfInput): Promise<Buffer> {
  const { regular, bold } = cjkFonts();
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN,
    info: { Title: w.PDF_TITLE(input.companyName, input.month), Author: input.companyName, Subject: w.PAGE_TITLE(input.month) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', regular);
  doc.registerFont('cjk-bold', bold);

  doc.font('cjk-bold').fontSize(18).text(w.PDF_TITLE(input.companyName, input.month), { width: INNER });
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(11).fillColor('#4e5969').text(w.PDF_EMPLOYEE(input.ownerName, input.ownerUserid));
  doc.text(w.UNIT);
  doc.moveDown(0.8);

  const row = (label: string, value: string, opts: { bold?: boolean; size?: number; rule?: boolean } = {}) => {
    const size = opts.size ?? 11;
    const y = doc.y;
    doc.font(opts.bold ? 'cjk-bold' : 'cjk').fontSize(size).fillColor('#1f2329');
    doc.text(label, MARGIN, y, { width: INNER * 0.6 });
    const labelBottom = doc.y;
    doc.text(value, MARGIN + INNER * 0.6, y, { width: INNER * 0.4, align: 'right' });
    doc.y = Math.max(labelBottom, doc.y) + 4;
    if (opts.rule !== false) {
      doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + INNER, doc.y).lineWidth(0.5).strokeColor('#e5e6eb').stroke();
      doc.y += 4;
    }
  };

  for (const l of input.content.lines) row(l.name, l.kind === 'money' ? formatYuan(l.cents) : l.text);
  const t = slipTotals(input.content);
  doc.moveDown(0.4);
  row(w.GROSS, formatYuan(t.grossCents), { bold: true });
  row(w.DEDUCTIONS, formatYuan(t.deductionCents), { bold: true });
  row(w.NET, formatYuan(t.netCents), { bold: true, size: 14, rule: false });

  doc.moveDown(2);
  doc.font('cjk').fontSize(9).fillColor('#86909c').text(w.PDF_FOOTER(input.generatedAt), MARGIN, doc.y, { width: INNER });
  doc.end();
  return done;
}
