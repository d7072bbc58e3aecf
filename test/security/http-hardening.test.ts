// What every response and request goes through, seen over HTTP against the built app: the session
// cookie's name and attributes over http and over https, security headers, cross-site writes,
// oversized bodies, and a second server on the same database file.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../src/lib/server/paths.ts';
import { startBuiltApp, freePort, TEST_USERS } from '../e2e/server.ts';
import { startSecurityApp, type SecurityApp } from './app.ts';

/** Signs in with fetch as a browser's form post would; returns the response (not followed). */
function signIn(url: string, origin: string, name: string, password: string): Promise<Response> {
  return fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
    body: new URLSearchParams({ name, password }).toString(),
    redirect: 'manual',
  });
}

describe('over plain http (a local server)', () => {
  let s: SecurityApp;
  beforeAll(async () => {
    s = await startSecurityApp();
  }, 300_000);
  afterAll(() => s?.close());

  test('the session cookie is duesight_session: HttpOnly, SameSite=Lax, not Secure (a browser would drop it on http)', async () => {
    const res = await signIn(s.app.url, s.app.url, TEST_USERS.cfo.name, TEST_USERS.cfo.password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^duesight_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure|Domain/);
  });

  test('pages carry a CSP with a script nonce and no framing, and the other security headers', async () => {
    const res = await s.request('cfo', '/aging');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Every inline script of the page carries the nonce.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await res.text();
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs] of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  test('cross-site writes are refused: a form from another origin, and JSON from another site', async () => {
    const form = await s.request('admin', '/admin/users?/add', {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: 'name=mallory&role=admin&password=mallory-password',
    });
    expect(form.status).toBe(403);
    const json = await s.request('admin', '/explore/data', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(403);
    expect((await json.json()).message).toBe('Cross-site POST requests are refused (Sec-Fetch-Site cross-site).');
    // Nothing was added.
    const users = await (await s.request('admin', '/admin/users')).text();
    expect(users).not.toContain('mallory');
  });

  test('a body above 1 MB outside the import page is refused with a 413 that says why, and the server stays up', async () => {
    const res = await s.request('anonymous', '/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: `name=x&password=${'a'.repeat(2 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/at most 1 MB/);
    expect((await s.request('cfo', '/aging')).status).toBe(200);
  });

  test('an administrator adds a login on /admin/users; it signs in; disabled, its session ends; the auditor sees it all on /audit', async () => {
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams(fields).toString(),
    });
    const added = await s.request('admin', '/admin/users?/add', form({ name: 'dora', role: 'cfo', password: 'dora-password-1' }));
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('Added the login dora.');
    const signedIn = await signIn(s.app.url, s.app.url, 'dora', 'dora-password-1');
    expect(signedIn.status).toBe(303);
    const dora = signedIn.headers.getSetCookie()[0].split(';')[0];
    expect((await fetch(`${s.app.url}/aging`, { headers: { cookie: dora }, redirect: 'manual' })).status).toBe(200);

    const disabled = await s.request('admin', '/admin/users?/disable', form({ name: 'dora' }));
    expect(await disabled.text()).toContain('Disabled the login dora');
    const after = await fetch(`${s.app.url}/aging`, { headers: { cookie: dora }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('set-cookie')).toMatch(/^duesight_session=;/); // the dead cookie is cleared

    const audit = await (await s.request('auditor', '/audit')).text();
    expect(audit).toContain('The hash chain is intact');
    for (const action of ['user_add', 'user_disable', 'login']) expect(audit).toContain(`<td>${action}</td>`);
    expect(audit).toContain('e2e-admin'); // who added and disabled dora
  });

  test('a second server on the same database file stops at once, saying the file is in use', async () => {
    const port = await freePort();
    const started = Date.now();
    const child = spawn(process.execPath, ['build'], {
      cwd: projectRoot,
      env: { ...process.env, DUESIGHT_DB: s.dbPath, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(status).not.toBe(0);
    expect(output).toContain('is in use by another Duesight process');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await s.request('cfo', '/')).status).toBe(200);
  });
});

describe('over https (ORIGIN https://…, as behind a TLS proxy)', () => {
  let s: SecurityApp;
  let origin: string;
  beforeAll(async () => {
    // The app believes it is served at https://127.0.0.1:PORT while the test talks plain http to it.
    s = await startSecurityApp({ originScheme: 'https' });
    origin = s.app.url.replace('http:', 'https:');
  }, 300_000);
  afterAll(() => s?.close());

  test('the session cookie is __Host-duesight: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain', async () => {
    const res = await signIn(s.app.url, origin, TEST_USERS.auditor.name, TEST_USERS.auditor.password);
    expect(res.status).toBe(303);
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-duesight=[A-Za-z0-9_-]{43}; /);
    for (const attribute of ['; Secure', '; HttpOnly', '; SameSite=Lax', '; Path=/']) expect(cookie).toContain(attribute);
    expect(cookie).not.toContain('Domain');
    const session = cookie.split(';')[0];
    expect((await fetch(`${s.app.url}/audit`, { headers: { cookie: session }, redirect: 'manual' })).status).toBe(200);
    // The same token under the plain name is not a session over https.
    const plain = session.replace('__Host-duesight=', 'duesight_session=');
    const res2 = await fetch(`${s.app.url}/audit`, { headers: { cookie: plain }, redirect: 'manual' });
    expect(res2.status).toBe(302);
    expect(res2.headers.get('location')).toBe('/login?next=%2Faudit');
  });

  test('a form posted from the http origin is refused as cross-site', async () => {
    const res = await signIn(s.app.url, s.app.url, TEST_USERS.auditor.name, TEST_USERS.auditor.password);
    expect(res.status).toBe(403);
  });
});
