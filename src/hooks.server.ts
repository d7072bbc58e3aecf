// Server hooks: the database opens when the server starts (so a second server on the same
// file fails at once, saying why) and closes cleanly on shutdown. Every request is tied to its
// signed-in user here, and refused unless it is signed in or asks for a public path (deny by
// default); pages, actions and endpoints check the user's permission again themselves. A page a
// user has seen is served to them again from memory until the figures change (page-cache.ts).
import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { appDb, closeAppDb } from '$lib/server/app-db.ts';
import { htmlLang, requestLocale } from '$lib/i18n/request-locale.ts';
import { clearSessionCookie, expiredSessionCookie, readSessionCookie } from '$lib/server/auth/cookie.ts';
import { isPublic, loginUrl } from '$lib/server/auth/public-routes.ts';
import { bodyTooLarge, canonicalHostRedirect, crossSiteProblem } from '$lib/server/auth/request-checks.ts';
import { sessionUser } from '$lib/server/auth/sessions.ts';
import { PageCache } from '$lib/server/page-cache.ts';
import { keepDefaultViewsWarm } from '$lib/server/warm-up.ts';

export const init: ServerInit = async () => {
  const db = await appDb();
  // The default views are computed ahead, now and after every write (DUESIGHT_WARM=0: not), then
  // the overview at every month-end (DUESIGHT_MONTH_ENDS_AHEAD=0: not).
  if (process.env.DUESIGHT_WARM !== '0') void keepDefaultViewsWarm(db, { monthEnds: process.env.DUESIGHT_MONTH_ENDS_AHEAD !== '0' });
  process.once('sveltekit:shutdown', () => void closeAppDb());
};

/** Pages rendered for a user, served to them again until the figures change. */
const pages = new PageCache();

/** Route ids that have a +page (answered with a redirect to the login page when anonymous). */
const PAGE_ROUTES = new Set(Object.keys(import.meta.glob('./routes/**/+page.svelte')).map(routeIdOf));
/** Route ids that have a +server.ts (answered with 401 when anonymous). */
const ENDPOINT_ROUTES = new Set(Object.keys(import.meta.glob('./routes/**/+server.ts')).map(routeIdOf));

/** './routes/aging/+page.svelte' → '/aging'. */
function routeIdOf(file: string): string {
  const id = file.replace(/^\.\/routes/, '').replace(/\/\+(page\.svelte|server\.ts)$/, '');
  return id === '' ? '/' : id;
}

/** Whether an anonymous request is for a page a browser shows (else an endpoint, a download or a form post). */
function wantsPage(event: RequestEvent): boolean {
  if (event.isDataRequest) return true;
  if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return false;
  const id = event.route.id;
  if (id !== null && ENDPOINT_ROUTES.has(id)) {
    // A route with both answers pages to browsers, as SvelteKit itself decides.
    return PAGE_ROUTES.has(id) && (event.request.headers.get('accept') ?? '').includes('text/html');
  }
  return true;
}

/** A refusal with a sentence saying why, as JSON (scripts) or plain text (anything else). */
function refusal(status: number, message: string, request: Request): Response {
  const json = (request.headers.get('accept') ?? '').includes('application/json') || (request.headers.get('content-type') ?? '').includes('json');
  const headers = new Headers({ 'content-type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  // The body was not read: the connection cannot carry another request after this answer.
  if (request.headers.has('content-length') || request.headers.has('transfer-encoding')) headers.set('connection', 'close');
  return new Response(json ? JSON.stringify({ message }) : message, { status, headers });
}

/** The answer to an anonymous request for a non-public address. */
function anonymousResponse(event: RequestEvent): Response {
  if (wantsPage(event)) {
    // For a client-side navigation (__data.json) SvelteKit turns this into its own redirect.
    return new Response(null, { status: 302, headers: { location: loginUrl(event.url), 'cache-control': 'no-store' } });
  }
  return refusal(401, 'Sign in first: this address needs a signed-in user.', event.request);
}

/** Adds the security headers every answer carries. */
function secured(response: Response): Response {
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'same-origin');
  response.headers.set('X-Frame-Options', 'DENY');
  // Confidential figures stay out of shared and browser caches.
  if (!response.headers.has('cache-control')) response.headers.set('Cache-Control', 'no-store');
  // Pages get their CSP from SvelteKit (svelte.config.js, with nonces); anything else may run and embed nothing.
  if (!response.headers.has('content-security-policy')) response.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  return response;
}

/** An error while rendering is logged, and the page it broke (maybe only a streamed part of it) is not kept. */
export const handleError: HandleServerError = ({ error, event }) => {
  pages.noteFailure(event.locals);
  console.error(`${event.request.method} ${event.url.pathname}:`, error);
};

export const handle: Handle = async ({ event, resolve }) => {
  const { request, url } = event;
  const canonical = canonicalHostRedirect(request, url);
  if (canonical) return new Response(null, { status: 302, headers: { location: canonical } });
  const crossSite = crossSiteProblem(request, url);
  if (crossSite) return refusal(403, crossSite, request);
  const tooLarge = bodyTooLarge(request, url);
  if (tooLarge) return refusal(413, tooLarge, request);

  const token = readSessionCookie(event.cookies, event.url);
  event.locals.user = token ? await sessionUser(await appDb(), token) : null;
  if (token && !event.locals.user) clearSessionCookie(event.cookies, event.url);
  if (!event.locals.user && !isPublic(event.url.pathname, event.route.id)) {
    const refused = anonymousResponse(event);
    // An expired or revoked session's cookie goes (SvelteKit adds cookies only to responses of resolve).
    if (token) refused.headers.append('set-cookie', expiredSessionCookie(event.cookies, event.url));
    return refused;
  }

  const locale = requestLocale(event.cookies, request.headers);
  // Not in development, where the code changes under the pages.
  const key = dev ? null : pages.keyOf({ user: event.locals.user, locale, request, routeId: event.route.id });
  const db = await appDb();
  const version = db.figuresVersion;
  const kept = key ? pages.serve(key, version) : null;
  if (kept) return kept;
  const response = secured(await resolve(event, { transformPageChunk: htmlLang(locale) }));
  return key ? pages.keep(key, version, response, event.locals, () => db.figuresVersion) : response;
};
