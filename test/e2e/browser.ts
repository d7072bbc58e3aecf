/**
 * The set-up every browser test shares: Chromium (the suite is skipped where it is missing, except
 * on CI, which must have it), a demo book built with the CLI, a watch on console errors and failed
 * requests, a page signed in to the built app, and screenshots saved in test-results/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { ensureBuilt } from '../../src/cli/build-app.ts';
import type { Role } from '../../src/lib/auth-roles.ts';
import { startBuiltApp, type RunningApp } from './server.ts';

/** The repository's root folder. */
export const root = fileURLToPath(new URL('../..', import.meta.url));
/** Where screenshots go. */
const shots = join(root, 'test-results');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether Chromium is installed here. */
export const haveChromium = existsSync(chromiumPath);
if (!haveChromium && !process.env.CI) console.warn(`Browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium).`);

/** `describe` for a browser suite: skipped without Chromium, except on CI (where beforeAll then fails loudly). */
export const describeInBrowser = describe.skipIf(!haveChromium && !process.env.CI);

/**
 * Builds the app if its sources are newer, then generates a demo book of `customers` and `invoices`
 * in a new temporary folder (the caller removes `dir`). Throws when Chromium is missing.
 */
export function prepareDemoBook(name: string, customers: number, invoices: number): { dir: string; dbPath: string } {
  if (!haveChromium) throw new Error(`No Chromium at ${chromiumPath}: apt-get install chromium (.ci/run does).`);
  ensureBuilt(() => undefined);
  const dir = mkdtempSync(join(tmpdir(), `duesight-e2e-${name}-`));
  const dbPath = join(dir, 'demo.duckdb');
  const cli = join(root, 'bin', 'duesight.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: the browser tests build their book with "duesight demo".`);
  execFileSync(process.execPath, [cli, 'demo', '--customers', String(customers), '--invoices', String(invoices), '--db', dbPath], { cwd: root, stdio: 'pipe' });
  return { dir, dbPath };
}

/** Starts headless Chromium with the flags that keep it quiet and offline. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Collects what a user would count as broken on `page`: console errors, uncaught page errors and
 * (unless `responses` is false, for pages that answer 4xx on purpose) HTTP responses of 400 and up.
 * The returned list fills as the page runs.
 */
export function watchProblems(page: Page, { responses = true }: { responses?: boolean } = {}): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  if (responses) {
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
  }
  return problems;
}

/** Saves a screenshot of a page (the full page unless `fullPage` is false) or of one element as test-results/`name`.png. */
export async function shot(target: Page | Locator, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<void> {
  const path = join(shots, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage });
  else await target.screenshot({ path });
}

/** What a browser suite runs against: the built app, Chromium, one signed-in page and the problems seen on it. */
export interface BrowserRun {
  app: RunningApp;
  browser: Browser;
  page: Page;
  problems: string[];
}

/**
 * Starts the built app on the book at `dbPath`, opens a page 1440 pixels wide (and `height` tall),
 * watches it for problems (see watchProblems) and signs it in as the test user of `role`. `env`:
 * more environment variables for the server.
 */
export async function openSignedIn(
  dbPath: string,
  role: Role,
  {
    height = 1000,
    acceptDownloads = false,
    responses = true,
    env,
  }: { height?: number; acceptDownloads?: boolean; responses?: boolean; env?: Record<string, string> } = {},
): Promise<BrowserRun> {
  const app = await startBuiltApp(root, dbPath, undefined, { env });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height }, acceptDownloads });
  const problems = watchProblems(page, { responses });
  await app.loginAs(page, role);
  return { app, browser, page, problems };
}

/** Closes the browser, stops the app (either may be missing when set-up failed) and removes the book's folder. */
export async function closeRun({ app, browser }: { app?: RunningApp; browser?: Browser }, dir?: string): Promise<void> {
  await browser?.close();
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
