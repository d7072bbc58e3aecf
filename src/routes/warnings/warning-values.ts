/** The numbers behind a warning, each with its translated name and written in its unit (money, %, days, date, tier). */
import { formatDate, formatMoney, formatNumber, formatPercent } from '$lib/format';
import { t, type MessageKey } from '$lib/i18n';
import type { Warning } from '$lib/risk/types';

type Kind = 'money' | 'ratio' | 'days' | 'count' | 'points' | 'date' | 'tier';

/** The unit of each value the rules report (src/lib/risk/warning-rules.ts); unknown keys are written as plain numbers. */
const KINDS: Record<string, Kind> = {
  ar: 'money', credit_limit: 'money', amount: 'money', fell_due: 'money', book_ar: 'money',
  utilisation: 'ratio', share: 'ratio', overdue_ratio: 'ratio', overdue_ratio_before: 'ratio',
  lookback_days: 'days', dbt_recent: 'days', dbt_prior: 'days', increase: 'days', days: 'days', cycle_days: 'days', dso: 'days', dso_before: 'days',
  invoices: 'count', cycles: 'count',
  score: 'points', score_before: 'points', drop: 'points',
  from_date: 'date', last_payment: 'date', before_date: 'date',
  from_tier: 'tier', to_tier: 'tier',
};

/** The values that have a translated name. */
const KEY_SET: Record<string, true> = Object.fromEntries(
  [...Object.keys(KINDS), 'limit'].map((k) => [`warnings.value.${k}`, true]),
);

/** A value's unit; `limit` is in days for the DSO rule and a ratio for the overdue rule. */
function kindOf(rule: Warning['rule'], key: string): Kind | undefined {
  if (key === 'limit') return rule === 'portfolio_dso_high' ? 'days' : 'ratio';
  return KINDS[key];
}

function written(kind: Kind | undefined, value: number | string): string {
  if (typeof value === 'string') {
    if (kind === 'date') return formatDate(value);
    if (kind === 'tier') return t(`risk.tier.${value}` as MessageKey);
    return value;
  }
  switch (kind) {
    case 'money':
      return formatMoney(value, undefined, 0);
    case 'ratio':
      return formatPercent(value);
    case 'days':
    case 'points':
      return formatNumber(value, Number.isInteger(value) ? 0 : 1);
    default:
      return formatNumber(value, Number.isInteger(value) ? 0 : 2);
  }
}

/** The warning's numbers as label/value pairs, in the rule's own order; empty values are left out. */
export function warningValues(w: Warning): { key: string; label: string; value: string }[] {
  return Object.entries(w.values)
    .filter((entry): entry is [string, number | string] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => {
      const label = `warnings.value.${key}`;
      return { key, label: label in KEY_SET ? t(label as MessageKey) : key, value: written(kindOf(w.rule, key), value) };
    });
}
