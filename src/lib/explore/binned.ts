/** The explorer's server-side bins (the fallback beyond the browser's row limit): what /explore/bins answers, and the views' arrays drawn from it. */
import { TIERS } from '../risk/types.ts';
import type { BinAggregates } from './crossfilter.ts';
import { CATEGORY_VIEWS, VIEW_IDS, type CategoryValue, type CategoryView, type ViewId, type YMeasure } from './selection.ts';
import type { SelectionSummary } from './summary.ts';
import { NONE_TOKEN } from './url-codec.ts';
import type { ExploreLayout } from './views.ts';

/**
 * One bin of a view: its key (a cell or bin index, a month YYYY-MM or a category value, '~none'
 * for none); the invoices in it passing every other view's filter and their base amount; and all
 * its invoices and their amount.
 */
export interface ExploreBin {
  bin: string;
  count: number;
  amount: number;
  total_count: number;
  total_amount: number;
}

/** The answer of /explore/bins: the views' layout, each view's bins (own filter left out) and the selection's summary. */
export interface ExploreBins {
  /** Invoices in the scope (before any selection). */
  invoices: number;
  /** The scatter's vertical measure the cells were made for. */
  y: YMeasure;
  /** Edges of the scatter's amount (log) and days axes, and of the days-beyond-terms histogram. */
  edges: { x: number[]; y: number[]; dbt: number[] };
  /** Every month from the first invoice's to the last's. */
  months: string[];
  views: Partial<Record<ViewId, ExploreBin[]>>;
  summary: SelectionSummary;
}

/** A view's arrays in bin order: filtered and unfiltered counts and amounts (cents), as the in-browser views have them. */
export interface BinnedAggregates {
  aggregates: BinAggregates;
  totals: BinAggregates;
}

const tierRank = (v: CategoryValue) => (TIERS as readonly unknown[]).indexOf(v);

/** The value a category bin's key stands for. */
function categoryValue(view: CategoryView, key: string): CategoryValue {
  if (key === NONE_TOKEN) return null;
  return view === 'terms' ? Number(key) : key;
}

/** A category view's values in the order the in-browser views show them: tiers by rank, terms by days, names sorted; none last. */
function orderedValues(view: CategoryView, bins: readonly ExploreBin[]): CategoryValue[] {
  const values = bins.map((b) => categoryValue(view, b.bin)).filter((v) => v !== null);
  const compare =
    view === 'tier'
      ? (a: CategoryValue, b: CategoryValue) => tierRank(a) - tierRank(b)
      : view === 'terms'
        ? (a: CategoryValue, b: CategoryValue) => Number(a) - Number(b)
        : (a: CategoryValue, b: CategoryValue) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  return [...values.sort(compare), null];
}

/** The layout of the views of a binned answer. */
export function binnedLayout(b: ExploreBins): ExploreLayout {
  const categories = Object.fromEntries(CATEGORY_VIEWS.map((v) => [v, { values: orderedValues(v, b.views[v] ?? []) }]));
  return {
    y: b.y,
    scatter: { x: b.edges.x, y: b.edges.y },
    dbt: { edges: b.edges.dbt },
    month: { months: b.months },
    categories: categories as ExploreLayout['categories'],
  };
}

/** How many bins view `id` has in `layout`, and the position of a bin's key. */
function indexer(id: ViewId, layout: ExploreLayout): { size: number; at: (key: string) => number } {
  if (id === 'scatter') return { size: (layout.scatter.x.length - 1) * (layout.scatter.y.length - 1), at: Number };
  if (id === 'dbt') return { size: layout.dbt.edges.length - 1, at: Number };
  const keys = id === 'month' ? layout.month.months : layout.categories[id].values.map((v) => (v === null ? NONE_TOKEN : String(v)));
  const index = new Map(keys.map((k, i) => [k, i]));
  return { size: keys.length, at: (key) => index.get(key) ?? -1 };
}

/** Each view's arrays (in the order of VIEW_IDS) from a binned answer laid out as `layout`. */
export function binnedAggregates(b: ExploreBins, layout: ExploreLayout): BinnedAggregates[] {
  return VIEW_IDS.map((id) => {
    const { size, at } = indexer(id, layout);
    const out: BinnedAggregates = {
      aggregates: { count: new Float64Array(size), amountCents: new Float64Array(size) },
      totals: { count: new Float64Array(size), amountCents: new Float64Array(size) },
    };
    for (const bin of b.views[id] ?? []) {
      const i = at(bin.bin);
      if (i < 0 || i >= size) continue;
      out.aggregates.count[i] = bin.count;
      out.aggregates.amountCents[i] = Math.round(bin.amount * 100);
      out.totals.count[i] = bin.total_count;
      out.totals.amountCents[i] = Math.round(bin.total_amount * 100);
    }
    return out;
  });
}
