/** The risk engine's reason and warning sentences in the interface language (`risk.reason.*`, `risk.warning.*` in src/lib/i18n). */
import { formatDate, formatNumber, formatPercent } from '../format.ts';
import { getLocale, LOCALES, t, type MessageKey, type MessageValues } from '../i18n/index.ts';
import type { Reason, Warning, WarningRule } from './types.ts';

type Value = number | string | null | undefined;

/**
 * A number the engine writes as it is (`${n}`): with as many decimals as it has (at most 3), so the
 * English sentence stays the engine's; grouped from 1,000 on (where the engine writes "1500").
 */
function plain(value: Value): string {
  if (typeof value !== 'number') return String(value);
  const decimals = Number.isInteger(value) ? 0 : Math.min(3, (String(value).split('.')[1] ?? '').length);
  return formatNumber(value, decimals);
}

const num = (value: Value): number | null => (typeof value === 'number' ? value : null);
/** Money as the engine writes it in a sentence: whole units with thousands separators, no currency. */
const money = (value: Value) => formatNumber(num(value), 0);
/** A rounded number of days, as the engine rounds it. */
const wholeDays = (value: Value) => (typeof value === 'number' ? formatNumber(Math.round(value), 0) : String(value));
/** The engine writes ISO dates; the English sentence keeps them, other languages read them as format.ts writes dates. */
const isoDate = (value: Value) => (getLocale() === 'en' || typeof value !== 'string' ? String(value) : formatDate(value));
const tierName = (value: Value) => t(`risk.tier.${value}` as MessageKey);

type Read = (key: string) => Value;

/** The two past-due rules write their numbers alike. */
const pastDue = (v: Read): MessageValues => ({ amount: money(v('amount')), invoices: plain(v('invoices')), lookback_days: plain(v('lookback_days')) });

/** Each rule's values written as its sentence writes them (src/lib/risk/warning-rules.ts). */
const WARNING_VALUES: Record<WarningRule, (v: Read) => MessageValues> = {
  credit_limit_exceeded: (v) => ({ ar: money(v('ar')), utilisation: formatPercent(num(v('utilisation')), 0), credit_limit: money(v('credit_limit')) }),
  past_90: pastDue,
  past_60: pastDue,
  dbt_rising: (v) => ({ dbt_recent: wholeDays(v('dbt_recent')), dbt_prior: wholeDays(v('dbt_prior')) }),
  score_drop: (v) => ({
    drop: formatNumber(num(v('drop')), 1), days: plain(v('days')),
    score_before: formatNumber(num(v('score_before')), 1), score: formatNumber(num(v('score')), 1),
  }),
  tier_downgrade: (v) => ({
    from_tier: tierName(v('from_tier')), to_tier: tierName(v('to_tier')), from_date: isoDate(v('from_date')), score: formatNumber(num(v('score')), 1),
  }),
  broken_pattern: (v) => ({ cycles: plain(v('cycles')), cycle_days: plain(v('cycle_days')), fell_due: money(v('fell_due')), last_payment: isoDate(v('last_payment')) }),
  concentration: (v) => ({ share: formatPercent(num(v('share')), 1), ar: money(v('ar')), book_ar: money(v('book_ar')) }),
  portfolio_dso_high: (v) => ({ dso: formatNumber(num(v('dso')), 1), limit: plain(v('limit')) }),
  portfolio_dso_jump: (v) => {
    const dso = num(v('dso'));
    const before = num(v('dso_before'));
    return {
      rise: formatNumber(dso === null || before === null ? null : dso - before, 1),
      before_date: isoDate(v('before_date')), dso_before: formatNumber(before, 1), dso: formatNumber(dso, 1),
    };
  },
  portfolio_overdue_high: (v) => ({ overdue_ratio: formatPercent(num(v('overdue_ratio')), 1), limit: formatPercent(num(v('limit')), 0) }),
  portfolio_overdue_jump: (v) => ({
    overdue_ratio_before: formatPercent(num(v('overdue_ratio_before')), 1), overdue_ratio: formatPercent(num(v('overdue_ratio')), 1),
    before_date: isoDate(v('before_date')),
  }),
};

/** `key` filled with `values`, or `fallback` when the key is unknown or a placeholder has no value. */
function sentence(key: string, values: MessageValues, fallback: string): string {
  if (!(key in LOCALES.en)) return fallback;
  const text = t(key as MessageKey, values);
  return /\{\w+\}/.test(text) ? fallback : text;
}

/** A reason code's sentence in the interface language (the engine's English `text` for an unknown code). */
export function reasonSentence(r: Reason): string {
  const values = Object.fromEntries(Object.entries(r.values ?? {}).map(([k, v]) => [k, plain(v)]));
  return sentence(`risk.reason.${r.code}`, values, r.text);
}

/** An early warning's sentence in the interface language (the engine's English `message` for an unknown rule). */
export function warningSentence(w: Warning): string {
  const spec = WARNING_VALUES[w.rule];
  if (!spec) return w.message;
  // A value the rule did not report (undefined, unlike a reported null) leaves the sentence to the engine.
  let complete = true;
  const values = spec((key) => {
    const value = w.values?.[key];
    if (value === undefined) complete = false;
    return value;
  });
  return complete ? sentence(`risk.warning.${w.rule}`, values, w.message) : w.message;
}
