/** Numbers and dates written for a reader in the interface language: one module, so every page and chart agrees. */
import { getLocale } from './i18n/index.ts';

/**
 * The number locale; fixed (not the browser's) so server and browser render the same text.
 * Simplified Chinese groups digits the same way (1,234,567.89), so only units, compact
 * amounts (万, 亿) and dates change with the interface language.
 */
export const NUMBER_LOCALE = 'en-US';
const DASH = '—';

const zh = () => getLocale() === 'zh-CN';

const cache = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(NUMBER_LOCALE, options);
    cache.set(key, f);
  }
  return f;
}
/** nf with exactly `digits` decimals, by digits (the hot path of every table cell). */
const fixed: Intl.NumberFormat[] = [];
function fixedDigits(digits: number): Intl.NumberFormat {
  return (fixed[digits] ??= nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }));
}

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/**
 * The digits of `abs` (≥ 0) rounded to `digits` decimals as Intl.NumberFormat rounds them: the
 * number's shortest decimal text (String(abs)) rounded half away from zero. Null when that text
 * is in exponent form (tiny or huge numbers), for Intl to write.
 */
function roundedDigits(abs: number, digits: number): string | null {
  const text = String(abs);
  if (text.includes('e')) return null;
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  const fraction = point < 0 ? '' : text.slice(point + 1);
  if (fraction.length <= digits) return digits > 0 ? `${whole}.${fraction.padEnd(digits, '0')}` : whole;
  const kept = whole + fraction.slice(0, digits);
  if (fraction.charCodeAt(digits) < 53 /* '5' */) return digits > 0 ? `${whole}.${fraction.slice(0, digits)}` : whole;
  // Round up: add one to the last kept digit, carrying over nines.
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === '9') i--;
  const up = (i < 0 ? '1' : kept.slice(0, i) + String(Number(kept[i]) + 1)) + '0'.repeat(kept.length - 1 - i);
  return digits > 0 ? `${up.slice(0, up.length - digits)}.${up.slice(up.length - digits)}` : up;
}

/**
 * `value` with `digits` decimals and en-US thousands separators: the text of
 * fixedDigits(digits).format (the hot path of every table cell, several times faster).
 */
function grouped(value: number, digits: number): string {
  const text = roundedDigits(Math.abs(value), digits);
  if (text === null) return fixedDigits(digits).format(value);
  const point = digits > 0 ? text.length - digits - 1 : text.length;
  const head = point % 3 || 3;
  let out = text.slice(0, head);
  for (let i = head; i < point; i += 3) out += `,${text.slice(i, i + 3)}`;
  // Rounded to nothing, a negative number is written as Intl writes it ("-0").
  return (value < 0 ? '-' : '') + out + text.slice(point);
}

/** A plain number with thousands separators and `digits` decimals. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (missing(value)) return DASH;
  // -0.00 reads as a change where there is none.
  const v = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  if (NUMBER_LOCALE === 'en-US' && Number.isInteger(digits) && digits >= 0 && digits <= 20) return grouped(v, digits);
  return fixedDigits(digits).format(v);
}

/** Money to the cent, with the currency code after it: "7,695,482.85 USD". */
export function formatMoney(value: number | null | undefined, currency?: string, digits = 2): string {
  if (missing(value)) return DASH;
  const n = formatNumber(value, digits);
  return currency ? `${n} ${currency}` : n;
}

/** Money shortened for tiles and axes: "7.70M USD", "845.2K", "120"; in Chinese "769.55万 USD", "1.20亿". */
export function formatMoneyCompact(value: number | null | undefined, currency?: string): string {
  if (missing(value)) return DASH;
  const abs = Math.abs(value);
  let n: string;
  if (zh()) {
    if (abs >= 1e8) n = `${formatNumber(value / 1e8, 2)}亿`;
    else if (abs >= 1e4) n = `${formatNumber(value / 1e4, 2)}万`;
    else n = formatNumber(value, 0);
  } else if (abs >= 1e9) n = `${formatNumber(value / 1e9, 2)}B`;
  else if (abs >= 1e6) n = `${formatNumber(value / 1e6, 2)}M`;
  else if (abs >= 1e4) n = `${formatNumber(value / 1e3, 1)}K`;
  else n = formatNumber(value, 0);
  return currency ? `${n} ${currency}` : n;
}

/** An axis tick: as short as it can be and still exact for round ticks ("8M", "2.5M", "500K", "0"; "250万", "1亿"). */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  const abs = Math.abs(value);
  const trim = (n: number, unit: string) => `${nf({ maximumFractionDigits: 2 }).format(n)}${unit}`;
  if (zh()) {
    if (abs >= 1e8) return trim(value / 1e8, '亿');
    if (abs >= 1e4) return trim(value / 1e4, '万');
    return trim(value, '');
  }
  if (abs >= 1e9) return trim(value / 1e9, 'B');
  if (abs >= 1e6) return trim(value / 1e6, 'M');
  if (abs >= 1e3) return trim(value / 1e3, 'K');
  return trim(value, '');
}

/** A ratio (0.45) as a percentage ("45.0%"). */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (missing(ratio)) return DASH;
  return `${formatNumber(ratio * 100, digits)}%`;
}

/** A value already in percent (CEI = 74.1) as "74.1%". */
export function formatPercentValue(value: number | null | undefined, digits = 1): string {
  if (missing(value)) return DASH;
  return `${formatNumber(value, digits)}%`;
}

/** A difference of two percentages, in percentage points: "1.5 pp" ("1.5 个百分点" in Chinese). */
export function formatPercentagePoints(value: number | null | undefined, digits = 1): string {
  if (missing(value)) return DASH;
  return `${formatNumber(value, digits)} ${zh() ? '个百分点' : 'pp'}`;
}

/** Days with one decimal: "71.0 days" ("71.0 天" in Chinese). */
export function formatDays(value: number | null | undefined, unit = zh() ? '天' : 'days'): string {
  if (missing(value)) return DASH;
  return `${formatNumber(value, 1)} ${unit}`;
}

/** A signed change for reading: "+2.1 days", "−0.4%", and no sign when it rounds to nothing. */
export function formatSigned(value: number | null | undefined, format: (v: number) => string): string {
  if (missing(value)) return DASH;
  const text = format(Math.abs(value));
  if (text === format(0)) return text;
  return `${value > 0 ? '+' : '−'}${text}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Year, month and day of an ISO date (YYYY-MM-DD), read by position: pages format thousands of dates. */
function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

/** An ISO date for reading: "31 Dec 2024"; in Chinese "2024年12月31日". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const [y, m, d] = parts(iso);
  return zh() ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The month of an ISO date: "Dec 2024"; in Chinese "2024年12月". */
export function formatMonth(iso: string): string {
  const [y, m] = parts(iso);
  return zh() ? `${y}年${m}月` : `${MONTHS[m - 1]} ${y}`;
}

/** A date on a month-end axis: month-ends as "Jun 2024", any other day (an as-of date) as "15 Jun 2024". */
export function formatAxisDate(iso: string): string {
  const [y, m, d] = parts(iso);
  const monthEnd = new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
  return monthEnd ? formatMonth(iso) : formatDate(iso);
}

/** A date in a month-end chart's tooltip: month-ends as "Jun 2024", other days in full. */
export function formatAxisDateLong(iso: string): string {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d ? formatMonth(iso) : formatDate(iso);
}
