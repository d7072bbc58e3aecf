/**
 * Answers that change only when the data does (KPIs, aging, trends, scores), kept until the next
 * write: the dashboard's many readers of the same view share one computation, and a repeated
 * view costs a lookup. Pre-aggregation by memory, with the database's own write as the only
 * invalidation, so a cached answer is never older than the data.
 */

/** Entries kept at most; the least recently used goes first. */
const DEFAULT_CAPACITY = 256;

/** Makes a cached answer read-only all the way down, so no caller can change what others see. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** JSON with object keys sorted, so equal parameters give equal keys whatever their order. */
function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** A least-recently-used shelf of answers (as promises, so concurrent askers share one computation). */
export class AnswerCache {
  private entries = new Map<string, Promise<unknown>>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The answer to `name` for `params`: kept, or computed now (frozen) and kept. A failure is not kept. */
  get<T>(name: string, params: unknown, compute: () => Promise<T>): Promise<T> {
    const key = `${name} ${stableKey(params)}`;
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept as Promise<T>;
    }
    const answer = compute().then(deepFreeze);
    this.entries.set(key, answer);
    answer.catch(() => {
      if (this.entries.get(key) === answer) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return answer;
  }

  /** Forgets every answer (the data changed). */
  clear(): void {
    this.entries = new Map();
  }

  get size(): number {
    return this.entries.size;
  }
}
