/** The only addresses an anonymous request may reach; everything else needs a signed-in user (deny by default). */

/** Route ids open to everyone: the login page. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/login']);

/** Paths open to everyone that are not routes: the icon and robots file, and the app's built assets. */
const PUBLIC_PATHS = new Set(['/favicon.svg', '/favicon.ico', '/favicon.png', '/robots.txt']);
const PUBLIC_PREFIXES = ['/_app/immutable/', '/_app/version.json'];

/** Whether a request for `pathname` (matched to `routeId`, or null) needs no sign-in. */
export function isPublic(pathname: string, routeId: string | null): boolean {
  if (routeId !== null && PUBLIC_ROUTES.has(routeId)) return true;
  return PUBLIC_PATHS.has(pathname) || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
}

/** Where the login page sends the user after signing in: a path on this site, else the overview. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f]/.test(next)) return '/';
  return next;
}

/** The login page's address for someone who asked for `url`. */
export function loginUrl(url: URL): string {
  const here = `${url.pathname}${url.search}`;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}
