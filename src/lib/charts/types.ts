/** The shapes of chart data, shared by the chart components and the pages that feed them. */

/** One line of a TrendLines chart. */
export interface TrendSeries {
  key: string;
  label: string;
  /** One value per date; null leaves a gap. */
  values: readonly (number | null)[];
  color: string;
  /** SVG dash pattern, so lines differ by more than colour. */
  dash?: string;
}

/** One layer of a StackedBars chart (e.g. an aging bucket). */
export interface StackKey {
  key: string;
  label: string;
  color: string;
}
