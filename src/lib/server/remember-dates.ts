/**
 * Answers that come one per date (the KPIs at a month-end, say), remembered date by date: a
 * series that shares dates with one asked before (the next as-of date's trend) computes only
 * the dates it does not share, in one pass.
 */
import type { Database } from './db.ts';

/**
 * The answers of `name` at each of `dates` (in their order), each remembered under
 * `keyOf(date)`; `computeDates` gives the answers of the dates not remembered, by date.
 */
export async function rememberEachDate<T>(
  db: Database,
  name: string,
  dates: readonly string[],
  keyOf: (date: string) => unknown,
  computeDates: (dates: string[]) => Promise<Map<string, T>>,
): Promise<T[]> {
  const unique = [...new Set(dates)];
  const missing = unique.filter((d) => !db.remembers(name, keyOf(d)));
  let batch: Promise<Map<string, T>> | undefined;
  const answerAt = async (date: string): Promise<T> => {
    // A date forgotten since `missing` was taken (the shelf is bounded) is computed on its own.
    const computed = missing.includes(date) ? await (batch ??= computeDates(missing)) : await computeDates([date]);
    const answer = computed.get(date);
    if (answer === undefined) throw new Error(`${name} gave no answer for ${date}.`);
    return answer;
  };
  const answers = await Promise.all(unique.map((d) => db.remember(name, keyOf(d), () => answerAt(d))));
  const byDate = new Map(unique.map((d, i) => [d, answers[i]]));
  return dates.map((d) => byDate.get(d)!);
}
