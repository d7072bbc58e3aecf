// Two languages at once: the built server answers many interleaved requests, half in English and
// half in Chinese, and every page comes back wholly in the language its cookie asked for (the
// current language is module state set by the root layout, safe because SSR renders synchronously).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt } from '../../src/cli/build-app.ts';
import { startBuiltApp, TEST_USERS, type RunningApp } from '../e2e/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A session cookie of the CFO's test login, signed in through the login form as a browser posts
 * it (Accept: text/html, so SvelteKit answers with a 303 and not with its JSON for fetch).
 */
async function cfoSession(app: RunningApp): Promise<string> {
  const { name, password } = TEST_USERS.cfo;
  const res = await fetch(`${app.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url, accept: 'text/html' },
    body: new URLSearchParams({ name, password }).toString(),
    redirect: 'manual',
  });
  const cookie = res.headers.getSetCookie().find((c) => /^(__Host-duesight|duesight_session)=/.test(c));
  if (!cookie) throw new Error(`Signing in as ${name} failed: HTTP ${res.status}.`);
  return cookie.split(';')[0];
}

describe('concurrent requests in different languages', () => {
  let dir: string;
  let app: RunningApp;

  beforeAll(async () => {
    ensureBuilt(() => undefined);
    dir = mkdtempSync(join(tmpdir(), 'duesight-i18n-'));
    const dbPath = join(dir, 'demo.duckdb');
    const cli = join(root, 'bin', 'duesight.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing`);
    execFileSync(process.execPath, [cli, 'demo', '--customers', '60', '--invoices', '3000', '--db', dbPath], { cwd: root, stdio: 'pipe' });
    app = await startBuiltApp(root, dbPath);
  });

  afterAll(async () => {
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('60 interleaved page requests each render wholly in their own language', async () => {
    const paths = ['/', '/aging', '/aging?sort=overdue&dir=desc'];
    const asks = Array.from({ length: 60 }, (_, i) => ({
      path: paths[i % paths.length],
      locale: i % 2 === 0 ? 'zh-CN' : 'en',
    }));
    const session = await cfoSession(app);
    const pages = await Promise.all(
      asks.map(async (a) => {
        const res = await fetch(`${app.url}${a.path}`, { headers: { cookie: `${session}; lang=${a.locale}` }, redirect: 'manual' });
        return { ...a, status: res.status, html: await res.text() };
      }),
    );
    for (const p of pages) {
      const where = `${p.locale} ${p.path}`;
      expect(p.status, where).toBe(200);
      expect(p.html, where).toContain(`<html lang="${p.locale}">`);
      // The navigation and the footer are rendered last-to-first around the page: all in one language.
      if (p.locale === 'zh-CN') {
        expect(p.html, where).toContain('>账龄</a>');
        expect(p.html, where).toContain('>总览</a>');
        expect(p.html, where).not.toContain('>Aging</a>');
        expect(p.html, where).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
      } else {
        expect(p.html, where).toContain('>Aging</a>');
        expect(p.html, where).not.toContain('>账龄</a>');
        expect(p.html, where).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
      }
    }
  });

  test('Accept-Language chooses when there is no cookie; the switcher link sets the cookie', async () => {
    const session = await cfoSession(app);
    const zh = await fetch(`${app.url}/aging`, { headers: { cookie: session, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    expect(await zh.text()).toContain('<html lang="zh-CN">');
    // The login page too speaks the reader's language, before anyone signs in.
    const login = await fetch(`${app.url}/login`, { headers: { 'accept-language': 'zh-CN' } });
    expect(await login.text()).toContain('<html lang="zh-CN">');
    const sw = await fetch(`${app.url}/aging?sort=ar&lang=zh-CN`, { headers: { cookie: session }, redirect: 'manual' });
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/aging?sort=ar');
    expect(sw.headers.get('set-cookie')).toMatch(/^lang=zh-CN;/);
  });
});
