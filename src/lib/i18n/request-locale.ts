/** The interface language of a server request, and the switcher's `?lang=` links that change it. */
import { redirect, type Cookies } from '@sveltejs/kit';
import { asLocale, LOCALE_COOKIE, LOCALE_PARAM, negotiateLocale, type Locale } from './locale.ts';

const ONE_YEAR = 365 * 24 * 60 * 60;

/**
 * The request's language: the `lang` cookie, then Accept-Language, then English. When the URL
 * carries `?lang=zh-CN` (a switcher link), stores the choice in the cookie and redirects (303) to
 * the same address without it, so the view stays bookmarkable and the page reloads in the new language.
 */
export function localeForRequest(url: URL, cookies: Cookies, headers: Headers): Locale {
  const asked = url.searchParams.get(LOCALE_PARAM);
  if (asked !== null) {
    const locale = asLocale(asked);
    if (locale) {
      cookies.set(LOCALE_COOKIE, locale, {
        path: '/',
        maxAge: ONE_YEAR,
        sameSite: 'lax',
        httpOnly: true,
        secure: url.protocol === 'https:',
      });
    }
    const target = new URL(url);
    target.searchParams.delete(LOCALE_PARAM);
    redirect(303, `${target.pathname}${target.search}${target.hash}`);
  }
  return requestLocale(cookies, headers);
}

/** The language of a request without a switch in it: the cookie, then Accept-Language, then English. */
export function requestLocale(cookies: Cookies, headers: Headers): Locale {
  return negotiateLocale(cookies.get(LOCALE_COOKIE), headers.get('accept-language'));
}

/**
 * A `transformPageChunk` for `resolve` that writes the request's language into `<html lang="en">`
 * of src/app.html, so screen readers and the browser's fonts pick the right language from the first byte.
 */
export function htmlLang(locale: Locale): (input: { html: string }) => string {
  return ({ html }) => (locale === 'en' ? html : html.replace('<html lang="en">', `<html lang="${locale}">`));
}
