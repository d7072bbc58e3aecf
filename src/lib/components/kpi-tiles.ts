/** Which KPIs the overview shows as tiles, how each is written, and which way is better. */
import { KPI_FORMULAS } from '../kpi-formulas.ts';
import {
  formatDays,
  formatMoney,
  formatMoneyCompact,
  formatNumber,
  formatPercent,
  formatPercentValue,
  formatSigned,
} from '../format.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { TrendPoint } from '../types.ts';

/** How a KPI's value reads: money, a ratio shown as %, a value already in %, or days. */
export type KpiKind = 'money' | 'ratio' | 'percent' | 'days';

/** The overview's tiles, in reading order. `ecl` comes from the provision matrix, not PortfolioKpis. */
export const TILE_KEYS = ['ar', 'overdue_ratio', 'dso', 'best_possible_dso', 'add', 'cei', 'turnover_days', 'bad_debt_rate', 'ecl'] as const;
export type TileKey = (typeof TILE_KEYS)[number];

export interface TileSpec {
  key: TileKey;
  label: MessageKey;
  kind: KpiKind;
  /** Which way is good news: a falling DSO, a rising CEI; AR is neither. */
  better: 'up' | 'down' | 'neither';
}

export const TILES: Record<TileKey, TileSpec> = {
  ar: { key: 'ar', label: 'kpi.ar', kind: 'money', better: 'neither' },
  overdue_ratio: { key: 'overdue_ratio', label: 'kpi.overdue_ratio', kind: 'ratio', better: 'down' },
  dso: { key: 'dso', label: 'kpi.dso', kind: 'days', better: 'down' },
  best_possible_dso: { key: 'best_possible_dso', label: 'kpi.best_possible_dso', kind: 'days', better: 'down' },
  add: { key: 'add', label: 'kpi.add', kind: 'days', better: 'down' },
  cei: { key: 'cei', label: 'kpi.cei', kind: 'percent', better: 'up' },
  turnover_days: { key: 'turnover_days', label: 'kpi.turnover_days', kind: 'days', better: 'down' },
  bad_debt_rate: { key: 'bad_debt_rate', label: 'kpi.bad_debt_rate', kind: 'ratio', better: 'down' },
  ecl: { key: 'ecl', label: 'kpi.ecl', kind: 'money', better: 'down' },
};

/** The spec's formula of a KPI (hover text); ECL's is given by the page (it names the roll-rate months). */
export function formulaOf(key: TileKey): string {
  return KPI_FORMULAS[key] ?? '';
}

/** A KPI's value from a PortfolioKpis or a TrendPoint (ECL is not one of their fields). */
export function kpiValue(kpis: TrendPoint, key: Exclude<TileKey, 'ecl'>): number | null {
  return kpis[key];
}

/** A tile's main figure: money short (tiles are small), ratios as %, days with one decimal. */
export function formatKpi(kind: KpiKind, value: number | null, currency: string, compact = true): string {
  switch (kind) {
    case 'money':
      return compact ? formatMoneyCompact(value, currency) : formatMoney(value, currency);
    case 'ratio':
      return formatPercent(value, kind === 'ratio' && value !== null && Math.abs(value) < 0.1 ? 2 : 1);
    case 'percent':
      return formatPercentValue(value);
    case 'days':
      return formatDays(value);
  }
}

/** A change between two values: money short, ratios and percentages in percentage points, days with one decimal. */
export function formatChange(kind: KpiKind, delta: number | null, currency: string): string {
  switch (kind) {
    case 'money':
      return formatSigned(delta, (v) => formatMoneyCompact(v, currency));
    case 'ratio':
      // Small rates (bad debt) need the second decimal to show a change at all.
      return formatSigned(delta === null ? null : delta * 100, (v) => `${formatNumber(v, Math.abs(v) < 1 ? 2 : 1)} pp`);
    case 'percent':
      return formatSigned(delta, (v) => `${formatNumber(v, 1)} pp`);
    case 'days':
      return formatSigned(delta, (v) => formatDays(v));
  }
}

/** Whether a change is good news, bad news, or neither (no change, or a KPI with no better side). */
export function changeTone(better: TileSpec['better'], delta: number | null, kind: KpiKind, currency: string): 'better' | 'worse' | 'neutral' {
  if (delta === null || better === 'neither') return 'neutral';
  // A change that rounds to nothing on screen is no news.
  if (formatChange(kind, delta, currency) === formatChange(kind, 0, currency)) return 'neutral';
  return (delta < 0) === (better === 'down') ? 'better' : 'worse';
}
