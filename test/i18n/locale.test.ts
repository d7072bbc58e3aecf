// Which language a request gets: the cookie, then Accept-Language, then English; the switcher's
// ?lang= link stores the choice and redirects to the same view; t() and translator() follow it.
import { isRedirect, type Cookies } from '@sveltejs/kit';
import { afterEach, describe, expect, test } from 'vitest';
import { getLocale, setLocale, t, translator } from '../../src/lib/i18n/index.ts';
import { asLocale, fromAcceptLanguage, hrefInLocale, negotiateLocale } from '../../src/lib/i18n/locale.ts';
import { htmlLang, localeForRequest } from '../../src/lib/i18n/request-locale.ts';

/** A cookie jar with just what localeForRequest uses. */
function jar(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const set: { name: string; value: string; opts: Record<string, unknown> }[] = [];
  const cookies = {
    get: (name: string) => values.get(name),
    set: (name: string, value: string, opts: Record<string, unknown>) => {
      values.set(name, value);
      set.push({ name, value, opts });
    },
  } as unknown as Cookies;
  return { cookies, set };
}

afterEach(() => setLocale('en'));

describe('negotiating the language', () => {
  test('tags are matched to Simplified Chinese or English, Traditional Chinese is not Simplified', () => {
    expect(asLocale('zh-CN')).toBe('zh-CN');
    expect(asLocale('zh-cn')).toBe('zh-CN');
    expect(asLocale('zh')).toBe('zh-CN');
    expect(asLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(asLocale('zh-TW')).toBeNull();
    expect(asLocale('en-GB')).toBe('en');
    expect(asLocale('fr')).toBeNull();
    expect(asLocale('../../etc')).toBeNull();
  });

  test('Accept-Language is read by its q-values', () => {
    expect(fromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(fromAcceptLanguage('fr-FR, en;q=0.5, zh;q=0.7')).toBe('zh-CN');
    expect(fromAcceptLanguage('de, fr')).toBeNull();
    expect(fromAcceptLanguage('zh-TW, en-US;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('zh;q=0')).toBeNull();
  });

  test('the cookie wins over Accept-Language, and English is the default', () => {
    expect(negotiateLocale('en', 'zh-CN')).toBe('en');
    expect(negotiateLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(negotiateLocale('klingon', 'zh-CN')).toBe('zh-CN');
    expect(negotiateLocale(undefined, undefined)).toBe('en');
  });
});

describe('the switcher', () => {
  test('its link keeps the view and adds ?lang=', () => {
    const url = new URL('http://127.0.0.1/aging?as_of=2024-03-31&segment=Retail');
    expect(hrefInLocale(url, 'zh-CN')).toBe('/aging?as_of=2024-03-31&segment=Retail&lang=zh-CN');
  });

  test('?lang=zh-CN sets a year-long cookie and redirects to the same view without it', () => {
    const { cookies, set } = jar();
    const url = new URL('http://127.0.0.1/aging?as_of=2024-03-31&lang=zh-CN&sort=ar');
    let thrown: unknown;
    try {
      localeForRequest(url, cookies, new Headers());
    } catch (e) {
      thrown = e;
    }
    expect(isRedirect(thrown)).toBe(true);
    if (!isRedirect(thrown)) return;
    expect(thrown.status).toBe(303);
    expect(thrown.location).toBe('/aging?as_of=2024-03-31&sort=ar');
    expect(set).toEqual([
      { name: 'lang', value: 'zh-CN', opts: { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: false } },
    ]);
  });

  test('an unknown ?lang= is dropped without touching the cookie', () => {
    const { cookies, set } = jar({ lang: 'zh-CN' });
    expect(() => localeForRequest(new URL('http://127.0.0.1/?lang=xx'), cookies, new Headers())).toThrow();
    expect(set).toEqual([]);
    expect(localeForRequest(new URL('http://127.0.0.1/'), cookies, new Headers({ 'accept-language': 'en' }))).toBe('zh-CN');
  });

  test('<html lang> is written for Chinese pages', () => {
    const page = '<!doctype html>\n<html lang="en">\n<head>';
    expect(htmlLang('zh-CN')({ html: page })).toContain('<html lang="zh-CN">');
    expect(htmlLang('en')({ html: page })).toBe(page);
  });
});

describe('t follows the current language', () => {
  test('setLocale switches t; translator is fixed; placeholders are filled', () => {
    expect(t('nav.aging')).toBe('Aging');
    setLocale('zh-CN');
    expect(getLocale()).toBe('zh-CN');
    expect(t('nav.aging')).toBe('账龄');
    expect(t('aging.page', { page: 2, pages: 7 })).toBe('第 2 页，共 7 页');
    expect(translator('en')('nav.aging')).toBe('Aging');
    setLocale('en');
    expect(t('aging.page', { page: 2, pages: 7 })).toBe('Page 2 of 7');
  });
});
