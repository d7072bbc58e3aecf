/** Checks on a request before it reaches a page or endpoint: cross-site writes, oversized bodies, a foreign host name. */

/** Methods that change nothing (and so need no cross-site check). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Bodies of requests other than uploads: a login form or a JSON query is far smaller (1 MiB). */
export const SMALL_BODY_LIMIT = 1024 * 1024;

/** Paths whose actions receive uploaded files; their own limit applies (src/lib/server/import/uploads.ts). */
const UPLOAD_PREFIX = '/imports';

/**
 * Why a state-changing request looks cross-site, or null. SvelteKit already refuses cross-site
 * form posts; this covers every other body (JSON, fetch with any content type): the Origin header
 * must be this site's, and where a browser sends Sec-Fetch-Site instead it must say same-origin.
 * Requests with neither come from scripts and tools, which carry no browser's cookies unasked.
 */
export function crossSiteProblem(request: Request, url: URL): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const origin = request.headers.get('origin');
  if (origin !== null) return origin === url.origin ? null : `Cross-site ${request.method} requests are refused (Origin ${origin.slice(0, 100)}).`;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return `Cross-site ${request.method} requests are refused (Sec-Fetch-Site ${site.slice(0, 40)}).`;
  return null;
}

/** The body limit of a request that is not an upload, when its declared length passes it: a message for the 413. */
export function bodyTooLarge(request: Request, url: URL): string | null {
  if (SAFE_METHODS.has(request.method) || url.pathname === UPLOAD_PREFIX || url.pathname.startsWith(`${UPLOAD_PREFIX}/`)) return null;
  const length = Number(request.headers.get('content-length') ?? 0);
  if (!(length > SMALL_BODY_LIMIT)) return null;
  return `This request's body is ${(length / 1024 / 1024).toFixed(1)} MB; requests here may carry at most ${SMALL_BODY_LIMIT / 1024 / 1024} MB (files are uploaded on the Imports page).`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where to send a browser that reached a local server (ORIGIN on a loopback address) under another
 * host name, e.g. http://localhost:3000 for http://127.0.0.1:3000: its own origin, where its forms
 * pass SvelteKit's origin check, and a page on a rebound DNS name cannot be read. Null otherwise
 * (a server behind a proxy, whose ORIGIN is the public name, is left alone).
 */
export function canonicalHostRedirect(request: Request, url: URL): string | null {
  const host = request.headers.get('host');
  if (!host || !LOOPBACK.has(url.hostname) || host === url.host || (request.method !== 'GET' && request.method !== 'HEAD')) return null;
  return `${url.origin}${url.pathname}${url.search}`;
}
