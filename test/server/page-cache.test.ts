// Pages kept per user, address and language: served again with a fresh nonce until the figures
// change, never shared between users, never kept when rendering failed or the figures moved
// meanwhile, and bounded in bytes.
import { describe, expect, test } from 'vitest';
import { PageCache, type PageRequest } from '../../src/lib/server/page-cache.ts';
import type { SessionUser } from '../../src/lib/auth-roles.ts';

const ANA: SessionUser = { name: 'ana', role: 'analyst' };
const CARL: SessionUser = { name: 'carl', role: 'cfo' };
const NONCE = 'q1w2e3r4t5y6u7i8o9p0aA==';

function ask(user: SessionUser | null, path: string, options: { method?: string; routeId?: string | null; locale?: string } = {}): PageRequest {
  return {
    user,
    locale: options.locale ?? 'en',
    request: new Request(`http://127.0.0.1:3000${path}`, { method: options.method ?? 'GET' }),
    routeId: options.routeId === undefined ? new URL(path, 'http://x').pathname : options.routeId,
  };
}

/** A page as SvelteKit renders it: the nonce in the CSP header and in each script tag. */
function rendered(body: string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(body, {
    status: init.status ?? 200,
    headers: {
      'content-type': 'text/html',
      'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${NONCE}'`,
      etag: '"abc"',
      ...init.headers,
    },
  });
}

const PAGE = `<html><head><link rel="modulepreload" nonce="${NONCE}"></head><body>AR 1,234.56<script nonce="${NONCE}">start()</script></body></html>`;

/** Keeps `response` and waits until its copy has been read (the kept page is stored then). */
async function keepAndSend(cache: PageCache, key: string, version: number, response: Response, locals: object = {}, current = version): Promise<string> {
  const sent = cache.keep(key, version, response, locals, () => current);
  const text = await sent.text();
  await new Promise((resolve) => setTimeout(resolve, 0));
  return text;
}

describe('PageCache', () => {
  test('keeps the figure pages of a signed-in user, for GET only', () => {
    const cache = new PageCache();
    for (const path of ['/', '/aging?as_of=2026-09-30', '/customers', '/customers/C001', '/aging/invoices', '/risk', '/warnings']) {
      const routeId = path.startsWith('/customers/') ? '/customers/[id]' : undefined;
      expect(cache.keyOf(ask(ANA, path, { routeId })), path).not.toBeNull();
    }
    expect(cache.keyOf(ask(null, '/'))).toBeNull();
    expect(cache.keyOf(ask(ANA, '/', { method: 'POST' }))).toBeNull();
    expect(cache.keyOf(ask(ANA, '/', { method: 'HEAD' }))).toBeNull();
    // The import page shows progress, the audit log grows with every sign-in, users change: never kept.
    for (const path of ['/imports', '/audit', '/admin/users', '/explore', '/login']) expect(cache.keyOf(ask(ANA, path)), path).toBeNull();
    expect(cache.keyOf(ask(ANA, '/nowhere', { routeId: null }))).toBeNull();
  });

  test('a key names the user, the role, the language and the whole address', () => {
    const cache = new PageCache();
    const key = cache.keyOf(ask(ANA, '/aging?sort=ar'));
    expect(cache.keyOf(ask({ ...ANA }, '/aging?sort=ar'))).toBe(key);
    const others = [
      ask(CARL, '/aging?sort=ar'),
      ask({ name: 'ana', role: 'auditor' }, '/aging?sort=ar'),
      ask(ANA, '/aging?sort=ar', { locale: 'zh-CN' }),
      ask(ANA, '/aging?sort=-ar'),
      ask(ANA, '/aging/__data.json?sort=ar', { routeId: '/aging' }),
    ];
    for (const other of others) expect(cache.keyOf(other)).not.toBe(key);
  });

  test('serves a kept page again with a fresh nonce in its header and scripts, and the same content', async () => {
    const cache = new PageCache();
    const key = cache.keyOf(ask(ANA, '/'))!;
    expect(cache.serve(key, 3)).toBeNull();
    expect(await keepAndSend(cache, key, 3, rendered(PAGE))).toBe(PAGE);

    const first = cache.serve(key, 3)!;
    const second = cache.serve(key, 3)!;
    const nonces = [first, second].map((r) => /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy')!)![1]);
    expect(nonces[0]).not.toBe(NONCE);
    expect(nonces[1]).not.toBe(nonces[0]);
    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    for (const [i, response] of [first, second].entries()) {
      const body = await response.text();
      expect(body).toBe(PAGE.replaceAll(NONCE, nonces[i]));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html');
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body));
      // An ETag of the page as rendered would not name what is sent now.
      expect(response.headers.has('etag')).toBe(false);
    }
  });

  test('a page without a nonce (page data as JSON) is served byte for byte', async () => {
    const cache = new PageCache();
    const key = cache.keyOf(ask(ANA, '/aging/__data.json', { routeId: '/aging' }))!;
    const json = '{"type":"data","nodes":[{"ar":"1,234.56 ¥"}]}';
    await keepAndSend(cache, key, 0, new Response(json, { headers: { 'content-type': 'application/json' } }));
    const served = cache.serve(key, 0)!;
    expect(await served.text()).toBe(json);
    expect(served.headers.get('content-type')).toBe('application/json');
  });

  test('once the figures move on, nothing kept is served', async () => {
    const cache = new PageCache();
    const key = cache.keyOf(ask(ANA, '/'))!;
    await keepAndSend(cache, key, 3, rendered(PAGE));
    expect(cache.serve(key, 4)).toBeNull();
    expect(cache.size).toBe(0);
    // Not even if an answer of the old figures is asked for afterwards.
    expect(cache.serve(key, 3)).toBeNull();
  });

  test('a page is not kept when the figures moved on while it was rendered', async () => {
    const cache = new PageCache();
    const key = cache.keyOf(ask(ANA, '/'))!;
    expect(await keepAndSend(cache, key, 3, rendered(PAGE), {}, 4)).toBe(PAGE);
    expect(cache.serve(key, 3)).toBeNull();
    expect(cache.serve(key, 4)).toBeNull();
  });

  test('a page whose rendering failed, an error page, or one that sets a cookie is sent but not kept', async () => {
    const cache = new PageCache();
    const key = cache.keyOf(ask(ANA, '/'))!;
    const locals = {};
    cache.noteFailure(locals);
    await keepAndSend(cache, key, 0, rendered(PAGE), locals);
    await keepAndSend(cache, key, 0, rendered('<p>no such customer</p>', { status: 404 }));
    await keepAndSend(cache, key, 0, rendered(PAGE, { headers: { 'set-cookie': 'duesight_lang=zh-CN; Path=/' } }));
    expect(cache.serve(key, 0)).toBeNull();
    // Another request of the same user (other locals) is kept.
    await keepAndSend(cache, key, 0, rendered(PAGE), {});
    expect(cache.serve(key, 0)).not.toBeNull();
  });

  test('a streamed page reaches its first reader as it comes, and is kept whole once it has ended', async () => {
    const cache = new PageCache();
    const key = cache.keyOf(ask(ANA, '/customers/C1', { routeId: '/customers/[id]' }))!;
    const encoder = new TextEncoder();
    let finish!: () => void;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(`<p>C1</p><script nonce="${NONCE}">defer(1)</script>`));
        await new Promise<void>((resolve) => (finish = resolve));
        controller.enqueue(encoder.encode(`<script nonce="${NONCE}">resolve(1, [62, 58])</script>`));
        controller.close();
      },
    });
    const streamed = new Response(body, { headers: { 'content-security-policy': `script-src 'nonce-${NONCE}'` } });
    const sent = cache.keep(key, 0, streamed, {}, () => 0);
    const reader = sent.body!.getReader();
    const head = new TextDecoder().decode((await reader.read()).value);
    expect(head).toContain('<p>C1</p>');
    expect(cache.serve(key, 0)).toBeNull();
    finish();
    while (!(await reader.read()).done);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const served = cache.serve(key, 0)!;
    const nonce = /'nonce-([^']+)'/.exec(served.headers.get('content-security-policy')!)![1];
    expect(await served.text()).toBe(`<p>C1</p><script nonce="${nonce}">defer(1)</script><script nonce="${nonce}">resolve(1, [62, 58])</script>`);
  });

  test('keeps at most its capacity in bytes, dropping the page served least recently', async () => {
    const page = 'x'.repeat(1000);
    const cache = new PageCache(2500);
    const keys = ['/', '/aging', '/risk'].map((path) => cache.keyOf(ask(ANA, path))!);
    await keepAndSend(cache, keys[0], 0, rendered(page));
    await keepAndSend(cache, keys[1], 0, rendered(page));
    expect(cache.serve(keys[0], 0)).not.toBeNull(); // '/' is now the most recent
    await keepAndSend(cache, keys[2], 0, rendered(page));
    expect(cache.size).toBe(2);
    expect(cache.serve(keys[1], 0)).toBeNull();
    expect(cache.serve(keys[0], 0)).not.toBeNull();
    expect(cache.serve(keys[2], 0)).not.toBeNull();
  });
});
