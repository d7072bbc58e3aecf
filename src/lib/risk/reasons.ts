/** Reason codes: the factors that moved a score most, as plain sentences with their numbers. */
import type { RiskConfig } from './config.ts';
import { dbtIncrease, type ScoreBreakdown } from './scorecard.ts';
import { SCORE_FACTORS, type CustomerFactors, type Reason, type ScoreFactor } from './types.ts';

const pct = (share: number) => `${Math.round(share * 100)}%`;
const days = (d: number) => Math.round(d);

/** The sentence (and its numbers) for one factor of one customer; the wording follows the value. */
export function reasonFor(factor: ScoreFactor, f: CustomerFactors): Omit<Reason, 'impact'> {
  switch (factor) {
    case 'payment_index': {
      const index = Math.round(f.payment_index ?? 0);
      const text = index >= 80
        ? `pays on time or early: payment index ${index} over 24 months (80 = on time)`
        : `pays late: payment index ${index} over 24 months (80 = on time)`;
      return { code: index >= 80 ? 'PAYS_ON_TIME' : 'PAYS_LATE', text, values: { index } };
    }
    case 'dbt_trend': {
      const recent = days(f.dbt_recent ?? 0);
      const prior = days(f.dbt_prior ?? 0);
      const rising = (dbtIncrease(f) ?? 0) > 0 && recent > prior;
      return {
        code: rising ? 'LATENESS_RISING' : 'LATENESS_STEADY',
        text: rising
          ? `pays ${recent} days late on average, up from ${prior}`
          : `pays ${recent} days late on average, against ${prior} in the 12 months before`,
        values: { recent, prior },
      };
    }
    case 'overdue_share': {
      const share = f.overdue_share ?? 0;
      return share > 0
        ? { code: 'OVERDUE_BALANCE', text: `${pct(share)} of the balance is overdue`, values: { share: pct(share) } }
        : { code: 'NOTHING_OVERDUE', text: 'nothing is overdue', values: {} };
    }
    case 'overdue_90_share': {
      const share = f.overdue_90_share ?? 0;
      return share > 0
        ? { code: 'OVERDUE_90', text: `${pct(share)} of the balance is more than 90 days overdue`, values: { share: pct(share) } }
        : { code: 'NOTHING_90_OVERDUE', text: 'nothing is more than 90 days overdue', values: {} };
    }
    case 'utilisation': {
      const used = f.utilisation ?? 0;
      return used > 1
        ? { code: 'OVER_LIMIT', text: `the balance is ${pct(used)} of the credit limit`, values: { utilisation: pct(used) } }
        : { code: 'WITHIN_LIMIT', text: `the balance uses ${pct(Math.max(0, used))} of the credit limit`, values: { utilisation: pct(Math.max(0, used)) } };
    }
    case 'disputes': {
      const share = f.dispute_share ?? 0;
      return share > 0
        ? { code: 'DISPUTES', text: `${pct(share)} of the last 12 months' billing is disputed`, values: { share: pct(share) } }
        : { code: 'NO_DISPUTES', text: 'no disputes in the last 12 months', values: {} };
    }
    case 'partial_payments': {
      const share = f.partial_share ?? 0;
      return share > 0
        ? { code: 'PARTIAL_PAYMENTS', text: `pays ${pct(share)} of its invoices in parts`, values: { share: pct(share) } }
        : { code: 'PAYS_IN_FULL', text: 'pays its invoices in full', values: {} };
    }
    case 'write_offs': {
      const share = f.write_off_share ?? 0;
      return share > 0
        ? { code: 'WRITE_OFFS', text: `${(share * 100).toFixed(1)}% of 24 months' billing was written off`, values: { share: `${(share * 100).toFixed(1)}%` } }
        : { code: 'NO_WRITE_OFFS', text: 'no write-offs in 24 months', values: {} };
    }
    case 'tenure':
      return f.tenure_months < 12
        ? { code: 'NEW_CUSTOMER', text: `a customer for only ${f.tenure_months} months`, values: { months: f.tenure_months } }
        : { code: 'ESTABLISHED', text: `a customer for ${f.tenure_months} months`, values: { months: f.tenure_months } };
    case 'volume':
      return f.invoices_12m > 12
        ? { code: 'FREQUENT_BILLING', text: `${f.invoices_12m} invoices in the last 12 months, each one a chance to pay late`, values: { invoices: f.invoices_12m } }
        : { code: 'FEW_INVOICES', text: `${f.invoices_12m} invoices in the last 12 months`, values: { invoices: f.invoices_12m } };
  }
}

/**
 * The reasons of a score: the factors that cost the most points, largest loss first, at least
 * `reasons.min` and at most `reasons.max`; beyond the minimum only losses of at least
 * `reasons.min_impact` points count. Ties go to the factor listed first in the scorecard.
 */
export function chooseReasons(f: CustomerFactors, breakdown: ScoreBreakdown, config: RiskConfig): Reason[] {
  const { min, max, min_impact } = config.reasons;
  const ranked = SCORE_FACTORS.filter((k) => breakdown.impacts[k] !== undefined)
    .map((k, order) => ({ k, order, impact: breakdown.impacts[k] as number }))
    .sort((a, b) => a.impact - b.impact || a.order - b.order);
  const chosen = ranked.filter((r, i) => i < min || (i < max && r.impact <= -min_impact));
  return chosen.map((r) => ({ ...reasonFor(r.k, f), impact: Math.round(r.impact * 10) / 10 }));
}
