/** The credit-risk engine's server API: scores with reasons, tiers and their history, early warnings, the backtest. */
export { riskConfig, saveRiskConfig } from './config.ts';
export { customerScores, customerScore, scoresAtDates } from './scores.ts';
export { scoreHistory, type ScoreHistoryParams } from './history.ts';
export { tierMigration, tierDistribution, type TierMigrationParams } from './migration.ts';
export { earlyWarnings, type WarningParams } from './warnings.ts';
export { backtest, type BacktestParams } from './backtest.ts';
export type {
  BacktestReport, BadRateRow, CustomerFactors, CustomerScore, Reason, ScoreHistoryPoint, ScoreParams, Severity,
  Tier, TierDistribution, TierFlow, TierMigration, Warning, WarningRule,
} from '../../risk/types.ts';
export type { RiskConfig } from '../../risk/config.ts';

/*
 * Signatures (every function reads the `risk_config` setting unless given `config`):
 *   customerScores(db, { asOf, filter? })              → CustomerScore[]  (worst score first, thin last)
 *   customerScore(db, { asOf, customerId })            → CustomerScore | null
 *   scoreHistory(db, { asOf, customerId, months })     → ScoreHistoryPoint[] (month-ends, then D)
 *   tierMigration(db, { asOf, months, filter? })       → TierMigration { dates, flows, distribution }
 *   tierDistribution(db, { asOf, filter? })            → TierDistribution
 *   earlyWarnings(db, { asOf, filter? })               → Warning[] (high severity first)
 *   backtest(db, { asOf, horizonDays? = 90 })          → BacktestReport
 *   riskConfig(db) / saveRiskConfig(db, json)          → RiskConfig (validated)
 */
