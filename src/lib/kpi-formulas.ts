/** The ratio KPIs of spec/kpis.md as pure functions of their inputs, with the reason when one is null. */

/** The money inputs of the ratios, all in the base currency. */
export interface RatioInputs {
  windowDays: number;
  ar: number;
  arStart: number;
  current: number;
  overdue: number;
  sales: number;
  writeOffs: number;
}

export interface RatioKpis {
  overdue_ratio: number | null;
  dso: number | null;
  best_possible_dso: number | null;
  add: number | null;
  cei: number | null;
  turnover: number | null;
  turnover_days: number | null;
  bad_debt_rate: number | null;
}

/** The formula of each KPI, as the spec writes it (tooltips and report appendices). */
export const KPI_FORMULAS: Record<string, string> = {
  ar: 'Σ open(i, D) over invoices with open(i, D) > 0 + unapplied(D)',
  overdue_ratio: 'overdue(D) / AR(D)',
  dso: 'AR(D) / sales(P) × W',
  best_possible_dso: 'current(D) / sales(P) × W',
  add: 'DSO − best-possible DSO',
  countback_dso: 'days of the latest months\u2019 net sales that AR(D) accounts for',
  cei: '(AR(S) + sales(P) − AR(D)) / (AR(S) + sales(P) − current(D)) × 100',
  turnover: 'sales(P) / ((AR(S) + AR(D)) / 2) × 365 / W',
  turnover_days: '365 / turnover',
  bad_debt_rate: 'write_offs(P) / sales(P)',
  dbt: 'Σ amount × max(0, settle − due) / Σ amount over invoices settled in P',
  days_to_pay: 'Σ amount × (settle − invoice date) / Σ amount over invoices settled in P',
  on_time_rate: 'count(settled ≤ due) / count of invoices settled in P',
};

/** Divides, or explains why not: the spec makes a ratio null when its denominator is ≤ 0. */
function ratio(
  name: string,
  numerator: number,
  denominator: number,
  denominatorName: string,
  reasons: Record<string, string>,
): number | null {
  if (denominator > 0) return numerator / denominator;
  reasons[name] = `${denominatorName} is ${denominator === 0 ? 'zero' : 'negative'} (${denominator})`;
  return null;
}

/** Every ratio KPI of the spec, and for each null one, why. */
export function ratioKpis(x: RatioInputs): { kpis: RatioKpis; reasons: Record<string, string> } {
  const reasons: Record<string, string> = {};
  const W = x.windowDays;
  const overdue_ratio = ratio('overdue_ratio', x.overdue, x.ar, 'AR(D)', reasons);
  const salesRate = ratio('dso', x.ar * W, x.sales, 'sales(P)', reasons);
  const dso = salesRate;
  const best_possible_dso = ratio('best_possible_dso', x.current * W, x.sales, 'sales(P)', reasons);
  let add: number | null = null;
  if (dso !== null && best_possible_dso !== null) add = dso - best_possible_dso;
  else reasons.add = 'DSO and best-possible DSO need sales(P) > 0';
  const cei = ratio(
    'cei',
    (x.arStart + x.sales - x.ar) * 100,
    x.arStart + x.sales - x.current,
    'AR(S) + sales(P) − current(D)',
    reasons,
  );
  const averageAr = (x.arStart + x.ar) / 2;
  const turnover = ratio('turnover', (x.sales * 365) / W, averageAr, 'the average AR (AR(S) + AR(D)) / 2', reasons);
  let turnover_days: number | null = null;
  if (turnover !== null) turnover_days = ratio('turnover_days', 365, turnover, 'turnover', reasons);
  else reasons.turnover_days = 'turnover is null';
  const bad_debt_rate = ratio('bad_debt_rate', x.writeOffs, x.sales, 'sales(P)', reasons);
  return { kpis: { overdue_ratio, dso, best_possible_dso, add, cei, turnover, turnover_days, bad_debt_rate }, reasons };
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * Countback DSO (spec/kpis.md): walks back month by month from D's month (its length is D's
 * day of the month), consuming AR(D) with each month's net sales, for at most 24 months.
 * `netSalesByMonthBack[k]` is month k's net sales (missing = 0).
 */
export function countbackDso(ar: number, asOf: string, netSalesByMonthBack: readonly number[]): number {
  if (!(ar > 0)) return 0;
  const [year, month, day] = asOf.split('-').map(Number);
  let remaining = ar;
  let days = 0;
  for (let k = 0; k < 24; k++) {
    const m = new Date(Date.UTC(year, month - 1 - k, 1));
    const length = k === 0 ? day : daysInMonth(m.getUTCFullYear(), m.getUTCMonth());
    const sales = Math.max(0, netSalesByMonthBack[k] ?? 0);
    if (sales === 0 || remaining >= sales) {
      remaining -= sales;
      days += length;
    } else {
      return days + (remaining / sales) * length;
    }
  }
  return days;
}
