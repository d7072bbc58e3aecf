/**
 * Looks up interface strings by key in the current language and fills their {placeholders}.
 *
 * The current language is one module-level value. The root layout sets it from the request's
 * locale (see locale.ts and routes/+layout.server.ts) before any child component renders. That
 * is safe per request because SvelteKit renders a page synchronously on the server (Svelte 5
 * without experimental async SSR): no other request's render can run between the layout's
 * `setLocale` and the last `t` call of the page. In the browser there is one reader, and a
 * change of language reloads the page. Code that runs outside a render on the server (loads,
 * actions, exports) must not rely on it: use `translator(locale)` there.
 */
import { en, type MessageKey, type Messages } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, type Locale } from './locale.ts';

export type { MessageKey, Messages, Locale };
export { SUPPORTED_LOCALES, DEFAULT_LOCALE };

/** The strings of each interface language. */
export const LOCALES: Record<Locale, Partial<Messages>> = { en, 'zh-CN': zhCN };

/** Values for a message's {placeholders}. */
export type MessageValues = Record<string, string | number>;

let current: Locale = DEFAULT_LOCALE;

/** Makes `locale` the language of `t` and of src/lib/format.ts from now on. */
export function setLocale(locale: Locale): void {
  current = locale in LOCALES ? locale : DEFAULT_LOCALE;
}

/** The language `t` speaks right now. */
export function getLocale(): Locale {
  return current;
}

function lookup(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const text = LOCALES[locale]?.[key] ?? en[key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A `t` function bound to one language (falls back to English for a missing key). */
export function translator(locale: Locale = DEFAULT_LOCALE): (key: MessageKey, values?: MessageValues) => string {
  return (key, values) => lookup(locale, key, values);
}

/** An interface string in the current language, with its {placeholders} filled. */
export function t(key: MessageKey, values?: MessageValues): string {
  return lookup(current, key, values);
}
