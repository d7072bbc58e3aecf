// Each early-warning rule fires when it should and stays quiet when it should not: the rules by
// hand on small histories, then the invoice-level facts from a hand-written book.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RISK_CONFIG } from '../../src/lib/risk/config.ts';
import {
  customerWarnings, heldSince, portfolioWarnings, type CustomerWarningInput, type ScorePoint, type WarningFacts,
} from '../../src/lib/risk/warning-rules.ts';
import type { Book } from '../helpers/book.ts';
import { earlyWarnings } from '../../src/lib/server/risk/warnings.ts';
import { withBook } from '../kpi/helpers.ts';

const t = DEFAULT_RISK_CONFIG.warnings;
const point = (date: string, over: Partial<ScorePoint> = {}): ScorePoint => ({
  date, score: 88, tier: 'vip', ar: 1000, credit_limit: 2000, utilisation: 0.5, dbt_recent: 2, dbt_prior: 2, ...over,
});
const quietFacts: WarningFacts = {
  past_60_new: 0, past_60_invoices: 0, past_60_since: null, past_90_new: 0, past_90_invoices: 0, past_90_since: null,
  fell_due: 0, fell_due_since: null, cycles_paid: 0, payments_latest: 0, last_payment: null,
};
function input(history: ScorePoint[], over: Partial<CustomerWarningInput> = {}): CustomerWarningInput {
  return { customer_id: 'C1', name: 'One', history, score_before: 88, facts: quietFacts, book_ar: 100_000, ...over };
}
const rules = (i: CustomerWarningInput) => customerWarnings(i, t).map((w) => w.rule);
const only = (i: CustomerWarningInput, rule: string) => customerWarnings(i, t).filter((w) => w.rule === rule);

describe('customer rules', () => {
  test('a quiet customer raises nothing', () => {
    expect(rules(input([point('2024-05-31'), point('2024-06-30')]))).toEqual([]);
  });

  test('credit limit exceeded: over 100% fires (high from 125%), since the first month-end of the run', () => {
    const h = [point('2024-04-30', { utilisation: 1.2 }), point('2024-05-31', { utilisation: 0.9 }), point('2024-06-30', { utilisation: 1.1 }), point('2024-07-15', { ar: 2600, utilisation: 1.3 })];
    const [w] = only(input(h), 'credit_limit_exceeded');
    expect(w).toMatchObject({ severity: 'high', since: '2024-06-30', values: { ar: 2600, credit_limit: 2000, utilisation: 1.3 } });
    expect(w.message).toBe('The balance of 2,600 is 130% of the credit limit of 2,000.');
    expect(only(input([point('2024-06-30', { utilisation: 1.1 })]), 'credit_limit_exceeded')[0].severity).toBe('medium');
    expect(only(input([point('2024-06-30', { utilisation: 1 })]), 'credit_limit_exceeded')).toEqual([]); // at the limit, not over it
    expect(only(input([point('2024-06-30', { utilisation: null, credit_limit: null })]), 'credit_limit_exceeded')).toEqual([]);
  });

  test('new amount past 60 (medium) and past 90 (high) days, with the amount and since when', () => {
    const facts = { ...quietFacts, past_60_new: 700, past_60_invoices: 1, past_60_since: '2024-06-20', past_90_new: 300, past_90_invoices: 1, past_90_since: '2024-06-24' };
    const ws = customerWarnings(input([point('2024-06-30')], { facts }), t);
    expect(ws.find((w) => w.rule === 'past_60')).toMatchObject({ severity: 'medium', since: '2024-06-20', values: { amount: 700, invoices: 1 } });
    expect(ws.find((w) => w.rule === 'past_90')).toMatchObject({ severity: 'high', since: '2024-06-24', values: { amount: 300 } });
    expect(rules(input([point('2024-06-30')], { facts: { ...facts, past_60_invoices: 0, past_60_new: 0, past_90_invoices: 0, past_90_new: 0 } }))).toEqual([]);
  });

  test('days beyond terms rising sharply: +10 days and 1.5× the own history', () => {
    const at = (recent: number, prior: number) => only(input([point('2024-06-30', { dbt_recent: recent, dbt_prior: prior })]), 'dbt_rising');
    expect(at(25, 10)[0]).toMatchObject({ severity: 'medium', values: { dbt_recent: 25, dbt_prior: 10, increase: 15 } }); // +15, 2.5×
    expect(at(25, 10)[0].message).toBe('Pays 25 days late on average over the last 3 months, up from 10 in the 12 months before.');
    expect(at(45, 5)[0].severity).toBe('high'); // +40 ≥ 30
    expect(at(45, 40)).toEqual([]); // +5 only
    expect(at(50, 35)).toEqual([]); // +15 but only 1.43× a slow payer's usual
    expect(only(input([point('2024-06-30', { dbt_recent: 40, dbt_prior: null })]), 'dbt_rising')).toEqual([]); // no history to compare
  });

  test('score dropped 15 points or more in 90 days (high from 25)', () => {
    const h = [point('2024-04-30', { score: 80 }), point('2024-05-31', { score: 70 }), point('2024-06-30', { score: 64 })];
    const [w] = only(input(h, { score_before: 80 }), 'score_drop');
    // 80 − 64 = 16; the drop first reached 15 at the June month-end (May: only 10).
    expect(w).toMatchObject({ severity: 'medium', since: '2024-06-30', values: { score: 64, score_before: 80, drop: 16 } });
    expect(only(input([point('2024-06-30', { score: 66 })], { score_before: 80 }), 'score_drop')).toEqual([]); // 14
    expect(only(input([point('2024-06-30', { score: 50 })], { score_before: 80 }), 'score_drop')[0].severity).toBe('high'); // 30
    expect(only(input([point('2024-06-30', { score: 50 })], { score_before: null }), 'score_drop')).toEqual([]); // not scored then
  });

  test('tier downgrade since the previous month-end; an upgrade or a move from unrated is not one', () => {
    const h = [point('2024-05-31', { tier: 'standard' }), point('2024-06-30', { tier: 'watch', score: 70 })];
    expect(only(input(h), 'tier_downgrade')[0]).toMatchObject({ severity: 'medium', since: '2024-06-30', values: { from_tier: 'standard', to_tier: 'watch' } });
    expect(only(input([point('2024-05-31', { tier: 'watch' }), point('2024-06-30', { tier: 'high_risk' })]), 'tier_downgrade')[0].severity).toBe('high');
    expect(only(input([point('2024-05-31', { tier: 'watch' }), point('2024-06-30', { tier: 'standard' })]), 'tier_downgrade')).toEqual([]);
    expect(only(input([point('2024-05-31', { tier: 'unrated' }), point('2024-06-30', { tier: 'high_risk' })]), 'tier_downgrade')).toEqual([]);
  });

  test('broken pattern: paid in each of the 6 previous cycles, nothing in the latest, while money fell due', () => {
    const facts = { ...quietFacts, cycles_paid: 6, payments_latest: 0, fell_due: 1000, fell_due_since: '2024-06-14', last_payment: '2024-05-14' };
    expect(only(input([point('2024-06-30')], { facts }), 'broken_pattern')[0]).toMatchObject({ severity: 'medium', since: '2024-06-14', values: { fell_due: 1000, last_payment: '2024-05-14' } });
    expect(only(input([point('2024-06-30')], { facts: { ...facts, cycles_paid: 5 } }), 'broken_pattern')).toEqual([]); // not a regular payer
    expect(only(input([point('2024-06-30')], { facts: { ...facts, payments_latest: 1 } }), 'broken_pattern')).toEqual([]); // did pay
    expect(only(input([point('2024-06-30')], { facts: { ...facts, fell_due: 0, fell_due_since: null } }), 'broken_pattern')).toEqual([]); // nothing was due
  });

  test('concentration: more than 10% of all AR (high above 20%)', () => {
    const at = (ar: number) => only(input([point('2024-06-30', { ar })], { book_ar: 1000 }), 'concentration');
    expect(at(150)[0]).toMatchObject({ severity: 'medium', values: { share: 0.15 } });
    expect(at(250)[0].severity).toBe('high');
    expect(at(100)).toEqual([]); // exactly 10%
  });
});

describe('portfolio rules', () => {
  const p = t.portfolio;
  test('DSO and overdue ratio above their limits, since when, and jumps since the previous month-end', () => {
    const ws = portfolioWarnings([
      { date: '2024-04-30', dso: 62, overdue_ratio: 0.1 },
      { date: '2024-05-31', dso: 55, overdue_ratio: 0.2 },
      { date: '2024-06-30', dso: 66, overdue_ratio: 0.3 },
    ], p);
    expect(ws.map((w) => w.rule)).toEqual(['portfolio_dso_high', 'portfolio_dso_jump', 'portfolio_overdue_high', 'portfolio_overdue_jump']);
    expect(ws[0]).toMatchObject({ customer_id: null, severity: 'medium', since: '2024-06-30' }); // May was under 60
    expect(ws[1]).toMatchObject({ since: '2024-06-01', values: { dso: 66, dso_before: 55 } }); // +11 ≥ 10
    expect(ws[3].values.overdue_ratio_before).toBe(0.2); // +10 points ≥ 5
  });

  test('quiet below the limits and without jumps', () => {
    expect(portfolioWarnings([{ date: '2024-05-31', dso: 50, overdue_ratio: 0.2 }, { date: '2024-06-30', dso: 58, overdue_ratio: 0.24 }], p)).toEqual([]);
  });

  test('heldSince: the start of the unbroken run that reaches the last point', () => {
    const s = [{ date: 'a', v: 1 }, { date: 'b', v: 0 }, { date: 'c', v: 1 }, { date: 'd', v: 1 }];
    expect(heldSince(s, (x) => x.v === 1)).toBe('c');
    expect(heldSince(s, (x) => x.v === 0)).toBeNull();
  });
});

describe('invoice-level facts from a book', () => {
  const D = '2024-06-30';
  // R pays one invoice a month, in each 30-day cycle before the latest (dated 198, 167, 137, 107, 77 and 47 days before D),
  // then nothing, while an invoice fell due on 2024-06-14.
  const rPaid = ['2023-12-15', '2024-01-15', '2024-02-14', '2024-03-15', '2024-04-14', '2024-05-14'];
  const book: Book = {
    customers: [{ customer_id: 'R' }, { customer_id: 'P' }],
    invoices: [
      ...rPaid.map((due, k) => ({ invoice_id: `R${k}`, customer_id: 'R', invoice_date: '2023-11-01', due_date: due, amount: 100 })),
      { invoice_id: 'R9', customer_id: 'R', invoice_date: '2024-05-15', due_date: '2024-06-14', amount: 1000 },
      { invoice_id: 'P60', customer_id: 'P', invoice_date: '2024-03-01', due_date: '2024-04-20', amount: 700 }, // 71 days past due: crossed 60 on 06-20
      { invoice_id: 'P90', customer_id: 'P', invoice_date: '2024-02-01', due_date: '2024-03-25', amount: 300 }, // 97 days: crossed 90 on 06-24
      { invoice_id: 'Pold', customer_id: 'P', invoice_date: '2024-01-01', due_date: '2024-02-01', amount: 50 }, // 150 days: crossed long ago
    ],
    payments: rPaid.map((d, k) => ({ invoice_id: `R${k}`, payment_date: d, amount: 100 })),
  };

  test('broken pattern, and new amounts past 60 and 90 days', async () => {
    const ws = await withBook(book, (db) => earlyWarnings(db, { asOf: D }));
    const invoiceRules = ['broken_pattern', 'past_60', 'past_90'];
    const of = (c: string) => ws.filter((w) => w.customer_id === c && invoiceRules.includes(w.rule));
    expect(of('R').map((w) => w.rule)).toEqual(['broken_pattern']);
    expect(of('R')[0]).toMatchObject({ since: '2024-06-14', values: { fell_due: 1000, last_payment: '2024-05-14' } });
    const p = of('P');
    expect(p.find((w) => w.rule === 'past_60')).toMatchObject({ since: '2024-06-20', values: { amount: 700, invoices: 1 } });
    expect(p.find((w) => w.rule === 'past_90')).toMatchObject({ since: '2024-06-24', values: { amount: 300, invoices: 1 } });
  });

  test('a month earlier: R had paid in its latest cycle; P90 had crossed 60 and Pold 90 instead', async () => {
    const ws = await withBook(book, (db) => earlyWarnings(db, { asOf: '2024-05-31' }));
    const invoiceRules = ws.filter((w) => w.customer_id !== null && ['broken_pattern', 'past_60', 'past_90'].includes(w.rule));
    // P90 due 03-25 is 67 days past due (day 61 was 05-25: 6 + 30 + 25); Pold due 02-01 is 120 (crossed 90 on 05-02).
    expect(invoiceRules.map((w) => [w.customer_id, w.rule, w.since, w.values.amount])).toEqual([
      ['P', 'past_90', '2024-05-02', 50],
      ['P', 'past_60', '2024-05-25', 300],
    ]);
  });
});
