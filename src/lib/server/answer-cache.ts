/**
 * Answers that change only when the data does (KPIs, aging, trends, scores), kept until the next
 * write: the dashboard's many readers of the same view share one computation, and a repeated
 * view costs a lookup.
 *
 * Each answer is stamped with the data version it was computed on; a write that changes the
 * book moves the version on. Ordinary answers are then forgotten. Published answers (the default
 * views, which the server refreshes itself after every write) are kept and served while their
 * refresh runs, and the refreshed ones replace them all in one step when it ends, the way a
 * materialised view is refreshed concurrently: a visitor sees the figures from before the write
 * or those from after it, never a mix of the two on one page and never a wait. Answers computed
 * while old ones are being served (maybe from them) are kept only until the new ones replace them.
 */

/** Entries kept at most (a trend keeps one per month-end); the least recently used goes first. */
const DEFAULT_CAPACITY = 1024;

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

interface Entry {
  answer: Promise<unknown>;
  /** The data version the answer was computed on. */
  version: number;
  /** Kept across writes, and refreshed. */
  published: boolean;
  /** Computed while old answers were being served (maybe from them): kept only until they are replaced. */
  transient: boolean;
  /** The refresh on newer data: computed, waiting to replace `answer` when the refresh run ends. */
  next?: { answer: Promise<unknown>; version: number; settled: boolean; failed: boolean };
}

/** A least-recently-used shelf of answers (as promises, so concurrent askers share one computation). */
export class AnswerCache {
  private entries = new Map<string, Entry>();
  private version = 0;
  /** Moved on whenever what `get` answers may have changed (see `figuresVersion`). */
  private figures = 0;
  /** Whether published answers from older data are being served. */
  private servingOld = false;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /**
   * The answer to `name` for `params`: kept, or computed now (frozen) and kept. A failure is not
   * kept. With `refresh`, the answer is published, and one kept from older data is computed
   * again; the new answer is what other refreshing askers get, and everyone once `publish` runs.
   */
  get<T>(name: string, params: unknown, compute: () => Promise<T>, refresh = false): Promise<T> {
    const key = `${name} ${stableKey(params)}`;
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(key);
      this.entries.set(key, kept);
    }
    if (refresh) return this.refreshed(key, kept, compute) as Promise<T>;
    if (kept && (kept.version === this.version || kept.published || kept.transient)) return kept.answer as Promise<T>;
    return this.computeNew(key, compute, false) as Promise<T>;
  }

  /** Whether `get` would answer without computing (or joining a computation that `refresh` would start anew). */
  has(name: string, params: unknown, refresh = false): boolean {
    const kept = this.entries.get(`${name} ${stableKey(params)}`);
    if (!kept) return false;
    if (refresh) return (!kept.transient && kept.version === this.version) || (kept.published && !!kept.next && !kept.next.failed);
    return kept.version === this.version || kept.published || kept.transient;
  }

  private refreshed(key: string, kept: Entry | undefined, compute: () => Promise<unknown>): Promise<unknown> {
    if (kept && !kept.transient && kept.version === this.version) {
      kept.published = true;
      return kept.answer;
    }
    if (kept?.published) {
      if (!kept.next || kept.next.failed) {
        const next = { answer: compute().then(deepFreeze), version: this.version, settled: false, failed: false };
        kept.next = next;
        next.answer.then(
          () => (next.settled = true),
          () => (next.failed = true),
        );
      }
      return kept.next.answer;
    }
    return this.computeNew(key, compute, true);
  }

  private computeNew(key: string, compute: () => Promise<unknown>, published: boolean): Promise<unknown> {
    const transient = !published && this.servingOld;
    const entry: Entry = { answer: compute().then(deepFreeze), version: this.version, published, transient };
    this.entries.set(key, entry);
    entry.answer.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry.answer;
  }

  /** The data changed: ordinary answers are forgotten, published ones are served until `publish`. */
  advance(): void {
    this.version++;
    this.figures++;
    for (const [key, entry] of this.entries) {
      if (entry.published) this.servingOld = true;
      else this.entries.delete(key);
    }
  }

  /**
   * A refresh run has ended: every refreshed answer replaces the one served, and answers computed
   * meanwhile by others (maybe from the old ones) are forgotten. When the run was
   * `complete` (no write landed during it), published answers it did not refresh are forgotten
   * (views that are no longer the default), and nothing old is served any more.
   */
  publish(complete: boolean): void {
    let changed = false;
    for (const [key, entry] of this.entries) {
      const next = entry.next;
      if (entry.transient) {
        this.entries.delete(key);
        changed = true;
      } else if (next?.settled) {
        this.entries.set(key, { answer: next.answer, version: next.version, published: true, transient: false });
        changed = true;
      } else if (next?.failed) entry.next = undefined;
    }
    if (complete) {
      for (const [key, entry] of this.entries) {
        if (entry.version === this.version) continue;
        this.entries.delete(key);
        changed = true;
      }
      this.servingOld = false;
    }
    if (changed) this.figures++;
  }

  /**
   * Moves on whenever an answer may differ from one given before: at every write (`advance`),
   * and when `publish` replaces or forgets answers. Between two moves, the same question gets
   * the same answer, so anything made only from answers and the data may be kept until then.
   */
  get figuresVersion(): number {
    return this.figures;
  }

  /** The version of the data answers are computed on now (moved on by `advance`). */
  get dataVersion(): number {
    return this.version;
  }

  get size(): number {
    return this.entries.size;
  }
}
