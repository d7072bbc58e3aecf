/**
 * Pages kept as they were rendered, per user, address and language, and served again until the
 * figures they show may have changed (`Database.figuresVersion` moves on after every write and
 * every refresh that publishes new answers). A user who goes back to a page, or reloads it, gets
 * it without its load functions, rendering and serialisation being run again.
 *
 * Only pages made from nothing but the book's figures, the address, the user and the language
 * are kept (not imports, the audit log or the administration). Each answer carries a fresh CSP
 * nonce in its header and in its scripts, as a rendered page does. A page whose rendering
 * failed anywhere (a streamed part included) is not kept. A page served from here does not run
 * its load again: a customer page is noted among the recent views when it is rendered, which
 * happens at least once after every change of the figures.
 */
import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../auth-roles.ts';

/** Route ids whose pages depend only on the figures, the address, the user and the language. */
const KEPT_ROUTES: ReadonlySet<string> = new Set(['/', '/aging', '/aging/invoices', '/customers', '/customers/[id]', '/risk', '/warnings']);
/** All pages kept take at most this many bytes; the least recently served goes first. */
const CAPACITY_BYTES = 64 * 1024 * 1024;
/** A larger page is not kept. */
const LARGEST_PAGE_BYTES = 4 * 1024 * 1024;
/** Headers of a kept page that are made anew for each answer. */
const MADE_PER_ANSWER = new Set(['content-length', 'etag', 'date']);

interface KeptPage {
  /** The body cut at each occurrence of the nonce it was rendered with. */
  parts: Buffer<ArrayBuffer>[];
  nonce: string | null;
  headers: [string, string][];
  bytes: number;
}

/** What a request is: who asks for which address, in which language. */
export interface PageRequest {
  user: SessionUser | null;
  locale: string;
  request: Request;
  routeId: string | null;
}

/** The nonce of a CSP header (`'nonce-…'` in script-src), if any. */
function nonceOf(csp: string | null): string | null {
  return csp?.match(/'nonce-([^']+)'/)?.[1] ?? null;
}

/** A nonce as SvelteKit makes them: 16 random bytes, base64. */
function freshNonce(): string {
  return randomBytes(16).toString('base64');
}

/** `body` cut at each occurrence of `nonce`. */
function cutAt(body: Buffer<ArrayBuffer>, nonce: string | null): Buffer<ArrayBuffer>[] {
  if (!nonce) return [body];
  const parts: Buffer<ArrayBuffer>[] = [];
  let from = 0;
  for (let at = body.indexOf(nonce, 0, 'latin1'); at >= 0; at = body.indexOf(nonce, from, 'latin1')) {
    parts.push(body.subarray(from, at));
    from = at + nonce.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/** Reads a stream to its end (null past `limit` bytes). */
async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Buffer<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, bytes);
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

/** The pages kept for one database, all from one version of its figures. */
export class PageCache {
  private pages = new Map<string, KeptPage>();
  private bytes = 0;
  private version = -1;
  /** Requests (by their `locals`) whose rendering reported an error through the server's handleError. */
  private readonly failed = new WeakSet<object>();

  constructor(private readonly capacity = CAPACITY_BYTES) {}

  /** The key of a request whose page may be kept, or null. */
  keyOf({ user, locale, request, routeId }: PageRequest): string | null {
    if (!user || request.method !== 'GET' || routeId === null || !KEPT_ROUTES.has(routeId)) return null;
    return JSON.stringify([user.name, user.role, locale, request.url]);
  }

  /** The page kept under `key` for figures `version`, with a fresh nonce; null when none is. */
  serve(key: string, version: number): Response | null {
    this.forgetOlderThan(version);
    const kept = this.pages.get(key);
    if (!kept) return null;
    this.pages.delete(key);
    this.pages.set(key, kept);
    const headers = new Headers(kept.headers);
    let body = kept.parts[0];
    if (kept.nonce) {
      const nonce = freshNonce();
      const csp = headers.get('content-security-policy');
      if (csp) headers.set('content-security-policy', csp.split(kept.nonce).join(nonce));
      const nonceBytes = Buffer.from(nonce, 'latin1');
      body = Buffer.concat(kept.parts.flatMap((part, i) => (i === 0 ? [part] : [nonceBytes, part])));
    }
    headers.set('content-length', String(body.byteLength));
    return new Response(body, { status: 200, headers });
  }

  /** The rendering of the request with these `locals` failed somewhere: its page is not kept. */
  noteFailure(locals: object): void {
    this.failed.add(locals);
  }

  /**
   * Keeps the page of `response` under `key` once its body has ended (streamed parts
   * included), if it is a whole successful page and the figures are still at `version` (the one it was rendered on);
   * `currentVersion` tells the version then, `locals` are the request's (SvelteKit copies the
   * event, not its locals). Returns the response to send (the same body).
   */
  keep(key: string, version: number, response: Response, locals: object, currentVersion: () => number): Response {
    if (response.status !== 200 || !response.body || response.headers.has('set-cookie')) return response;
    const [sent, copy] = response.body.tee();
    const headers = [...response.headers].filter(([name]) => !MADE_PER_ANSWER.has(name));
    const nonce = nonceOf(response.headers.get('content-security-policy'));
    void readAll(copy, LARGEST_PAGE_BYTES).then(
      (body) => {
        if (!body || this.failed.has(locals) || currentVersion() !== version) return;
        this.forgetOlderThan(version);
        this.store(key, { parts: cutAt(body, nonce), nonce, headers, bytes: body.byteLength });
      },
      () => undefined,
    );
    return new Response(sent, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  /** How many pages are kept (for tests). */
  get size(): number {
    return this.pages.size;
  }

  private store(key: string, page: KeptPage): void {
    const old = this.pages.get(key);
    if (old) this.bytes -= old.bytes;
    this.pages.delete(key);
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, kept] of this.pages) {
      if (this.bytes <= this.capacity) break;
      this.pages.delete(oldest);
      this.bytes -= kept.bytes;
    }
  }

  /** Pages of older figures are dropped as soon as newer figures are asked for. */
  private forgetOlderThan(version: number): void {
    if (version <= this.version) return;
    this.pages.clear();
    this.bytes = 0;
    this.version = version;
  }
}
