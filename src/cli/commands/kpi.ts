/** `duesight kpi`: the portfolio KPIs of spec/kpis.md as of a date. */
import type { Command } from '../command.ts';
import { portfolioKpis } from '../../lib/server/kpis.ts';
import { asOfFlag, bookFlags, bookOptions } from '../book-flags.ts';
import { num, pct, table } from '../format.ts';

export const kpiCommand: Command = {
  name: 'kpi',
  usage: 'kpi --as-of DATE [--window-days W] [--buckets 30,60,90,120] [--segment S] [--region R] [--currency C] [--customer ID] [--json]',
  summary: 'the portfolio KPIs (AR, aging, DSO family, CEI, turnover, bad debt, behaviour)',
  options: bookOptions,
  usesDb: true,
  async run(ctx) {
    const db = await ctx.openDb();
    const k = await portfolioKpis(db, { asOf: await asOfFlag(ctx, db), ...bookFlags(ctx.flags) });
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(k));
      return 0;
    }
    const days = (v: number | null) => (v === null ? '—' : `${num(v, 1)} days`);
    const rows: [string, string][] = [
      ['AR', `${num(k.ar)} ${k.currency}`],
      ['  current', num(k.current)],
      ['  overdue', `${num(k.overdue)} (${pct(k.overdue_ratio)})`],
      ...Object.entries(k.aging).map(([label, amount]): [string, string] => [`    ${label}`, num(amount)]),
      [`Sales (last ${k.window_days} days)`, num(k.sales)],
      ['Collections', num(k.collections)],
      ['Write-offs', num(k.write_offs)],
      ['DSO', days(k.dso)],
      ['Best-possible DSO', days(k.best_possible_dso)],
      ['ADD', days(k.add)],
      ['Countback DSO', days(k.countback_dso)],
      ['CEI', k.cei === null ? '—' : `${num(k.cei, 1)}%`],
      ['Turnover', k.turnover === null ? '—' : `${num(k.turnover, 2)}×/year (${days(k.turnover_days)})`],
      ['Bad-debt rate', pct(k.bad_debt_rate, 2)],
      ['Days beyond terms', days(k.dbt)],
      ['Days to pay', days(k.days_to_pay)],
      ['On-time rate', pct(k.on_time_rate)],
      ['Open invoices', num(k.open_invoices, 0)],
      ['Customers with a balance', num(k.customers_with_balance, 0)],
    ];
    ctx.out(`Duesight KPIs as of ${k.as_of} (window ${k.window_days} days)\n\n${table(['KPI', 'value'], rows)}`);
    for (const [name, why] of Object.entries(k.null_reasons)) ctx.out(`  ${name} is not defined: ${why}`);
    return 0;
  },
};
