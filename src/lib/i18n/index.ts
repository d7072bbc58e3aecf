/** Looks up interface strings by key and fills their {placeholders}; one place to add a language. */
import { en, type MessageKey, type Messages } from './en.ts';

export type { MessageKey, Messages };

/** The languages the interface speaks; 'zh-CN' joins when its file exists. */
export const LOCALES = { en } satisfies Record<string, Messages>;
export type Locale = keyof typeof LOCALES;

/** Values for a message's {placeholders}. */
export type MessageValues = Record<string, string | number>;

/** A `t` function bound to one language (falls back to English for a missing key). */
export function translator(locale: Locale = 'en'): (key: MessageKey, values?: MessageValues) => string {
  const messages: Messages = LOCALES[locale] ?? en;
  return (key, values) => {
    const text = messages[key] ?? en[key] ?? key;
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}

/** The interface strings in English, the only language for now. */
export const t = translator('en');
