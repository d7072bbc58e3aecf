/** How well a ranking separates good from bad: AUC (by the Wilcoxon rank sum), Gini, bad rates by group and by decile. */
import * as ss from 'simple-statistics';
import type { BadRateRow } from './types.ts';

/** One judged customer: its ranking value (higher = safer) and whether it went bad. */
export interface Judged {
  value: number;
  bad: boolean;
}

/**
 * The area under the ROC curve: the chance that a good customer ranks safer than a bad one
 * (ties count half). From the rank sum of the good ones: AUC = (R − n(n + 1)/2) / (n_good × n_bad).
 * null when either side is empty.
 */
export function auc(judged: readonly Judged[]): number | null {
  const good = judged.filter((j) => !j.bad).map((j) => j.value);
  const bad = judged.filter((j) => j.bad).map((j) => j.value);
  if (good.length === 0 || bad.length === 0) return null;
  const rankSum = ss.wilcoxonRankSum(good, bad);
  return (rankSum - (good.length * (good.length + 1)) / 2) / (good.length * bad.length);
}

/** Gini = 2 × AUC − 1. */
export function gini(a: number | null): number | null {
  return a === null ? null : 2 * a - 1;
}

/** Count, bad count and bad rate of one group. */
export function badRate(group: string, judged: readonly Judged[]): BadRateRow {
  const bad = judged.filter((j) => j.bad).length;
  return { group, customers: judged.length, bad, bad_rate: judged.length ? bad / judged.length : null };
}

/**
 * Ten groups by value, riskiest first ("1" holds the lowest tenth), cut at the 10%, 20%, …
 * quantiles, so that equal values always share a decile (groups may then differ in size).
 */
export function deciles(judged: readonly Judged[]): BadRateRow[] {
  if (judged.length === 0) return [];
  const sorted = judged.map((j) => j.value).sort((a, b) => a - b);
  const cuts = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => ss.quantileSorted(sorted, k / 10));
  const groups: Judged[][] = Array.from({ length: 10 }, () => []);
  for (const j of judged) {
    let g = 0;
    while (g < 9 && j.value > cuts[g]) g++;
    groups[g].push(j);
  }
  return groups.map((members, i) => ({
    ...badRate(String(i + 1), members),
    min_score: members.length ? ss.min(members.map((m) => m.value)) : null,
    max_score: members.length ? ss.max(members.map((m) => m.value)) : null,
  }));
}
