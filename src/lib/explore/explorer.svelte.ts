/** The Explore page's state in the browser: the data, its views, the cross-filter and the selection, kept in step. */
import { CrossFilter } from './crossfilter.ts';
import type { ExploreData } from './dataset.ts';
import type { ExploreModel } from './model.ts';
import {
  CATEGORY_VIEWS,
  emptySelection,
  toggleCategory,
  type CategoryValue,
  type CategoryView,
  type MonthRange,
  type Range,
  type Selection,
  type ViewId,
  type YMeasure,
} from './selection.ts';
import { summarise, type SelectionSummary } from './summary.ts';
import { buildViews, filtersOf, viewIndex, type ExploreLayout, type ExploreViews } from './views.ts';

/** How long the last re-aggregations took (ms, measured with performance.now), newest last. */
export const refilterTimes: number[] = [];

/** The explorer: change the selection through its methods; read `version` to know when to redraw. */
export class Explorer implements ExploreModel {
  /** Every answer is at hand in the browser. */
  readonly pending = false;
  /** Bumped after every re-aggregation. */
  version = $state(0);
  selection = $state.raw<Selection>(emptySelection());
  views: ExploreViews;
  cf: CrossFilter;
  /** The unfiltered aggregates of every view, drawn behind the filtered ones. */
  totals: { count: Float64Array; amountCents: Float64Array }[];

  constructor(
    readonly data: ExploreData,
    selection: Selection,
  ) {
    this.selection = selection;
    this.views = buildViews(data, selection.y);
    this.cf = new CrossFilter(data, this.views.bins);
    this.totals = this.cf.aggregates.map((a) => ({ count: a.count.slice(), amountCents: a.amountCents.slice() }));
    this.applyAll();
    this.prepareWhenIdle();
  }

  /** Orders each view's rows by bin while the browser is idle, one view per idle slot, so a brush's moves start fast. */
  private prepareWhenIdle(): void {
    if (typeof requestIdleCallback !== 'function') return;
    const cf = this.cf;
    const next = (v: number) => {
      if (v >= this.views.bins.length || cf !== this.cf) return;
      requestIdleCallback(() => (cf.prepare(v), next(v + 1)), { timeout: 2000 });
    };
    next(0);
  }

  /** The views' layout (read after `version`, so a change of measure redraws). */
  get layout(): ExploreLayout {
    void this.version;
    return this.views.layout;
  }

  /** Invoices in the view. */
  get invoices(): number {
    return this.data.n;
  }

  /** View `id`'s bins under every other view's filter. */
  aggregatesOf(id: ViewId) {
    void this.version;
    return this.cf.aggregates[viewIndex(id)];
  }

  /** View `id`'s bins unfiltered. */
  totalsOf(id: ViewId) {
    void this.version;
    return this.totals[viewIndex(id)];
  }

  /** Gets view `id` ready for a brush (called when the pointer goes down on it). */
  startBrush(id: ViewId): void {
    this.cf.prepare(viewIndex(id));
  }

  /** The summary of the rows that pass every filter. */
  get summary(): SelectionSummary {
    void this.version;
    return summarise(this.cf.summary);
  }

  /** Re-applies the whole selection (after a reload, or a change of scatter measure). */
  private applyAll(): void {
    const t0 = performance.now();
    this.cf.setFilters(filtersOf(this.views, this.data, this.selection));
    this.done(t0);
  }

  private done(t0: number): void {
    refilterTimes.push(performance.now() - t0);
    if (refilterTimes.length > 1000) refilterTimes.shift();
    this.version++;
  }

  /** Sets the selection and re-filters only the view whose part changed (`view`). */
  private update(next: Selection, view: number): void {
    const t0 = performance.now();
    this.selection = next;
    this.cf.setFilter(view, filtersOf(this.views, this.data, next)[view]);
    this.done(t0);
  }

  /** The scatter brush (amount and days ranges), or null to clear it. */
  brushScatter(amount: Range | null, ydays: Range | null): void {
    this.update({ ...this.selection, amount, ydays }, viewIndex('scatter'));
  }

  /** The days-beyond-terms brush, or null. */
  brushDbt(range: Range | null): void {
    this.update({ ...this.selection, dbt: range }, viewIndex('dbt'));
  }

  /** The month brush, or null. */
  brushMonths(range: MonthRange | null): void {
    this.update({ ...this.selection, month: range }, viewIndex('month'));
  }

  /** Picks or unpicks one bar of a category view. */
  toggle(view: CategoryView, value: CategoryValue): void {
    const categories = { ...this.selection.categories, [view]: toggleCategory(this.selection.categories[view], value) };
    this.update({ ...this.selection, categories }, viewIndex(view));
  }

  /** Clears one category view's picks. */
  clearCategory(view: CategoryView): void {
    this.update({ ...this.selection, categories: { ...this.selection.categories, [view]: null } }, viewIndex(view));
  }

  /** Shows `y` on the scatter; the scatter's brush is dropped (its days were of the other measure). */
  setMeasure(y: YMeasure): void {
    if (y === this.selection.y) return;
    this.selection = { ...this.selection, y, amount: null, ydays: null };
    this.views = buildViews(this.data, y);
    this.cf = new CrossFilter(this.data, this.views.bins);
    this.totals = this.cf.aggregates.map((a) => ({ count: a.count.slice(), amountCents: a.amountCents.slice() }));
    this.applyAll();
    this.prepareWhenIdle();
  }

  /** Clears every filter. */
  clearAll(): void {
    this.selection = {
      ...this.selection,
      amount: null,
      ydays: null,
      dbt: null,
      month: null,
      categories: Object.fromEntries(CATEGORY_VIEWS.map((v) => [v, null])) as Selection['categories'],
    };
    this.applyAll();
  }
}
