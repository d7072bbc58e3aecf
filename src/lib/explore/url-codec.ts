/** Writes the explorer's selection into a URL query and reads it back, so a reload or a link restores it. */
import {
  CATEGORY_VIEWS,
  emptySelection,
  Y_MEASURES,
  type CategoryValue,
  type CategoryView,
  type MonthRange,
  type Range,
  type Selection,
  type YMeasure,
} from './selection.ts';

/** The query parameters of a selection, e.g. `amount=1000..25000&pick_segment=Enterprise`. */
export const SELECTION_PARAMS = ['y', 'amount', 'ydays', 'dbt', 'month', ...CATEGORY_VIEWS.map((v) => `pick_${v}`)] as const;

/** How a "none" category (no segment, no payment method) is written in the URL. */
export const NONE_TOKEN = '~none';

const Y_TOKENS: Record<YMeasure, string> = { days_to_pay: 'dtp', days_beyond_terms: 'dbt' };
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function rangeText(r: Range): string {
  return `${r[0]}..${r[1]}`;
}

/** `text` as a range lo..hi of finite numbers with lo < hi, or a sentence saying what is wrong. */
function parseRange(name: string, text: string): Range | string {
  const parts = text.split('..');
  const [lo, hi] = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 2 || !Number.isFinite(lo) || !Number.isFinite(hi) || lo >= hi) {
    return `The ${name} range "${text}" is not two numbers lo..hi with lo below hi.`;
  }
  return [lo, hi];
}

function parseMonths(text: string): MonthRange | string {
  const [first, last, ...rest] = text.split('..');
  if (rest.length || !MONTH.test(first ?? '') || !MONTH.test(last ?? '') || first > last) {
    return `The month range "${text}" is not two months YYYY-MM..YYYY-MM, the first not after the last.`;
  }
  return [first, last];
}

function categoryValue(view: CategoryView, token: string): CategoryValue | string {
  if (token === NONE_TOKEN) return null;
  if (view !== 'terms') return token;
  return /^\d{1,5}$/.test(token) ? Number(token) : `The terms "${token}" are not a whole number of days.`;
}

/** What `decodeSelection` read, and the parameters it had to ignore (for a 400 on the server). */
export interface DecodedSelection {
  selection: Selection;
  problems: string[];
}

/** The selection a URL query names; unreadable parts are left out and described in `problems`. */
export function decodeSelection(params: URLSearchParams): DecodedSelection {
  const selection = emptySelection();
  const problems: string[] = [];
  const y = params.get('y');
  if (y !== null) {
    const measure = Y_MEASURES.find((m) => Y_TOKENS[m] === y);
    if (measure) selection.y = measure;
    else problems.push(`The scatter measure "${y}" is not one of: ${Object.values(Y_TOKENS).join(', ')}.`);
  }
  for (const name of ['amount', 'ydays', 'dbt'] as const) {
    const text = params.get(name);
    if (text === null) continue;
    const r = parseRange(name, text);
    if (typeof r === 'string') problems.push(r);
    else selection[name] = r;
  }
  const month = params.get('month');
  if (month !== null) {
    const r = parseMonths(month);
    if (typeof r === 'string') problems.push(r);
    else selection.month = r;
  }
  for (const view of CATEGORY_VIEWS) {
    const values: CategoryValue[] = [];
    for (const token of params.getAll(`pick_${view}`)) {
      const v = categoryValue(view, token);
      if (view === 'terms' && typeof v === 'string') problems.push(v);
      else if (!values.includes(v)) values.push(v);
    }
    if (values.length) selection.categories[view] = values;
  }
  return { selection, problems };
}

/** `params` with the selection's parameters replaced by those of `s` (other parameters kept). */
export function encodeSelection(s: Selection, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const key of SELECTION_PARAMS) out.delete(key);
  if (s.y !== 'days_to_pay') out.set('y', Y_TOKENS[s.y]);
  if (s.amount) out.set('amount', rangeText(s.amount));
  if (s.ydays) out.set('ydays', rangeText(s.ydays));
  if (s.dbt) out.set('dbt', rangeText(s.dbt));
  if (s.month) out.set('month', `${s.month[0]}..${s.month[1]}`);
  for (const view of CATEGORY_VIEWS) {
    for (const v of s.categories[view] ?? []) out.append(`pick_${view}`, v === null ? NONE_TOKEN : String(v));
  }
  return out;
}
