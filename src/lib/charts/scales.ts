/** Pure helpers of the chart components: frames, month axes, value axes, label dodging and palettes. */
import { extent, interpolateRgb, max, min, quantize, scaleLinear, type ScaleLinear } from 'd3';

/** Space around the plot for axes and labels, in pixels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A chart's outer size, margins, and the plot area inside them. */
export interface Frame extends Margin {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
}

/** The plot area of a `width` × `height` chart; never negative, however small the chart. */
export function frame(width: number, height: number, margin: Margin): Frame {
  return {
    ...margin,
    width,
    height,
    innerWidth: Math.max(10, width - margin.left - margin.right),
    innerHeight: Math.max(10, height - margin.top - margin.bottom),
  };
}

/** Okabe–Ito, the colour-blind-safe qualitative palette (Wong, Nature Methods 2011). */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  vermilion: '#D55E00',
  purple: '#CC79A7',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** The colour of unapplied cash (a credit, drawn below zero). */
export const UNAPPLIED_COLOR = '#9aa3ad';

/**
 * Colours of aging buckets in order: current in blue, then overdue buckets from light orange
 * to dark brown, so age reads as darkness as well as hue (blue-orange is safe for the common
 * colour-vision deficiencies).
 */
export function agingColors(labels: readonly string[]): string[] {
  const overdue = labels.length - 1;
  const oranges = overdue === 1 ? ['#d95f0e'] : quantize(interpolateRgb('#fdc98a', '#7a2a05'), Math.max(overdue, 2));
  return labels.map((_, i) => (i === 0 ? '#3a78b5' : oranges[i - 1]));
}

/** Every how many categories a label fits on an axis of `innerWidth` pixels (1 = every one). */
export function labelStep(count: number, innerWidth: number, labelWidth = 52): number {
  if (count <= 1) return 1;
  const fits = Math.max(1, Math.floor(innerWidth / labelWidth));
  return Math.max(1, Math.ceil(count / fits));
}

/**
 * The indices of categories to label, counting back from the last (the as-of end of a time
 * axis is the one a reader looks for).
 */
export function labelledIndices(count: number, step: number): number[] {
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) out.unshift(i);
  return out;
}

/**
 * A value axis from 0 (or below, for negatives) to the data's maximum. The far end from zero
 * is rounded to a nice tick; a small negative end (e.g. unapplied cash under large balances)
 * is only padded, so it does not claim a whole tick step of empty space.
 */
export function valueScale(values: readonly (number | null | undefined)[], range: [number, number], includeZero = true): ScaleLinear<number, number> {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let lo = min(finite) ?? 0;
  let hi = max(finite) ?? 1;
  if (includeZero) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const nice = scaleLinear().domain([lo, hi]).nice(5).domain();
  if (lo < 0 && hi > 0 && -lo < (hi - lo) * 0.15) return scaleLinear().domain([lo * 1.15, nice[1]]).range(range);
  if (hi > 0 && lo < 0 && hi < (hi - lo) * 0.15) return scaleLinear().domain([nice[0], hi * 1.15]).range(range);
  return scaleLinear().domain(nice).range(range);
}

/** A tight scale for small multiples (sparklines): the data's own range, padded, flat data centred. */
export function tightScale(values: readonly (number | null | undefined)[], range: [number, number]): ScaleLinear<number, number> {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let [lo, hi] = extent(finite) as [number | undefined, number | undefined];
  if (lo === undefined || hi === undefined) [lo, hi] = [0, 1];
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  }
  return scaleLinear().domain([lo, hi]).range(range);
}

/**
 * Moves label positions apart so that none is closer than `gap` to the next, keeping their order
 * and staying inside [lo, hi] (for direct labels at the ends of lines).
 */
export function dodge(positions: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const placed = order.map((o) => o.p);
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k], placed[k - 1] + gap);
  const overflow = placed.length ? placed[placed.length - 1] - hi : 0;
  if (overflow > 0) for (let k = 0; k < placed.length; k++) placed[k] -= overflow;
  for (let k = 0; k < placed.length; k++) placed[k] = Math.max(placed[k], lo + k * gap);
  const out = new Array<number>(positions.length);
  order.forEach((o, k) => (out[o.i] = placed[k]));
  return out;
}

/** Rounds a coordinate for SVG text (short attributes, stable snapshots). */
export function px(value: number): number {
  return Math.round(value * 10) / 10;
}
