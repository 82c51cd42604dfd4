/**
 * Chromium for the video interview page: fake camera (Chrome's test pattern)
 * and a fake microphone that plays Chinese speech made with espeak-ng, with
 * the permission prompt either auto-accepted or, without the fake-UI flag,
 * denied as in a headless browser nobody answers.
 */
import { execFile } from 'node:child_process';
import { CHROMIUM } from '../helpers/browserTools.js';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = new URL('../../artifacts/interview/', import.meta.url).pathname;
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface Speech {
  readonly wav: string;
  cleanup(): Promise<void>;
}

/** A wav of Chinese speech for the fake microphone. */
export async function makeSpeech(text: string): Promise<Speech> {
  const dir = await mkdtemp(join(tmpdir(), 'interview-speech-'));
  const wav = join(dir, 'speech.wav');
  await promisify(execFile)('espeak-ng', ['-v', 'zh', '-s', '170', text, '-w', wav]);
  return { wav, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function launchWithMedia(opts: { readonly wav: string; readonly allow: boolean }): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  const media = ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${opts.wav}`, '--autoplay-policy=no-user-gesture-required'];
  return chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, ...media, ...(opts.allow ? ['--use-fake-ui-for-media-stream'] : [])] });
}

/** Runs in the page: document width against the viewport (this Node project has no DOM types). */
function widths(): { scroll: number; client: number } {
  const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
  return { scroll: root.scrollWidth, client: root.clientWidth };
}

/** Screenshot of the whole page; returns whether the page scrolls sideways (it must not). */
export async function shot(page: Page, name: string): Promise<{ sideways: boolean }> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const w = await page.evaluate(widths);
  return { sideways: w.scroll > w.client + 1 };
}
