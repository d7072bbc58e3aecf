// Dashboard speed, as a user meets it: each page's whole server response (streamed parts
// included) on the default-size demo book, and the overview on a 10,000,000-invoice book
// (DUESIGHT_BENCH_PAGES_LARGE=0 skips it). For each: the first request after the server starts,
// the p95 of repeated requests (answers are remembered until the next write), and the p95 of
// views never asked before: each of the last 12 month-ends as the as-of date, once the server
// has computed the overview at every month-end ahead, and the same dates for one segment, which
// nothing computes ahead. Also the time until the overview's largest chart is drawn in headless
// Chromium.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ensureBuilt } from '../src/cli/build-app.ts';
import { agingByCustomer } from '../src/lib/server/aging.ts';
import { bookBounds } from '../src/lib/server/book.ts';
import { Database } from '../src/lib/server/db.ts';
import { projectRoot } from '../src/lib/server/paths.ts';
import { startBuiltApp, type RunningApp } from '../test/e2e/server.ts';
import { benchBook } from './book.ts';
import { fmt } from './timing.ts';

const REPEATS = 40;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Milliseconds until the whole body of `path` has arrived. */
async function timeResponse(app: RunningApp, cookie: string, path: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return performance.now() - t0;
}

function p95(ms: number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/** The last `n` month-ends on or before `iso`. */
function monthEnds(iso: string, n: number): string[] {
  const [y, m, d] = iso.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const back = d === lastDay ? 0 : 1;
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(y, m - back - i, 0)).toISOString().slice(0, 10));
}

interface BookFacts { lastDate: string; customerId: string }

async function bookFacts(path: string): Promise<BookFacts> {
  const db = await Database.open(path, { readOnly: true });
  try {
    const bounds = await bookBounds(db);
    const [top] = await agingByCustomer(db, { asOf: bounds.last_date! });
    return { lastDate: bounds.last_date!, customerId: top.customer_id };
  } finally {
    await db.close();
  }
}

/** Waits until the server says the overview at every month-end is computed; returns the seconds it said. */
async function monthEndsAhead(app: RunningApp, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const said = /Overview computed ahead at \d+ month-ends in ([0-9.]+) s/.exec(app.output());
    if (said) return Number(said[1]);
    if (Date.now() > deadline) throw new Error(`The month-ends were not computed ahead within ${timeoutMs / 1000} s:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function measurePages(log: (line: string) => void, path: string, pages: string[], freshViews: string[], freshDates = 12): Promise<RunningApp> {
  const facts = await bookFacts(path);
  const app = await startBuiltApp(projectRoot, path, 600_000);
  const cookie = await app.sessionCookie('analyst');
  const timeFresh = async (page: string, query: string, label: string) => {
    const times: number[] = [];
    // Month-ends before the default date, newest first: each shares most of its trend with the one before.
    for (const asOf of monthEnds(facts.lastDate, freshDates + 1).slice(1)) times.push(await timeResponse(app, cookie, `${page}?as_of=${asOf}${query}`));
    const sorted = [...times].sort((a, b) => a - b);
    log(`${page} at ${freshDates} month-ends ${label}: p95 ${fmt(p95(times) / 1000)}, median ${fmt(sorted[Math.floor(sorted.length / 2)] / 1000)}`);
  };
  // The first request after the start waits for the default views; then the month-ends computed
  // ahead, so that the server's own work does not share the cores with what is measured.
  const [firstPage, ...otherPages] = pages.map((p) => p.replace('{customer}', encodeURIComponent(facts.customerId)));
  const firstTime = await timeResponse(app, cookie, firstPage);
  const t0 = performance.now();
  const said = await monthEndsAhead(app, 3_600_000);
  log(`overview at every month-end computed ahead by the server in ${fmt(said)} (waited ${fmt((performance.now() - t0) / 1000)} after the first page)`);
  log(`page                      first      p95 of ${REPEATS}   (repeated requests)`);
  for (const page of [firstPage, ...otherPages]) {
    const first = page === firstPage ? firstTime : await timeResponse(app, cookie, page);
    const again: number[] = [];
    for (let i = 0; i < REPEATS; i++) again.push(await timeResponse(app, cookie, page));
    log(`${page.padEnd(24)} ${fmt(first / 1000).padStart(8)}  ${fmt(p95(again) / 1000).padStart(8)}`);
  }
  for (const page of freshViews) await timeFresh(page, '', page === '/' ? 'never asked before (computed ahead)' : 'never asked before');
  // One segment: views nothing computes ahead, what the first visitor to ask for a view waits.
  if (freshViews.includes('/')) await timeFresh('/', '&segment=Mid-market', 'for one segment, never asked before nor computed ahead');
  return app;
}

/** Milliseconds from navigation to the overview's charts being drawn, in headless Chromium. */
async function chartRender(app: RunningApp): Promise<number> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await app.loginAs(page, 'cfo');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await page.goto(`${app.url}/`, { waitUntil: 'commit' });
      // Both big charts (the DSO trend and the aging bars) are in the page, not only the tiles' sparklines.
      await page.waitForFunction(() => document.querySelectorAll('main svg[role="img"]:not(.sparkline)').length >= 2);
      times.push(performance.now() - t0);
    }
    return [...times].sort((a, b) => a - b)[2];
  } finally {
    await browser.close();
  }
}

export default async function pagesBench(log: (line: string) => void): Promise<void> {
  ensureBuilt(log);
  const pages = ['/', '/aging', '/customers', '/customers/{customer}', '/risk', '/warnings', '/explore', '/imports'];
  const small = await benchBook(200_000, log);
  log('default-size demo book (2,000 customers, 200,000 invoices):');
  const app = await measurePages(log, small, pages, ['/', '/aging']);
  try {
    if (existsSync(chromiumPath)) log(`overview drawn in headless Chromium (median of 5): ${fmt((await chartRender(app)) / 1000)} (target < 1 s)`);
    else log(`no Chromium at ${chromiumPath}: chart render time not measured`);
  } finally {
    await app.stop();
  }
  if (process.env.DUESIGHT_BENCH_PAGES_LARGE === '0') return;
  const large = await benchBook(10_000_000, log);
  log('10,000,000-invoice book (100,000 customers):');
  // Each view never asked before costs the risk engine's pass over 10M invoices: three of them.
  const bigApp = await measurePages(log, large, ['/'], ['/'], 3);
  await bigApp.stop();
}
