/** Reads and stores the risk configuration: the defaults of src/lib/risk/config.ts with the `risk_config` setting over them. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseRiskConfig, resolveRiskConfig, RISK_CONFIG_KEY, type RiskConfig } from '../../risk/config.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { execute, query } from '../sql.ts';

/** The configuration in force on `conn`'s database; a bad setting is an error naming what is wrong. */
export async function riskConfigOn(conn: DuckDBConnection): Promise<RiskConfig> {
  const [row] = await query<{ value: string | null }>(conn, 'risk_config_get', { key: RISK_CONFIG_KEY });
  try {
    return parseRiskConfig(row?.value ?? null);
  } catch (err) {
    throw new DuesightError(`The risk configuration (setting "${RISK_CONFIG_KEY}") is not usable: ${(err as Error).message}`);
  }
}

/** The configuration in force. */
export function riskConfig(db: Database): Promise<RiskConfig> {
  return db.read(riskConfigOn);
}

/** Checks `override` (the parts of the defaults to change) and stores it; returns the resulting configuration. */
export async function saveRiskConfig(db: Database, override: unknown): Promise<RiskConfig> {
  let config: RiskConfig;
  try {
    config = resolveRiskConfig(override);
  } catch (err) {
    throw new DuesightError(`The risk configuration is not usable: ${(err as Error).message}`);
  }
  await db.write((conn) => execute(conn, 'risk_config_set', { key: RISK_CONFIG_KEY, value: JSON.stringify(override ?? {}) }));
  return config;
}
