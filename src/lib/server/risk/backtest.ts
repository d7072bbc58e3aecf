/** The backtest: scores and warnings as of D against what happened in the horizon after D. */
import type { RiskConfig } from '../../risk/config.ts';
import { shiftDays } from '../../risk/dates.ts';
import { auc, badRate, deciles, gini, type Judged } from '../../risk/discrimination.ts';
import { TIERS, WARNING_RULES, type BacktestReport, type BadRateRow } from '../../risk/types.ts';
import { isoDate } from '../book-params.ts';
import { bookBounds } from '../book.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { query } from '../sql.ts';
import { riskConfigOn } from './config.ts';
import { scoresAtDates } from './scores.ts';
import { warningsOn } from './warnings.ts';

export interface BacktestParams {
  asOf: string;
  /** Days after D in which an invoice falls due to be judged (default 90). */
  horizonDays?: number;
  /** Days past due after which an invoice not yet settled is bad (default 15). */
  graceDays?: number;
  config?: RiskConfig;
}

interface Outcome {
  customer_id: string;
  invoices_due: number;
  bad_invoices: number;
  first_bad: string | null;
}

function horizon(value: number | undefined): number {
  const h = value ?? 90;
  if (!Number.isInteger(h) || h < 1 || h > 730) throw new DuesightError(`The horizon must be a whole number of days from 1 to 730 (got ${h}).`);
  return h;
}

/**
 * Scores every customer as of D, then judges each one that had an invoice due in (D, D + horizon]:
 * bad when such an invoice was not settled within the grace days after its due date. Reports the
 * score's AUC and Gini, the same for the plain trailing-12-month days beyond terms, bad rates by
 * tier and by score decile, and how warned customers fared against the others.
 */
export async function backtest(db: Database, params: BacktestParams): Promise<BacktestReport> {
  const asOf = isoDate(params.asOf, 'as-of date');
  const horizonDays = horizon(params.horizonDays);
  const graceDays = params.graceDays ?? 15;
  const bounds = await bookBounds(db);
  return db.read(async (conn) => {
    const config = params.config ?? (await riskConfigOn(conn));
    const scores = (await scoresAtDates(conn, [asOf], {}, config)).get(asOf)!;
    const warnings = await warningsOn(conn, asOf, {}, config);
    const outcomes = new Map(
      (await query<Outcome>(conn, 'risk_backtest_outcomes', { as_of: asOf, horizon_days: horizonDays, grace_days: graceDays })).map((o) => [o.customer_id, o]),
    );
    const judged = scores.filter((s) => outcomes.has(s.customer_id)).map((s) => ({ s, bad: outcomes.get(s.customer_id)!.bad_invoices > 0 }));
    const scored = judged.filter((j) => j.s.score !== null);
    const thin = judged.filter((j) => j.s.score === null);
    const byScore: Judged[] = scored.map((j) => ({ value: j.s.score as number, bad: j.bad }));
    // The plain ranking: fewer days beyond terms = safer; no settled invoice counts as 0 days.
    const byDbt: Judged[] = scored.map((j) => ({ value: -(j.s.factors.dbt_12m ?? 0), bad: j.bad }));
    const scoreAuc = auc(byScore);
    const baselineAuc = auc(byDbt);

    const warnedRules = new Map<string, Set<string>>();
    for (const w of warnings) {
      if (w.customer_id === null) continue;
      if (!warnedRules.has(w.customer_id)) warnedRules.set(w.customer_id, new Set());
      warnedRules.get(w.customer_id)!.add(w.rule);
    }
    const asJudged = (list: typeof judged): Judged[] => list.map((j) => ({ value: 0, bad: j.bad }));
    const warned = badRate('warned', asJudged(judged.filter((j) => warnedRules.has(j.s.customer_id))));
    const unwarned = badRate('not warned', asJudged(judged.filter((j) => !warnedRules.has(j.s.customer_id))));
    const byRule: BadRateRow[] = WARNING_RULES.filter((r) => !r.startsWith('portfolio_'))
      .map((rule) => badRate(rule, asJudged(judged.filter((j) => warnedRules.get(j.s.customer_id)?.has(rule)))))
      .filter((r) => r.customers > 0);

    const bad = scored.filter((j) => j.bad).length;
    return {
      as_of: asOf,
      horizon_days: horizonDays,
      outcome_complete: bounds.last_date !== null && bounds.last_date >= shiftDays(asOf, horizonDays + graceDays),
      customers: scored.length,
      bad,
      bad_rate: scored.length ? bad / scored.length : null,
      thin: { customers: thin.length, bad: thin.filter((j) => j.bad).length },
      auc: scoreAuc,
      gini: gini(scoreAuc),
      baseline: { name: 'trailing 12-month days beyond terms', auc: baselineAuc, gini: gini(baselineAuc) },
      by_tier: TIERS.map((tier) => badRate(tier, asJudged(judged.filter((j) => j.s.tier === tier)))),
      by_decile: deciles(byScore),
      warnings: {
        rows: [warned, unwarned],
        lift: warned.bad_rate !== null && unwarned.bad_rate ? warned.bad_rate / unwarned.bad_rate : null,
        by_rule: byRule,
      },
    };
  });
}
