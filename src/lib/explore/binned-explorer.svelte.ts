/**
 * The Explore page's state for a view over the browser's row limit: the cross-filter runs in
 * DuckDB on the server (/explore/bins), asked again for every change of the selection. Moves of a
 * brush are debounced; one question is on its way at a time, the next asking for the newest
 * selection; leaving the page aborts the question on its way.
 */
import { binnedAggregates, binnedLayout, type BinnedAggregates, type ExploreBins } from './binned.ts';
import type { ExploreModel } from './model.ts';
import {
  CATEGORY_VIEWS,
  toggleCategory,
  VIEW_IDS,
  type CategoryValue,
  type CategoryView,
  type MonthRange,
  type Range,
  type Selection,
  type ViewId,
  type YMeasure,
} from './selection.ts';
import type { SelectionSummary } from './summary.ts';
import { encodeSelection } from './url-codec.ts';
import type { ExploreLayout } from './views.ts';

/** How long a moving brush rests before the server is asked (ms). */
export const BRUSH_DEBOUNCE_MS = 120;

/** How long the last server round trips took (ms, question to drawn answer), newest last. */
export const binnedRoundTrips: number[] = [];

/** Asks /explore/bins for `query` (the scope and the selection); a refusal becomes an Error with the server's sentence. */
export async function fetchBins(query: URLSearchParams, signal?: AbortSignal): Promise<ExploreBins> {
  const res = await fetch(`/explore/bins?${query}`, { signal });
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.message ?? res.statusText);
  return res.json();
}

/** The explorer over server-side bins. */
export class BinnedExplorer implements ExploreModel {
  version = $state(0);
  selection = $state.raw<Selection>() as Selection;
  layout = $state.raw<ExploreLayout>() as ExploreLayout;
  summary = $state.raw<SelectionSummary>() as SelectionSummary;
  pending = $state(false);
  /** The last refusal or failure of the server, until an answer comes. */
  problem = $state<string | null>(null);
  readonly invoices: number;
  private views: BinnedAggregates[] = [];
  /** The question on its way, and whether the selection changed since it was sent. */
  private asking: AbortController | null = null;
  private again = false;
  /** The query of the selection the figures on show are for. */
  private answered: string;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param scope the query of the view (as-of date and filters) every question carries
   * @param selection the selection the first answer was made for
   * @param first the server's answer for it
   */
  constructor(
    private readonly scope: URLSearchParams,
    selection: Selection,
    first: ExploreBins,
  ) {
    this.invoices = first.invoices;
    this.selection = selection;
    this.answered = encodeSelection(selection, scope).toString();
    this.apply(first);
  }

  private apply(answer: ExploreBins): void {
    // The layout changes only with the scatter's measure: keeping the same object spares the views a redraw of their axes and brushes.
    const layout = binnedLayout(answer);
    if (!this.layout || JSON.stringify(layout) !== JSON.stringify(this.layout)) this.layout = layout;
    this.views = binnedAggregates(answer, this.layout);
    this.summary = answer.summary;
    this.problem = null;
    this.version++;
  }

  /** Asks the server for the current selection after `delay` ms; a newer change restarts the wait. */
  private ask(delay: number): void {
    clearTimeout(this.timer);
    this.pending = true;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, delay);
  }

  /**
   * Sends the current selection, one question at a time: while one is on its way, the next waits
   * for it and then asks for the selection as it is by then (those in between are never sent). An
   * aborted fetch would not stop the server, which answers a scope's questions in turn: the newest
   * would only queue behind it. An answer overtaken on its way is still drawn, the page staying
   * pending until the newest has come.
   */
  private send(): void {
    if (this.asking) {
      this.again = true;
      return;
    }
    const query = encodeSelection(this.selection, this.scope);
    // A brush's end on the spot where its last move was answered: nothing new to ask.
    if (query.toString() === this.answered) {
      this.pending = this.timer !== undefined;
      return;
    }
    const controller = (this.asking = new AbortController());
    const t0 = performance.now();
    fetchBins(query, controller.signal)
      .then((answer) => {
        if (controller.signal.aborted) return;
        this.answered = query.toString();
        this.apply(answer);
        binnedRoundTrips.push(performance.now() - t0);
        if (binnedRoundTrips.length > 1000) binnedRoundTrips.shift();
      })
      .catch((err: Error) => {
        if (!controller.signal.aborted) this.problem = err.message;
      })
      .finally(() => {
        if (this.asking !== controller) return;
        this.asking = null;
        if (this.again) {
          this.again = false;
          this.send();
        } else this.pending = this.timer !== undefined;
      });
  }

  private update(next: Selection, final: boolean): void {
    this.selection = next;
    this.ask(final ? 0 : BRUSH_DEBOUNCE_MS);
  }

  aggregatesOf(id: ViewId) {
    void this.version;
    return this.views[VIEW_IDS.indexOf(id)].aggregates;
  }

  totalsOf(id: ViewId) {
    void this.version;
    return this.views[VIEW_IDS.indexOf(id)].totals;
  }

  startBrush(): void {}

  brushScatter(amount: Range | null, ydays: Range | null, final = true): void {
    this.update({ ...this.selection, amount, ydays }, final);
  }

  brushDbt(range: Range | null, final = true): void {
    this.update({ ...this.selection, dbt: range }, final);
  }

  brushMonths(range: MonthRange | null, final = true): void {
    this.update({ ...this.selection, month: range }, final);
  }

  toggle(view: CategoryView, value: CategoryValue): void {
    this.update({ ...this.selection, categories: { ...this.selection.categories, [view]: toggleCategory(this.selection.categories[view], value) } }, true);
  }

  clearCategory(view: CategoryView): void {
    this.update({ ...this.selection, categories: { ...this.selection.categories, [view]: null } }, true);
  }

  /** Shows `y` on the scatter; its brush is dropped, and the server lays out the new cells. */
  setMeasure(y: YMeasure): void {
    if (y === this.selection.y) return;
    this.update({ ...this.selection, y, amount: null, ydays: null }, true);
  }

  clearAll(): void {
    const categories = Object.fromEntries(CATEGORY_VIEWS.map((v) => [v, null])) as Selection['categories'];
    this.update({ ...this.selection, amount: null, ydays: null, dbt: null, month: null, categories }, true);
  }

  /** Stops asking (the page is left): the question on its way is aborted and its answer dropped. */
  dispose(): void {
    clearTimeout(this.timer);
    this.again = false;
    this.asking?.abort();
  }
}
