/**
 * Just enough PDF reading for tests: inflates the streams, reads each font's
 * ToUnicode map, and decodes the text operators (Tj / TJ) of the content
 * streams back to Unicode — so a test can assert what a reader would show.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly num: number;
  readonly dict: string;
  readonly stream: Buffer | undefined;
}

function objects(pdf: Buffer): PdfObject[] {
  const text = pdf.toString('latin1');
  const out: PdfObject[] = [];
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    if (at < 0) {
      out.push({ num: Number(m[1]), dict: body, stream: undefined });
      continue;
    }
    const dict = body.slice(0, at);
    let start = m.index + m[0].indexOf(body) + at + 'stream'.length;
    if (text[start] === '\r') start += 1;
    if (text[start] === '\n') start += 1;
    const len = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? '0');
    let data = pdf.subarray(start, start + len);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    out.push({ num: Number(m[1]), dict, stream: data });
  }
  return out;
}

function hexToCodes(hex: string): number[] {
  const codes: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16));
  return codes;
}

function utf16(hex: string): string {
  const units = hexToCodes(hex);
  return String.fromCharCode(...units);
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1]!;
    for (const m of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1]!));
        for (let c = lo; c <= hi; c += 1) map.set(c, items[c - lo] ?? '');
      } else {
        const base = parseInt(dst.slice(1, -1), 16);
        for (let c = lo; c <= hi; c += 1) map.set(c, String.fromCharCode(base + c - lo));
      }
    }
  }
  return map;
}

export interface PdfFacts {
  /** Text of each text operator, decoded through its font's ToUnicode map. */
  readonly lines: readonly string[];
  /** BaseFont names of embedded fonts (subset fonts carry an `ABCDEF+` prefix). */
  readonly embeddedFonts: readonly string[];
}

export function readPdf(pdf: Buffer): PdfFacts {
  const objs = objects(pdf);
  const byNum = new Map(objs.map((o) => [o.num, o]));
  // Resource name (F1 …) → ToUnicode map of that font.
  const fonts = new Map<string, Map<number, string>>();
  for (const o of objs) {
    for (const block of o.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const f of block[1]!.matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) {
        const font = byNum.get(Number(f[2]));
        const tu = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
        const stream = tu ? byNum.get(Number(tu[1]))?.stream : undefined;
        if (stream) fonts.set(f[1]!, parseCmap(stream.toString('latin1')));
      }
    }
  }
  const embeddedFonts = objs
    .filter((o) => /\/FontFile2 \d+ 0 R/.test(o.dict))
    .map((o) => /\/FontName \/(\S+)/.exec(o.dict)?.[1] ?? '?');
  const lines: string[] = [];
  for (const o of objs) {
    if (!o.stream || !/\/Length/.test(o.dict) || /\/Length1|\/Subtype|\/Type \/XObject/.test(o.dict)) continue;
    const content = o.stream.toString('latin1');
    if (!/\bBT\b/.test(content)) continue;
    let cmap: Map<number, string> | undefined;
    for (const m of content.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[1]) {
        cmap = fonts.get(m[1]);
        continue;
      }
      const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [m[3]!];
      lines.push(hexes.flatMap(hexToCodes).map((c) => cmap?.get(c) ?? '\uFFFD').join(''));
    }
  }
  return { lines, embeddedFonts };
}
