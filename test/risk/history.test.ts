// Month-end histories (a customer's scores, the book's tier flows) and the configuration stored in settings.
import { describe, expect, test } from 'vitest';
import { monthlyDates } from '../../src/lib/risk/dates.ts';
import type { Book } from '../helpers/book.ts';
import { riskConfig, saveRiskConfig, scoreHistory, tierDistribution, tierMigration, customerScores } from '../../src/lib/server/risk/index.ts';
import { withBook } from '../kpi/helpers.ts';

// Two customers billed monthly from January 2024: P pays on time, L pays 45 days late.
const months = ['01', '02', '03', '04', '05', '06'];
const book: Book = {
  customers: [{ customer_id: 'P' }, { customer_id: 'L' }],
  invoices: months.flatMap((m) => [
    { invoice_id: `P${m}`, customer_id: 'P', invoice_date: `2024-${m}-01`, amount: 100 },
    { invoice_id: `L${m}`, customer_id: 'L', invoice_date: `2024-${m}-01`, amount: 100 },
  ]),
  payments: months.flatMap((m) => [
    { invoice_id: `P${m}`, payment_date: `2024-${m}-25`, amount: 100 },
    // Due 30 days after the 1st; paid 45 days after that (only those paid by the end of June count then).
    ...(m <= '03' ? [{ invoice_id: `L${m}`, payment_date: new Date(Date.UTC(2024, Number(m) - 1, 1 + 75)).toISOString().slice(0, 10), amount: 100 }] : []),
  ]),
};

describe('month-end histories', () => {
  test('monthlyDates: the month-ends before D, then D', () => {
    expect(monthlyDates('2024-06-15', 3)).toEqual(['2024-03-31', '2024-04-30', '2024-05-31', '2024-06-15']);
    expect(monthlyDates('2024-06-30', 2)).toEqual(['2024-04-30', '2024-05-31', '2024-06-30']);
  });

  test("a customer's score history: thin until three invoices are settled, then scored with reasons", async () => {
    const h = await withBook(book, (db) => scoreHistory(db, { asOf: '2024-06-30', customerId: 'P', months: 5 }));
    expect(h.map((p) => p.date)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30']);
    // Settled by each month-end: 1, 2, 3, … ; tenure reaches 3 months at the end of April.
    expect(h.map((p) => p.thin_history)).toEqual([true, true, true, false, false, false]);
    expect(h[3].score).not.toBeNull();
    expect(h[3].reasons.length).toBeGreaterThanOrEqual(3);
  });

  test('tier flows: every customer of two consecutive dates counted once; distribution per date', async () => {
    const m = await withBook(book, (db) => tierMigration(db, { asOf: '2024-06-30', months: 2 }));
    expect(m.dates).toEqual(['2024-04-30', '2024-05-31', '2024-06-30']);
    for (const step of [['2024-04-30', '2024-05-31'], ['2024-05-31', '2024-06-30']]) {
      const flows = m.flows.filter((f) => f.from_date === step[0] && f.to_date === step[1]);
      expect(flows.reduce((a, f) => a + f.customers, 0)).toBe(2);
    }
    const june = m.distribution.at(-1)!;
    expect(june.tiers.reduce((a, t) => a + t.customers, 0)).toBe(2);
    const scores = await withBook(book, (db) => customerScores(db, { asOf: '2024-06-30' }));
    // The late payer is the riskier one, and the distribution agrees with the scores' tiers.
    expect(scores[0].customer_id).toBe('L');
    for (const s of scores) expect(june.tiers.find((t) => t.tier === s.tier)!.customers).toBeGreaterThan(0);
    const direct = await withBook(book, (db) => tierDistribution(db, { asOf: '2024-06-30' }));
    expect(direct).toEqual(june);
  });
});

describe('configuration in settings', () => {
  test('a stored override applies to every function; a bad one is refused before it is stored', async () => {
    await withBook(book, async (db) => {
      expect((await riskConfig(db)).tiers.vip_min_score).toBe(85);
      await saveRiskConfig(db, { tiers: { vip_min_score: 100, vip_max_utilisation: 1 } });
      expect((await riskConfig(db)).tiers.vip_min_score).toBe(100);
      const scores = await customerScores(db, { asOf: '2024-06-30' });
      expect(scores.some((s) => s.tier === 'vip')).toBe(false); // nobody scores a full 100 here
      await expect(saveRiskConfig(db, { tiers: { vip_min_score: 'high' } })).rejects.toThrow(/tiers\.vip_min_score must be a number/);
      expect((await riskConfig(db)).tiers.vip_min_score).toBe(100);
    });
  });
});
