/**
 * The session cookie. Over HTTPS it is `__Host-duesight`: HttpOnly, Secure, SameSite=Lax, Path=/,
 * no Domain, so no other site or sub-domain can set or read it. Browsers refuse a `__Host-`
 * cookie without Secure, and refuse Secure cookies over plain http:// (except on localhost in
 * some browsers), so a server on http://127.0.0.1 uses the plain name `duesight_session` with the
 * same attributes less Secure. Each name is read only over its own protocol, so a cookie set over
 * http is never accepted over https.
 */
import type { Cookies } from '@sveltejs/kit';

/** The cookie's name over HTTPS. */
export const SECURE_COOKIE_NAME = '__Host-duesight';
/** The cookie's name over plain HTTP (a local server). */
export const PLAIN_COOKIE_NAME = 'duesight_session';

/** The session cookie's name for a request to `url`. */
export function sessionCookieName(url: URL): string {
  return url.protocol === 'https:' ? SECURE_COOKIE_NAME : PLAIN_COOKIE_NAME;
}

/** The session token a request carries, if any. */
export function readSessionCookie(cookies: Cookies, url: URL): string | undefined {
  return cookies.get(sessionCookieName(url));
}

/** Hands the browser a new session token, valid until `expires` (the server still enforces the idle timeout). */
export function writeSessionCookie(cookies: Cookies, url: URL, token: string, expires: Date): void {
  cookies.set(sessionCookieName(url), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires });
}

/** Removes the session cookie. */
export function clearSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(sessionCookieName(url), { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

/** A Set-Cookie header value that removes the session cookie, for responses built without SvelteKit's resolve (which adds cookies itself). */
export function expiredSessionCookie(cookies: Cookies, url: URL): string {
  return cookies.serialize(sessionCookieName(url), '', { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: 0 });
}
