/** What the Explore page's views read and call, whether the cross-filter runs in the browser (Explorer) or on the server (BinnedExplorer). */
import type { BinAggregates } from './crossfilter.ts';
import type { CategoryValue, CategoryView, MonthRange, Range, Selection, ViewId, YMeasure } from './selection.ts';
import type { SelectionSummary } from './summary.ts';
import type { ExploreLayout } from './views.ts';

/** The explorer as the page sees it: read `version` to know when to redraw; change the selection through the methods. */
export interface ExploreModel {
  /** Bumped whenever the aggregates change. */
  readonly version: number;
  readonly selection: Selection;
  readonly layout: ExploreLayout;
  readonly summary: SelectionSummary;
  /** Invoices in the view before any selection. */
  readonly invoices: number;
  /** Whether figures for the current selection are still on their way (server-side bins). */
  readonly pending: boolean;
  /** View `id`'s bins under every other view's filter. */
  aggregatesOf(id: ViewId): BinAggregates;
  /** View `id`'s bins unfiltered (drawn behind). */
  totalsOf(id: ViewId): BinAggregates;
  /** A brush gesture starts on view `id`. */
  startBrush(id: ViewId): void;
  /** The brushes (null clears); `final` at the gesture's end. */
  brushScatter(amount: Range | null, ydays: Range | null, final?: boolean): void;
  brushDbt(range: Range | null, final?: boolean): void;
  brushMonths(range: MonthRange | null, final?: boolean): void;
  toggle(view: CategoryView, value: CategoryValue): void;
  clearCategory(view: CategoryView): void;
  setMeasure(y: YMeasure): void;
  clearAll(): void;
}
