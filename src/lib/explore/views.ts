/** The explorer's views over the data (their bins and axes) and the filters a selection puts on them. */
import { binOf, binsOfRange, dayEdges, logEdges } from './bins.ts';
import { NULL_DAYS, type ViewBins, type ViewFilter } from './crossfilter.ts';
import type { ExploreData } from './dataset.ts';
import {
  CATEGORY_VIEWS,
  daysOfMonth,
  monthOfDays,
  monthsFrom,
  VIEW_IDS,
  type CategoryValue,
  type CategoryView,
  type Range,
  type Selection,
  type ViewId,
  type YMeasure,
} from './selection.ts';

/** Bins across the scatter's amount axis, and at most across its days axis. */
export const SCATTER_X_BINS = 120;
export const SCATTER_Y_BINS = 90;
/** At most this many bars in the days-beyond-terms histogram. */
export const DBT_BINS = 80;

/** How each view lays out its bins. */
export interface ExploreLayout {
  y: YMeasure;
  /** Scatter: amount edges (log) and days edges; cell = xBin × yBins + yBin. */
  scatter: { x: number[]; y: number[] };
  dbt: { edges: number[] };
  /** One bin per month (YYYY-MM), first to last, none skipped. */
  month: { months: string[] };
  /** One bin per value, then a last bin for "none". */
  categories: Record<CategoryView, { values: CategoryValue[] }>;
}

/** The views' layouts and the bin of every row in each, in the order of VIEW_IDS. */
export interface ExploreViews {
  layout: ExploreLayout;
  bins: ViewBins[];
}

function extent(values: Int32Array | Float64Array, skip?: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === skip) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/**
 * The bin of each day count among `edges` of equal width (as dayEdges makes them), by
 * arithmetic rather than a search; -1 for null or outside. Written into `out`.
 */
function daysBins(values: Int32Array, edges: number[], out = new Int32Array(values.length)): Int32Array {
  const first = edges[0];
  const step = edges.length > 1 ? edges[1] - edges[0] : 1;
  const bins = edges.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const b = Math.floor((v - first) / step);
    out[i] = v === NULL_DAYS || b < 0 || b >= bins ? -1 : b;
  }
  return out;
}

function scatterView(data: ExploreData, y: YMeasure): { layout: ExploreLayout['scatter']; bins: ViewBins } {
  const [minCents, maxCents] = extent(data.amountCents);
  const x = logEdges(Math.max(minCents, 1) / 100, Math.max(maxCents, 1) / 100, SCATTER_X_BINS);
  const ys = y === 'days_to_pay' ? data.daysToPay : data.daysBeyondTerms;
  const [lo, hi] = extent(ys, NULL_DAYS);
  const yEdges = dayEdges(lo, hi, SCATTER_Y_BINS);
  const ny = yEdges.length - 1;
  const bin = daysBins(ys, yEdges);
  for (let i = 0; i < data.n; i++) {
    const yb = bin[i];
    const xb = yb < 0 ? -1 : binOf(x, data.amountCents[i] / 100);
    bin[i] = xb < 0 ? -1 : xb * ny + yb;
  }
  return { layout: { x, y: yEdges }, bins: { size: (x.length - 1) * ny, bin } };
}

function monthView(data: ExploreData): { layout: ExploreLayout['month']; bins: ViewBins } {
  const [lo, hi] = extent(data.month, NULL_DAYS);
  const months = lo <= hi && data.n > 0 ? monthsFrom(monthOfDays(lo), monthOfDays(hi)) : [];
  const index = new Map<number, number>(months.map((m, i) => [daysOfMonth(m), i]));
  // Month start (days since 1970) → bin, through a table over the days from the first month's start.
  const bin = new Int32Array(data.n).fill(-1);
  if (index.size > 0) {
    const table = new Int32Array(hi - lo + 1).fill(-1);
    for (const [days, i] of index) if (days >= lo && days <= hi) table[days - lo] = i;
    for (let i = 0; i < data.n; i++) {
      const d = data.month[i];
      if (d >= lo && d <= hi) bin[i] = table[d - lo];
    }
  }
  return { layout: { months }, bins: { size: months.length, bin } };
}

/** The distinct terms in increasing order, and the code of a term (its position; the count of them for null). */
function distinctTerms(terms: Int32Array): { distinct: number[]; code: (t: number) => number } {
  const [lo, hi] = extent(terms, NULL_DAYS);
  if (terms.length === 0 || hi - lo > 100_000) {
    // Terms far apart (not seen in practice): a map.
    const distinct = [...new Set(Array.from(terms).filter((t) => t !== NULL_DAYS))].sort((a, b) => a - b);
    const index = new Map(distinct.map((t, i) => [t, i]));
    return { distinct, code: (t) => index.get(t) ?? distinct.length };
  }
  const seen = new Uint8Array(hi - lo + 1);
  for (let i = 0; i < terms.length; i++) if (terms[i] !== NULL_DAYS) seen[terms[i] - lo] = 1;
  const table = new Int32Array(hi - lo + 1);
  const distinct: number[] = [];
  for (let d = 0; d < seen.length; d++) if (seen[d]) table[d] = distinct.push(lo + d) - 1;
  const none = distinct.length;
  return { distinct, code: (t) => (t === NULL_DAYS ? none : table[t - lo]) };
}

function categoryView(data: ExploreData, view: CategoryView): { layout: { values: CategoryValue[] }; bins: ViewBins } {
  const bin = new Int32Array(data.n);
  if (view === 'terms') {
    const { distinct, code } = distinctTerms(data.terms);
    for (let i = 0; i < data.n; i++) bin[i] = code(data.terms[i]);
    return { layout: { values: [...distinct, null] }, bins: { size: distinct.length + 1, bin } };
  }
  const codes = data.codes[view];
  const dict = data.dictionaries[view];
  for (let i = 0; i < data.n; i++) bin[i] = codes[i] < 0 ? dict.length : codes[i];
  return { layout: { values: [...dict, null] }, bins: { size: dict.length + 1, bin } };
}

/** The views of `data`, with the scatter showing `y`. */
export function buildViews(data: ExploreData, y: YMeasure): ExploreViews {
  const scatter = scatterView(data, y);
  const dbtEdges = (() => {
    const [lo, hi] = extent(data.daysBeyondTerms, NULL_DAYS);
    return dayEdges(lo, hi, DBT_BINS);
  })();
  const month = monthView(data);
  const categories = CATEGORY_VIEWS.map((v) => categoryView(data, v));
  const layout: ExploreLayout = {
    y,
    scatter: scatter.layout,
    dbt: { edges: dbtEdges },
    month: month.layout,
    categories: Object.fromEntries(CATEGORY_VIEWS.map((v, i) => [v, categories[i].layout])) as ExploreLayout['categories'],
  };
  const bins = [scatter.bins, { size: dbtEdges.length - 1, bin: daysBins(data.daysBeyondTerms, dbtEdges) }, month.bins, ...categories.map((c) => c.bins)];
  return { layout, bins };
}

/** The index of a view in VIEW_IDS (and in ExploreViews.bins). */
export function viewIndex(id: ViewId): number {
  return VIEW_IDS.indexOf(id);
}

/** The bins of a range over `edges` that pass, and whether the range's ends are edges. */
function rangeBins(edges: number[], range: Range): { pass: Uint8Array; exact: boolean } {
  const pass = new Uint8Array(edges.length - 1);
  const whole = binsOfRange(edges, range);
  if (whole) {
    pass.fill(1, whole[0], whole[1]);
    return { pass, exact: true };
  }
  // Bins that overlap the range; the row test decides inside the two end bins.
  for (let b = 0; b < pass.length; b++) pass[b] = edges[b + 1] > range[0] && edges[b] < range[1] ? 1 : 0;
  return { pass, exact: false };
}

const inRange = (v: number, r: Range) => v >= r[0] && v < r[1];

function scatterFilter(layout: ExploreLayout, data: ExploreData, s: Selection): ViewFilter | null {
  if (!s.amount && !s.ydays) return null;
  const { x, y } = layout.scatter;
  const xs = s.amount ? rangeBins(x, s.amount) : { pass: new Uint8Array(x.length - 1).fill(1), exact: true };
  const ys = s.ydays ? rangeBins(y, s.ydays) : { pass: new Uint8Array(y.length - 1).fill(1), exact: true };
  const ny = y.length - 1;
  const bins = new Uint8Array((x.length - 1) * ny);
  for (let i = 0; i < x.length - 1; i++) for (let j = 0; j < ny; j++) bins[i * ny + j] = xs.pass[i] & ys.pass[j];
  if (xs.exact && ys.exact) return { bins };
  const days = layout.y === 'days_to_pay' ? data.daysToPay : data.daysBeyondTerms;
  const { amount, ydays } = s;
  return {
    bins,
    rowTest: (r) =>
      days[r] !== NULL_DAYS && (!amount || inRange(data.amountCents[r] / 100, amount)) && (!ydays || inRange(days[r], ydays)),
  };
}

/** The filter each view gets from `s` (null where it picks nothing), in the order of VIEW_IDS. */
export function filtersOf(views: ExploreViews, data: ExploreData, s: Selection): (ViewFilter | null)[] {
  const { layout } = views;
  const out: (ViewFilter | null)[] = [scatterFilter(layout, data, s)];
  if (s.dbt) {
    const { pass, exact } = rangeBins(layout.dbt.edges, s.dbt);
    const dbt = s.dbt;
    out.push(exact ? { bins: pass } : { bins: pass, rowTest: (r) => data.daysBeyondTerms[r] !== NULL_DAYS && inRange(data.daysBeyondTerms[r], dbt) });
  } else out.push(null);
  if (s.month) {
    const [first, last] = s.month;
    out.push({ bins: Uint8Array.from(layout.month.months, (m) => (m >= first && m <= last ? 1 : 0)) });
  } else out.push(null);
  for (const view of CATEGORY_VIEWS) {
    const chosen = s.categories[view];
    out.push(chosen ? { bins: Uint8Array.from(layout.categories[view].values, (v) => (chosen.includes(v) ? 1 : 0)) } : null);
  }
  return out;
}
