/** The warnings list as the page shows it: filtered by severity and rule from the URL, sorted by an allow-listed column. */
import { error } from '@sveltejs/kit';
import { bySeverity } from '$lib/risk/warning-rules';
import { WARNING_RULES, type Severity, type Warning, type WarningRule } from '$lib/risk/types';
import { parseSort, type SortState } from '$lib/url-state';

/** The page's own query parameters (besides the view's). */
export const WARNING_PARAMS = ['severity', 'rule', 'sort', 'page'] as const;
/** Warnings per page. */
export const WARNING_PAGE_SIZE = 50;
/** The columns that can be sorted on. */
export const WARNING_SORT_COLUMNS = ['severity', 'name', 'rule', 'since'] as const;
const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];
const SEVERITY_RANK: Record<Severity, number> = { high: 2, medium: 1, low: 0 };

/** The list's filters and order, checked. */
export interface WarningListParams {
  severity: Severity | null;
  rule: WarningRule | null;
  sort: SortState;
  /** 1-based. */
  page: number;
}

function param(url: URL, name: string): string | null {
  const value = url.searchParams.get(name)?.trim();
  return value ? value : null;
}

/** Reads severity, rule (each one of the engine's values, else a 400 naming the choices), sort and page. */
export function warningParamsFromUrl(url: URL): WarningListParams {
  const severity = param(url, 'severity');
  if (severity !== null && !(SEVERITIES as readonly string[]).includes(severity)) {
    error(400, `There is no severity "${severity}"; choose one of: ${SEVERITIES.join(', ')}.`);
  }
  const rule = param(url, 'rule');
  if (rule !== null && !(WARNING_RULES as readonly string[]).includes(rule)) {
    error(400, `There is no warning rule "${rule}"; choose one of: ${WARNING_RULES.join(', ')}.`);
  }
  const rawPage = param(url, 'page');
  if (rawPage !== null && (!/^\d{1,6}$/.test(rawPage) || Number(rawPage) < 1)) error(400, `The page "${rawPage}" is not a whole number from 1.`);
  return {
    severity: severity as Severity | null,
    rule: rule as WarningRule | null,
    sort: parseSort(param(url, 'sort'), WARNING_SORT_COLUMNS, { key: 'severity', desc: true }),
    page: rawPage === null ? 1 : Number(rawPage),
  };
}

/** Whether a column starts descending when first chosen: severity (most severe first) and since (newest first) do. */
export function startsDescending(key: string): boolean {
  return key === 'severity' || key === 'since';
}

/** The warnings matching the severity and rule filters (null: any). */
export function filterWarnings(warnings: readonly Warning[], p: Pick<WarningListParams, 'severity' | 'rule'>): Warning[] {
  return warnings.filter((w) => (p.severity === null || w.severity === p.severity) && (p.rule === null || w.rule === p.rule));
}

function compare(a: Warning, b: Warning, key: string): number {
  switch (key) {
    case 'severity':
      return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
    case 'since':
      return a.since.localeCompare(b.since);
    case 'rule':
      return a.rule.localeCompare(b.rule);
    default:
      return a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true });
  }
}

/** Warnings in the order of `sort`; ties in the engine's order (most severe, portfolio, oldest first). */
export function sortWarnings(warnings: readonly Warning[], sort: SortState): Warning[] {
  const sign = sort.desc ? -1 : 1;
  return [...warnings].sort((a, b) => sign * compare(a, b, sort.key) || bySeverity(a, b));
}

/** How many warnings of each severity and each rule `warnings` holds (for the filter's counts). */
export function warningCounts(warnings: readonly Warning[]): { severity: Record<string, number>; rule: Record<string, number> } {
  const severity: Record<string, number> = {};
  const rule: Record<string, number> = {};
  for (const w of warnings) {
    severity[w.severity] = (severity[w.severity] ?? 0) + 1;
    rule[w.rule] = (rule[w.rule] ?? 0) + 1;
  }
  return { severity, rule };
}
