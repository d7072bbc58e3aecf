/**
 * The cross-filter engine: per-bin counts and amounts of every view over the rows that pass every
 * other view's filter (a view never filters itself), and the summary of the rows that pass all.
 * Sums are whole cents, so a brush that moves re-aggregates only the rows of the bins it entered
 * or left (adding and subtracting), and the result equals a recount exactly.
 *
 * Everything per row lives in typed arrays made once: each view's bin as a Uint8/Uint16 code (the
 * last code, `size`, for a row without a value), and one bit mask per row of the views whose
 * filters the row fails, kept up to date by every filter change. A recount is then a few tight
 * passes over columns, and a move needs only the rows of the bins that changed.
 */
import {
  codeRows,
  markByBins,
  markByRows,
  NULL_DAYS,
  passingRows,
  summaryOf,
  sumFailingOnly,
  sumRows,
  type Codes,
  type RowStats,
} from './row-sums.ts';
import { emptyStats, type SummaryStats } from './summary.ts';

export { NULL_DAYS, type RowStats };

/** One view's binning of the rows. */
export interface ViewBins {
  /** Number of bins. */
  size: number;
  /** The bin of each row; -1 when the row has no value for this view (e.g. days to pay of an open invoice). */
  bin: Int32Array;
}

/**
 * A view's filter: which bins pass, and, when its ends fall inside bins (a range restored from a
 * URL made on other data), the exact test of a row.
 */
export interface ViewFilter {
  bins: Uint8Array;
  rowTest?: (row: number) => boolean;
}

/** One view's aggregates: per bin, the rows and their amount in cents. */
export interface BinAggregates {
  count: Float64Array;
  amountCents: Float64Array;
}

/** A view's rows ordered by code, and where each code starts in that order. */
interface RowsByBin {
  order: Int32Array;
  starts: Int32Array;
}

/** Above this share of the rows changing, a full recount beats visiting them one by one. */
const RECOUNT_SHARE = 0.1;

const single = (m: number) => (m & (m - 1)) === 0;
const bitIndex = (m: number) => 31 - Math.clz32(m);

/** Cross-filtered aggregates over a fixed set of rows and views. */
export class CrossFilter {
  /** Per view, its bins' sums (views of internal arrays that have one more slot, for rows without a bin). */
  readonly aggregates: BinAggregates[];
  summary: SummaryStats = emptyStats();
  private readonly filters: (ViewFilter | null)[];
  private readonly n: number;
  private readonly codes: Codes[];
  /** Per view: rows per code, the codes that pass (all with no filter), the rows that pass when a row test decides. */
  private readonly binRows: Int32Array[];
  private readonly binPass: Uint8Array[];
  private readonly rowPass: (Uint8Array | null)[];
  /** Per row: the bits of the views whose filters it fails. */
  private readonly fail: Uint16Array;
  private readonly sums: BinAggregates[];
  private readonly byBin: (RowsByBin | null)[];
  /** Scratch for the rows that pass every filter (made at the first recount). */
  private passing: Int32Array | null = null;
  /** Scratch for the rows a move adds to or removes from every other view (made at the first move). */
  private entering: Int32Array | null = null;
  private leaving: Int32Array | null = null;

  constructor(
    private readonly rows: RowStats,
    private readonly views: readonly ViewBins[],
  ) {
    if (views.length > 16) throw new Error('At most 16 views can be cross-filtered.');
    const n = (this.n = rows.amountCents.length);
    this.sums = views.map((v) => ({ count: new Float64Array(v.size + 1), amountCents: new Float64Array(v.size + 1) }));
    this.codes = views.map((v, i) => {
      const codes = v.size < 256 ? new Uint8Array(n) : new Uint16Array(n);
      codeRows(v.bin, v.size, rows.amountCents, codes, this.sums[i].count, this.sums[i].amountCents);
      return codes;
    });
    this.binRows = this.sums.map((s) => Int32Array.from(s.count));
    this.binPass = views.map((v) => new Uint8Array(v.size + 1).fill(1));
    this.rowPass = views.map(() => null);
    this.fail = new Uint16Array(n);
    this.aggregates = views.map((v, i) => ({ count: this.sums[i].count.subarray(0, v.size), amountCents: this.sums[i].amountCents.subarray(0, v.size) }));
    this.filters = views.map(() => null);
    this.byBin = views.map(() => null);
    // No filter yet: the sums are those made with the codes; the summary is of every row.
    this.passing = new Int32Array(n);
    this.summary = summaryOf(this.passing, passingRows(this.fail, this.passing), rows);
  }

  /** The filter of view `v`. */
  filterOf(v: number): ViewFilter | null {
    return this.filters[v];
  }

  /** Recounts every view and the summary from the rows and the filters. */
  recount(): void {
    for (let v = 0; v < this.views.length; v++) this.mark(v);
    this.aggregate();
  }

  /** Sets every view's filter at once (in view order; null: none) and recounts once. */
  setFilters(filters: readonly (ViewFilter | null)[]): void {
    if (filters.every((f, v) => !f && !this.filters[v])) return;
    filters.forEach((filter, v) => {
      this.filters[v] = filter;
      this.binPass[v] = this.passOf(v, filter);
      this.rowPass[v] = filter?.rowTest ? this.rowsPassing(v, filter.rowTest) : null;
    });
    this.recount();
  }

  /**
   * Sets view `v`'s filter (null: none) and updates the aggregates. When both the old and the
   * new filter are whole bins and few rows change, only the rows of bins that changed are visited.
   */
  setFilter(v: number, filter: ViewFilter | null): void {
    const old = this.filters[v];
    this.filters[v] = filter;
    const before = this.binPass[v];
    const after = this.passOf(v, filter);
    this.binPass[v] = after;
    if (old?.rowTest || filter?.rowTest) {
      this.rowPass[v] = filter?.rowTest ? this.rowsPassing(v, filter.rowTest) : null;
      this.mark(v);
      this.aggregate(v);
      return;
    }
    let moved = 0;
    for (let b = 0; b < after.length; b++) if (before[b] !== after[b]) moved += this.binRows[v][b];
    if (moved === 0) return;
    if (moved > this.n * RECOUNT_SHARE) {
      this.mark(v);
      this.aggregate(v);
    } else this.moveBins(v, before, after);
  }

  /**
   * Orders view `v`'s rows by bin ahead of its first small move (e.g. when the pointer goes down,
   * or while the page is idle); a later move would otherwise do it first.
   */
  prepare(v: number): void {
    if (this.byBin[v]) return;
    const codes = this.codes[v];
    const counts = this.binRows[v];
    const starts = new Int32Array(counts.length + 1);
    for (let c = 0; c < counts.length; c++) starts[c + 1] = starts[c] + counts[c];
    const next = starts.slice(0, -1);
    const order = new Int32Array(this.n);
    for (let r = 0; r < this.n; r++) order[next[codes[r]]++] = r;
    this.byBin[v] = { order, starts };
  }

  /** The codes of view `v` that `filter` passes: its bins (never "none"), or all with no filter. */
  private passOf(v: number, filter: ViewFilter | null): Uint8Array {
    const size = this.views[v].size;
    const pass = new Uint8Array(size + 1);
    if (!filter) return pass.fill(1);
    for (let b = 0; b < size; b++) pass[b] = filter.bins[b] ? 1 : 0;
    return pass;
  }

  /** The rows passing view `v`'s bins and `test`. */
  private rowsPassing(v: number, test: (row: number) => boolean): Uint8Array {
    const out = new Uint8Array(this.n);
    const codes = this.codes[v];
    const pass = this.binPass[v];
    for (let r = 0; r < this.n; r++) out[r] = pass[codes[r]] === 1 && test(r) ? 1 : 0;
    return out;
  }

  /** Rewrites view `v`'s bit of every row's fail mask from its filter. */
  private mark(v: number): void {
    const rowPass = this.rowPass[v];
    if (rowPass) markByRows(this.fail, rowPass, v);
    else markByBins(this.fail, this.codes[v], this.binPass[v], v);
  }

  /**
   * Every view's sums (but `unchanged`'s, whose own filter does not touch them) and the summary,
   * from the fail masks: the rows that pass everything are listed once and added to each view,
   * then each filtered view adds the rows that fail its filter alone.
   */
  private aggregate(unchanged = -1): void {
    const passing = (this.passing ??= new Int32Array(this.n));
    const count = passingRows(this.fail, passing);
    for (let v = 0; v < this.views.length; v++) {
      if (v === unchanged) continue;
      const s = this.sums[v];
      s.count.fill(0);
      s.amountCents.fill(0);
      sumRows(this.codes[v], passing, count, this.rows.amountCents, s.count, s.amountCents);
      if (this.filters[v]) sumFailingOnly(this.codes[v], this.fail, 1 << v, this.rows.amountCents, s.count, s.amountCents);
    }
    this.summary = summaryOf(passing, count, this.rows);
  }

  /** Adds (sign 1) or removes (sign -1) the summary of some rows. */
  private addSummary(part: SummaryStats, sign: number): void {
    const s = this.summary;
    s.count += sign * part.count;
    s.amountCents += sign * part.amountCents;
    s.settledCount += sign * part.settledCount;
    s.settledCents += sign * part.settledCents;
    s.dbtCentDays += sign * part.dbtCentDays;
    s.dtpCentDays += sign * part.dtpCentDays;
    s.onTimeCount += sign * part.onTimeCount;
  }

  /** Adds `row` (times `sign`) to view `u`'s bin. */
  private addBin(u: number, row: number, sign: number): void {
    const c = this.codes[u][row];
    const s = this.sums[u];
    s.count[c] += sign;
    s.amountCents[c] += sign * this.rows.amountCents[row];
  }

  /**
   * Adds the rows of view `v`'s bins that now pass and removes those of bins that no longer do.
   * Rows that fail no other filter are listed (entering, leaving) and then added to or removed
   * from each other view and the summary view by view; a row failing one other filter changes
   * only that view.
   */
  private moveBins(v: number, before: Uint8Array, after: Uint8Array): void {
    this.prepare(v);
    const { order, starts } = this.byBin[v]!;
    const fail = this.fail;
    const bit = 1 << v;
    const others = ~bit & 0xffff;
    const entering = (this.entering ??= new Int32Array(this.n));
    const leaving = (this.leaving ??= new Int32Array(this.n));
    let entered = 0;
    let left = 0;
    for (let b = 0; b < after.length; b++) {
      if (before[b] === after[b]) continue;
      const enters = after[b] === 1;
      for (let k = starts[b]; k < starts[b + 1]; k++) {
        const r = order[k];
        const rest = fail[r] & others;
        fail[r] = enters ? rest : rest | bit;
        if (rest === 0) {
          if (enters) entering[entered++] = r;
          else leaving[left++] = r;
        } else if (single(rest)) this.addBin(bitIndex(rest), r, enters ? 1 : -1);
      }
    }
    const cents = this.rows.amountCents;
    for (let u = 0; u < this.views.length; u++) {
      if (u === v) continue;
      const s = this.sums[u];
      sumRows(this.codes[u], entering, entered, cents, s.count, s.amountCents, 1);
      sumRows(this.codes[u], leaving, left, cents, s.count, s.amountCents, -1);
    }
    this.addSummary(summaryOf(entering, entered, this.rows), 1);
    this.addSummary(summaryOf(leaving, left, this.rows), -1);
  }
}
