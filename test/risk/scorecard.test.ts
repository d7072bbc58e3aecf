// The scorecard by hand: each factor's sub-score on its default curve, the weighted score,
// reasons, thin histories, tiers and the configuration's checks.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RISK_CONFIG, parseRiskConfig, resolveRiskConfig } from '../../src/lib/risk/config.ts';
import { chooseReasons } from '../../src/lib/risk/reasons.ts';
import { isThinHistory, subscores, weightedScore } from '../../src/lib/risk/scorecard.ts';
import { isDowngrade, tierOf } from '../../src/lib/risk/tiers.ts';
import { scoreFactors } from '../../src/lib/server/risk/scores.ts';
import { factors } from './helpers.ts';

const config = DEFAULT_RISK_CONFIG;
const sub = (over: Parameters<typeof factors>[0]) => subscores(factors(over), config);

describe('each factor on its default curve', () => {
  test('payment index: 40 → 0, 60 → 20, 70 → 50, 80 → 90, 85 and above → 100', () => {
    expect(sub({ payment_index: 80 }).payment_index).toBe(90);
    expect(sub({ payment_index: 75 }).payment_index).toBe(70); // halfway from 50 (70) to 90 (80)
    expect(sub({ payment_index: 65 }).payment_index).toBe(35); // halfway from 20 (60) to 50 (70)
    expect(sub({ payment_index: 95 }).payment_index).toBe(100);
    expect(sub({ payment_index: 30 }).payment_index).toBe(0);
  });

  test('trend of days beyond terms: a rise of 14 days scores 49; a fall scores 100; no history, no factor', () => {
    expect(sub({ dbt_recent: 18, dbt_prior: 4 }).dbt_trend).toBeCloseTo(49, 9); // 85 − 40 × (14 − 5)/10
    expect(sub({ dbt_recent: 2, dbt_prior: 9 }).dbt_trend).toBe(100);
    expect(sub({ dbt_recent: 18, dbt_prior: null }).dbt_trend).toBeNull();
  });

  test('overdue share 20% → 67.5; 90+ share 10% → 56.67', () => {
    expect(sub({ overdue_share: 0.2 }).overdue_share).toBeCloseTo(67.5, 9); // 85 − 35 × 0.1/0.2
    expect(sub({ overdue_90_share: 0.1 }).overdue_90_share).toBeCloseTo(70 - 40 / 3, 9); // 70 − 40 × 0.05/0.15
    expect(sub({ overdue_share: null }).overdue_share).toBeNull(); // nothing open
  });

  test('utilisation 90% → 75; no credit limit, no factor', () => {
    expect(sub({ utilisation: 0.9 }).utilisation).toBeCloseTo(75, 9); // 90 − 30 × 0.1/0.2
    expect(sub({ utilisation: 1.5 }).utilisation).toBe(0);
    expect(sub({ utilisation: null }).utilisation).toBeNull();
  });

  test('disputes 6% → 65; partial payments 20% → 67.5; write-offs 0.5% → 62.2', () => {
    expect(sub({ dispute_share: 0.06 }).disputes).toBeCloseTo(65, 9); // 90 − 50 × 0.04/0.08
    expect(sub({ partial_share: 0.2 }).partial_payments).toBeCloseTo(67.5, 9); // 85 − 35 × 0.1/0.2
    expect(sub({ write_off_share: 0.005 }).write_offs).toBeCloseTo(80 - (40 * 4) / 9, 9); // 80 − 40 × 0.004/0.009
  });

  test('tenure 9 months → 70; 18 invoices a year → 77.5', () => {
    expect(sub({ tenure_months: 9 }).tenure).toBe(70); // halfway from 60 (6) to 80 (12)
    expect(sub({ invoices_12m: 18 }).volume).toBe(77.5); // halfway from 85 (12) to 70 (24)
  });
});

describe('the weighted score', () => {
  test('a customer with nothing notable scores 92.5', () => {
    // Sub-scores: index 80 → 90, volume 12 → 85, the others 100; no limit, so utilisation's 0.04 is left out.
    // 100 − (0.45 × 10 + 0.18 × 15) / 0.96 = 100 − 7.2 / 0.96 = 92.5
    const b = weightedScore(sub({}), config);
    expect(b.score).toBeCloseTo(92.5, 9);
    expect(b.impacts.payment_index).toBeCloseTo(-4.5 / 0.96, 9);
    expect(b.impacts.utilisation).toBeUndefined();
  });

  test('the impacts add up to score − 100', () => {
    const b = weightedScore(sub({ payment_index: 62, overdue_share: 0.4, utilisation: 1.1, partial_share: 0.3 }), config);
    const total = Object.values(b.impacts).reduce((a, v) => a + (v as number), 0);
    expect(total).toBeCloseTo(b.score - 100, 9);
  });

  test('weights are renormalised over the factors that apply', () => {
    const only = resolveRiskConfig({
      weights: { payment_index: 1, dbt_trend: 0, overdue_share: 0, overdue_90_share: 0, utilisation: 1, disputes: 0, partial_payments: 0, write_offs: 0, tenure: 0, volume: 0 },
    });
    expect(weightedScore(sub({ payment_index: 75, utilisation: 0.9 }), only).score).toBeCloseTo(72.5, 9); // (70 + 75) / 2
    expect(weightedScore(sub({ payment_index: 75, utilisation: null }), only).score).toBeCloseTo(70, 9); // index alone
  });
});

describe('reason codes', () => {
  test('a customer slipping: the largest losses first, as sentences with the numbers', () => {
    const f = factors({ payment_index: 62, dbt_recent: 18, dbt_prior: 4, overdue_share: 0.4, partial_share: 0.3 });
    const reasons = chooseReasons(f, weightedScore(subscores(f, config), config), config);
    // Losses: index 62 → 26 points: 0.45 × 74 = 33.3; trend +14 → 49: 0.05 × 51 = 2.55;
    // overdue 40% → 85 − ... = 50 − 40 × 0.1/0.3 = 36.67: 0.08 × 63.3 = 5.07; partial 30% → 50: 0.08 × 50 = 4;
    // volume 12 → 85: 0.18 × 15 = 2.7 (all ÷ 0.96). Order: index, overdue, partial, volume, trend.
    expect(reasons.map((r) => r.code)).toEqual(['PAYS_LATE', 'OVERDUE_BALANCE', 'PARTIAL_PAYMENTS', 'FEW_INVOICES', 'LATENESS_RISING']);
    expect(reasons[0].impact).toBeCloseTo(-34.7, 1); // −33.3 / 0.96
    expect(reasons[1].text).toBe('40% of the balance is overdue');
    expect(reasons[4].text).toBe('pays 18 days late on average, up from 4');
  });

  test('at least three reasons even when little costs points; ties go to the scorecard order', () => {
    const f = factors({});
    const reasons = chooseReasons(f, weightedScore(subscores(f, config), config), config);
    // Only the index (−4.7) and volume (−2.8) cost points; the third is the first zero-loss factor: the trend.
    expect(reasons.map((r) => r.code)).toEqual(['PAYS_ON_TIME', 'FEW_INVOICES', 'LATENESS_STEADY']);
    expect(reasons[2].impact).toBe(0);
  });

  test('no more than five, and beyond three only losses of a point or more', () => {
    const f = factors({ payment_index: 50, overdue_share: 0.5, overdue_90_share: 0.3, utilisation: 1.4, dispute_share: 0.2, partial_share: 0.5, write_off_share: 0.02 });
    expect(chooseReasons(f, weightedScore(subscores(f, config), config), config)).toHaveLength(5);
  });
});

describe('thin history', () => {
  const row = (over: Parameters<typeof factors>[0]) => ({ date: '2026-01-31', customer_id: 'C1', name: 'C1', segment: null, region: null, ...factors(over) });

  test('fewer than 3 settled invoices in 24 months, or under 3 months of tenure, is thin: no score, no reasons, unrated', () => {
    expect(isThinHistory(factors({ settled_invoices: 2 }), config)).toBe(true);
    expect(isThinHistory(factors({ tenure_months: 2 }), config)).toBe(true);
    expect(isThinHistory(factors({ settled_invoices: 3, tenure_months: 3 }), config)).toBe(false);
    const s = scoreFactors(row({ settled_invoices: 2 }), config);
    expect(s).toMatchObject({ score: null, thin_history: true, tier: 'unrated', reasons: [] });
    expect(s.payment_index).toBe(80); // the index is still shown: it is a fact, not a score
  });
});

describe('tiers', () => {
  const t = config.tiers;
  test('VIP from 85 within the limit, standard from 75, watch from 50, high-risk below', () => {
    expect(tierOf(85, 1000, null, t)).toBe('vip');
    expect(tierOf(85, 1000, 1.01, t)).toBe('standard'); // over the limit: never VIP
    expect(tierOf(84.9, 1000, null, t)).toBe('standard');
    expect(tierOf(75, 1000, null, t)).toBe('standard');
    expect(tierOf(74.9, 1000, null, t)).toBe('watch');
    expect(tierOf(50, 1000, null, t)).toBe('watch');
    expect(tierOf(49.9, 1000, null, t)).toBe('high_risk');
    expect(tierOf(null, 1000, null, t)).toBe('unrated');
  });

  test('a large exposure (AR ≥ 250,000) is judged 5 points more strictly', () => {
    expect(tierOf(79.9, 250_000, null, t)).toBe('watch');
    expect(tierOf(80, 250_000, null, t)).toBe('standard');
    expect(tierOf(54.9, 250_000, null, t)).toBe('high_risk');
    expect(tierOf(54.9, 249_999.99, null, t)).toBe('watch');
  });

  test('downgrades go towards high-risk; moves from or to unrated are not downgrades', () => {
    expect(isDowngrade('vip', 'watch')).toBe(true);
    expect(isDowngrade('watch', 'standard')).toBe(false);
    expect(isDowngrade('unrated', 'high_risk')).toBe(false);
  });
});

describe('configuration', () => {
  test('an override changes only what it names and leaves the defaults alone', () => {
    const c = resolveRiskConfig({ tiers: { vip_min_score: 90 }, warnings: { concentration: { share: 0.05 } } });
    expect(c.tiers.vip_min_score).toBe(90);
    expect(c.tiers.watch_below).toBe(75);
    expect(c.warnings.concentration).toEqual({ share: 0.05, high_share: 0.2 });
    expect(DEFAULT_RISK_CONFIG.tiers.vip_min_score).toBe(85);
  });

  test('bad settings are refused with the setting named', () => {
    expect(() => resolveRiskConfig({ tiers: { vip: 90 } })).toThrow(/tiers\.vip is not a setting/);
    expect(() => resolveRiskConfig({ weights: { volume: -1 } })).toThrow(/weights\.volume must be a number ≥ 0/);
    expect(() => resolveRiskConfig({ curves: { tenure: [[0, 40], [0, 60]] } })).toThrow(/curves\.tenure: the values must increase/);
    expect(() => resolveRiskConfig({ curves: { tenure: [[0, 140], [6, 60]] } })).toThrow(/points must be from 0 to 100/);
    expect(() => resolveRiskConfig({ tiers: { watch_below: 90 } })).toThrow(/high_risk_below ≤ watch_below ≤ vip_min_score/);
    expect(() => parseRiskConfig('{oops')).toThrow(/not valid JSON/);
    expect(parseRiskConfig(null)).toEqual(DEFAULT_RISK_CONFIG);
  });
});
