/** Which interface language a request asks for: the `lang` cookie, then Accept-Language, then English. */

/** The interface languages, in the order the switcher lists them. */
export const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;
/** An interface language. */
export type Locale = (typeof SUPPORTED_LOCALES)[number];
/** The language when nothing says otherwise. */
export const DEFAULT_LOCALE: Locale = 'en';
/** The cookie that keeps the reader's choice. */
export const LOCALE_COOKIE = 'lang';

/** The query parameter of the switcher's links (`?lang=zh-CN`). */
export const LOCALE_PARAM = 'lang';

/** Each language's name written in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** `value` as a supported locale, matching case-insensitively ("zh-cn", "zh-Hans", "zh"), or null. */
export function asLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const tag = value.trim().toLowerCase();
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  // Simplified Chinese: zh, zh-CN, zh-SG, zh-Hans(-*); not Traditional (zh-TW, zh-HK, zh-Hant).
  if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')) return 'zh-CN';
  return null;
}

/** The best supported language in an Accept-Language header, by its q-values; null if none. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((r) => r.tag && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const r of ranked) {
    const locale = asLocale(r.tag);
    if (locale) return locale;
  }
  return null;
}

/** The language of a request: a valid `lang` cookie wins, then Accept-Language, then English. */
export function negotiateLocale(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return asLocale(cookie) ?? fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** The address of the current view in another language: the switcher's link. */
export function hrefInLocale(url: URL, locale: Locale): string {
  const target = new URL(url);
  target.searchParams.set(LOCALE_PARAM, locale);
  return `${target.pathname}${target.search}`;
}
