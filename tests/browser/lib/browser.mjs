// Debian's chromium driven by playwright-core (no downloaded browser builds).
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './server.mjs';

export const SCREENSHOTS = path.join(ROOT, 'tests', 'browser', 'screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** A browser with a fresh profile (user data dir), removed again by close(). */
export async function openBrowser({ baseURL }) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'um-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    baseURL,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    context,
    async page() {
      const page = await context.newPage();
      // Image hosts of the demo catalog are not reachable here (and must not be): answer
      // them locally, so pages never wait on the network.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 404, body: '' }));
      page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
      return page;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Form controls on the page that have no accessible name (label, aria-label, aria-labelledby). */
export async function unlabelledFields(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/**
 * Saves a full-page screenshot of one of the main pages, and checks on the way that every
 * form field on it is labelled (the shop must be usable with a screen reader).
 */
export async function screenshot(page, name) {
  const unlabelled = await unlabelledFields(page);
  if (unlabelled.length) throw new Error(`${name}: form fields without a label: ${unlabelled.join(', ')}`);
  // From the top: scrolled, the sticky header would be drawn across the middle of a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
